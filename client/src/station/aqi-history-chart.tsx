/**
 * An air station's hourly AQI over the last 24 h or 7 days, bars in the official level colours.
 * Computed in the browser from the station's hourly means (data/aqi-history.ts: HJ 633-2012 §5.2
 * with the shared standards functions), because the API serves the current AQI only. Refreshed
 * every 5 minutes and after a reconnect.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import { AqiBarsRenderer } from '../charts/aqi-bars'
import { api } from '../data/api'
import { AQI_METRICS, aqiHistory, type AqiHistory } from '../data/aqi-history'
import { useReconnects } from '../data/hooks'
import { useSeriesKey } from '../data/review-view'
import { reportError } from '../data/notices'
import { useI18n } from '../i18n/use-i18n'
import { metricLabel } from '../ui/labels'

/** Props of {@link AqiHistoryChart}. */
export interface AqiHistoryChartProps {
  stationId: string
  height: number
  /** While true the first request waits: the page's trend loads first (issue 16, station-body.tsx). */
  defer?: boolean
}

const HOUR = 3_600_000
const SPANS = { '24h': 24 * HOUR, '7d': 7 * 24 * HOUR } as const
type Span = keyof typeof SPANS

/** The AQI history block. */
export function AqiHistoryChart({ stationId, height, defer = false }: AqiHistoryChartProps) {
  const { t, lang } = useI18n()
  const [span, setSpan] = useState<Span>('24h')
  const [data, setData] = useState<{ h: AqiHistory; from: number; to: number }>()
  const [tick, setTick] = useState(0)
  const reconnects = useReconnects()
  // The raw/reviewed choice and every review change reload the series (issue 13).
  const seriesKey = useSeriesKey()
  const box = useRef<HTMLDivElement>(null)
  const canvas = useRef<HTMLCanvasElement>(null)
  const svg = useRef<SVGSVGElement>(null)
  const renderer = useRef<AqiBarsRenderer>(undefined)

  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 5 * 60_000)
    return () => clearInterval(timer)
  }, [])

  useEffect(() => {
    if (defer) return
    const ctl = new AbortController()
    // The current hour is included; the span stays within the 7 days every role may read.
    const to = Math.ceil((Date.now() + 1) / HOUR) * HOUR
    const from = to - SPANS[span]
    api
      .series(stationId, AQI_METRICS, from, to, ctl.signal, '1h', { valid: true })
      .then((r) => setData({ h: aqiHistory(r.series, from, to), from, to }))
      .catch((e: unknown) => reportError(e, `GET /api/stations/${stationId}/series (AQI)`))
    return () => ctl.abort()
  }, [stationId, span, tick, reconnects, seriesKey, defer])

  useEffect(() => {
    const r = new AqiBarsRenderer(canvas.current!, svg.current!)
    renderer.current = r
    const el = box.current!
    const ro = new ResizeObserver(() => r.resize(el.clientWidth, height))
    ro.observe(el)
    r.resize(el.clientWidth, height)
    return () => {
      ro.disconnect()
      r.destroy()
    }
  }, [height])

  const limits = useMemo(
    () => [
      { value: 100, label: t('aqi.line100') },
      { value: 200, label: t('aqi.line200') },
    ],
    [t],
  )

  useEffect(() => {
    if (!data) return
    const describe = (i: number) => {
      const p = data.h.primary[i]
      const names = p
        ? p
            .split(',')
            .map((k) => metricLabel('air', k, lang, t))
            .join(lang === 'zh' ? '、' : ', ')
        : ''
      return `AQI ${data.h.aqi[i]}${names ? ` · ${names}` : ''}`
    }
    renderer.current?.setData(data.h, data.from, data.to, limits, describe)
  }, [data, limits, lang, t])

  const polluted = data ? data.h.aqi.reduce((n, v) => n + (v > 100 ? 1 : 0), 0) : 0
  const valid = data ? data.h.aqi.reduce((n, v) => n + (v >= 0 ? 1 : 0), 0) : 0
  return (
    <section className="station-aqi" aria-labelledby="aqi-h" data-testid="aqi-history">
      <div className="trend-head">
        <h3 id="aqi-h">{t('aqi.history')}</h3>
        <div className="segmented" role="group" aria-label={t('aqi.span')}>
          {(Object.keys(SPANS) as Span[]).map((k) => (
            <button key={k} type="button" aria-pressed={span === k} onClick={() => setSpan(k)}>
              {t(`aqi.span.${k}`)}
            </button>
          ))}
        </div>
        {data && (
          <span className="muted small" data-testid="aqi-summary">
            {t('aqi.summary', { polluted, valid })}
          </span>
        )}
      </div>
      <div className="trend-box" ref={box} style={{ height }}>
        <canvas ref={canvas} className="trend-canvas" data-testid="aqi-canvas" style={{ width: '100%', height }} />
        <svg ref={svg} className="trend-overlay" aria-hidden="true" />
        {!data && <div className="trend-status">{t('chart.loading')}</div>}
      </div>
      <p className="muted small chart-note">{t('aqi.note')}</p>
    </section>
  )
}
