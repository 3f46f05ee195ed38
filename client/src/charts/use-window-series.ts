/**
 * A station metric's averaging-window series (charts/window-means.ts) over the last `windowMs`:
 * hourly means from the series API (`every=1h`, N/S data only), turned into the rule's window
 * quantity in the browser. Hourly values change slowly, so it is reloaded every 5 minutes and
 * after a reconnect rather than per reading.
 */
import { useEffect, useState } from 'react'
import { api } from '../data/api'
import { createSeries, loadSeries, type ColumnarSeries } from '../data/columnar'
import { useReconnects } from '../data/hooks'
import { useSeriesKey } from '../data/review-view'
import { hourGrid } from '../data/hourly-grid'
import { reportError } from '../data/notices'
import type { LiveSeries, SeriesState } from './use-live-series'
import { windowMeans, windowWarmupMs, type AveragingWindow } from './window-means'

const HOUR = 3_600_000
const RELOAD_MS = 5 * 60_000

/**
 * Keep the `window` series of (stationId, metric); inactive (no request) while `metric` is undefined.
 * @param onLoad called after each (re)load (the chart requests a redraw)
 */
export function useWindowSeries(
  stationId: string,
  metric: string | undefined,
  window: AveragingWindow,
  windowMs: number,
  onLoad: () => void,
): LiveSeries {
  const [series, setSeries] = useState<ColumnarSeries>()
  const [state, setState] = useState<SeriesState>('loading')
  const [hasData, setHasData] = useState(false)
  const [tick, setTick] = useState(0)
  const reconnects = useReconnects()
  // The raw/reviewed choice and every review change reload the series (issue 13).
  const seriesKey = useSeriesKey()

  useEffect(() => {
    if (!metric) return
    const timer = setInterval(() => setTick((n) => n + 1), RELOAD_MS)
    return () => clearInterval(timer)
  }, [metric])

  useEffect(() => {
    if (!metric) return
    const ctl = new AbortController()
    const to = Math.ceil((Date.now() + 1) / HOUR) * HOUR
    const from = to - windowMs - windowWarmupMs(window)
    api
      .series(stationId, [metric], from, to, ctl.signal, '1h', { valid: true })
      .then((r) => {
        const w = windowMeans(
          hourGrid(
            r.series.find((x) => x.metric === metric),
            from,
            to,
          ),
          window,
        )
        const s = createSeries(w.len + 2, w.len + 2)
        loadSeries(s, w.t.subarray(0, w.len), w.v.subarray(0, w.len))
        setSeries(s)
        setHasData(w.v.some((x) => Number.isFinite(x)))
        setState('ready')
        onLoad()
      })
      .catch((e: unknown) => {
        if (ctl.signal.aborted) return
        setState('error')
        reportError(e, `GET /api/stations/${stationId}/series (${window})`)
      })
    return () => ctl.abort()
    // onLoad only asks for a redraw; a new function identity must not refetch.
  }, [stationId, metric, window, windowMs, tick, reconnects, seriesKey])

  return { series, state, hasData, flags: NO_FLAGS }
}

const NO_FLAGS: never[] = []
