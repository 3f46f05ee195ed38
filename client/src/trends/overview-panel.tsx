/**
 * Mounts the overview strip (whole range + brush) and keeps it in sync: data, and the zoomed window
 * when it changes from elsewhere (buttons).
 */
import { useEffect, useRef, useState } from 'react'
import { useI18n } from '../i18n/use-i18n'
import { OverviewStrip } from './overview-strip'
import type { TrendSeries } from './trend-series'

/** Props of {@link OverviewPanel}. */
export interface OverviewPanelProps {
  series: readonly TrendSeries[]
  domain: [number, number]
  zoom: [number, number] | undefined
  onBrush: (r: [number, number] | undefined) => void
  onBrushEnd: (r: [number, number] | undefined) => void
}

/** The strip. */
export function OverviewPanel({ series, domain, zoom, onBrush, onBrushEnd }: OverviewPanelProps) {
  const { t } = useI18n()
  const box = useRef<HTMLDivElement>(null)
  const canvas = useRef<HTMLCanvasElement>(null)
  const svg = useRef<SVGSVGElement>(null)
  const [strip, setStrip] = useState<OverviewStrip>()
  const cb = useRef({ onBrush, onBrushEnd })
  cb.current = { onBrush, onBrushEnd }
  useEffect(() => {
    const s = new OverviewStrip(canvas.current!, svg.current!, {
      onBrush: (r) => cb.current.onBrush(r),
      onBrushEnd: (r) => cb.current.onBrushEnd(r),
    })
    setStrip(s)
    const el = box.current!
    const ro = new ResizeObserver(() => s.resize(el.clientWidth, el.clientHeight))
    ro.observe(el)
    s.resize(el.clientWidth, el.clientHeight)
    return () => ro.disconnect()
  }, [])
  useEffect(() => strip?.setData(series, domain), [strip, series, domain])
  useEffect(() => strip?.setSelection(zoom), [strip, zoom, domain, series])
  return (
    <figure className="overview" aria-label={t('trends.overview')}>
      <div className="overview-box" ref={box}>
        <canvas ref={canvas} className="trend-canvas" style={{ width: '100%', height: '100%' }} />
        <svg ref={svg} className="overview-svg" data-testid="trend-overview" />
      </div>
      <figcaption className="muted small">{t('trends.brushHint')}</figcaption>
    </figure>
  )
}
