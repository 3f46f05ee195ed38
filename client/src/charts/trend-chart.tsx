/**
 * The live trend chart of one station metric: the last 24 h from the series API plus live socket
 * readings, drawn on canvas with D3 scales and axes, and the applicable limit lines dashed and
 * labelled in an SVG overlay (`data-testid="limit-line"`). React only mounts it; drawing is
 * imperative (TrendRenderer), at most once per frame.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import type { StationKind } from '../../../shared/src/domain/station'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'
import { metricMeta } from '../ui/labels'
import type { ChartLimit } from './chart-overlay'
import type { ReviewShade } from './review-shades'
import { normalizeTrendOptions } from './options'
import { TrendRenderer } from './trend-renderer'
import { useLiveSeries } from './use-live-series'
import { useWindowSeries } from './use-window-series'
import type { AveragingWindow } from './window-means'

/** Props of {@link TrendChart}. */
export interface TrendChartProps {
  stationId: string
  kind: StationKind
  metric: string
  intervalSec: number
  limits: readonly ChartLimit[]
  /** Chart height in px (the width follows the container). */
  height?: number
  windowMs?: number
  /** `live`: raw samples plus socket readings; else the rule's averaging-window series. */
  mode?: 'live' | AveragingWindow
  /** Review marks shaded behind the series (issue 13). */
  shades?: readonly ReviewShade[]
  /** Dragging across the plot selects [from, to) (a reviewer marking data); absent: no selection. */
  onSelect?: (from: number, to: number) => void
  /** Called when the history request has answered (data or error), e.g. to start requests that wait for it. */
  onLoaded?: () => void
}

const DAY = 86_400_000
const NO_SHADES: readonly ReviewShade[] = []

/** A live trend chart (canvas + SVG overlay). */
export function TrendChart({
  stationId,
  kind,
  metric,
  intervalSec,
  limits,
  height = 220,
  windowMs = DAY,
  mode = 'live',
  shades = NO_SHADES,
  onSelect,
  onLoaded,
}: TrendChartProps) {
  const { t, lang } = useI18n()
  const boxRef = useRef<HTMLDivElement>(null)
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const svgRef = useRef<SVGSVGElement>(null)
  const [renderer, setRenderer] = useState<TrendRenderer>()
  const meta = metricMeta(kind, metric)
  // Window series are hourly: gaps are judged against an hour, not the reporting interval.
  const options = useMemo(
    () =>
      normalizeTrendOptions({
        unit: meta?.unit ?? '',
        digits: meta?.digits ?? 2,
        intervalSec: mode === 'live' ? intervalSec : 3600,
        windowMs,
        color: mode === 'live' ? undefined : '#b48cf2',
      }),
    [meta, intervalSec, windowMs, mode],
  )
  const optionsRef = useRef(options)
  optionsRef.current = options
  const raw = useLiveSeries(stationId, mode === 'live' ? metric : undefined, windowMs, () => renderer?.requestDraw())
  const averaged = useWindowSeries(stationId, mode === 'live' ? undefined : metric, mode === 'live' ? '1h' : mode, windowMs, () =>
    renderer?.requestDraw(),
  )
  const live = mode === 'live' ? raw : averaged
  const onLoadedRef = useRef(onLoaded)
  onLoadedRef.current = onLoaded
  useEffect(() => {
    if (live.state !== 'loading') onLoadedRef.current?.()
  }, [live.state])

  useEffect(() => {
    const r = new TrendRenderer(canvasRef.current!, svgRef.current!, optionsRef.current)
    setRenderer(r)
    const box = boxRef.current!
    const ro = new ResizeObserver(() => r.resize(box.clientWidth, height))
    ro.observe(box)
    r.resize(box.clientWidth, height)
    // Slide the window even when the station is silent.
    const slide = setInterval(() => r.requestDraw(), 15_000)
    return () => {
      ro.disconnect()
      clearInterval(slide)
      r.destroy()
    }
    // The renderer lives as long as the element; options and data are pushed to it below.
  }, [height])

  useEffect(() => renderer?.setOptions(options), [renderer, options])
  useEffect(() => renderer?.setSeries(live.series), [renderer, live.series, live.state])
  useEffect(() => renderer?.setLimits(limits), [renderer, limits])
  useEffect(() => renderer?.setFlags(live.flags), [renderer, live.flags])
  useEffect(() => renderer?.setShades(shades), [renderer, shades])
  useEffect(() => renderer?.setSelectable(onSelect), [renderer, onSelect])

  const status =
    live.state === 'loading'
      ? t('chart.loading')
      : !live.hasData
        ? mode === 'live'
          ? t('chart.empty')
          : t(`chart.emptyWindow.${mode}` as MessageKey)
        : undefined
  return (
    <figure className="trend" aria-label={`${meta?.[lang] ?? metric} · ${t('chart.last24h')}`}>
      <div className="trend-box" ref={boxRef} style={{ height }}>
        <canvas ref={canvasRef} data-testid="trend-canvas" className="trend-canvas" style={{ width: '100%', height }} />
        <svg ref={svgRef} className="trend-overlay" aria-hidden="true" />
        {status && <div className="trend-status">{status}</div>}
      </div>
    </figure>
  )
}
