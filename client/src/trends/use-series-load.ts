/**
 * Load the comparison data of a range: one series request per station (all chosen metrics at once,
 * aggregated by the server at `every`), turned into columnar TrendSeries grouped by metric. The
 * same request is not repeated while its inputs stay equal; a new one aborts the previous.
 */
import { useEffect, useState } from 'react'
import { useSeriesKey } from '../data/review-view'
import type { Every } from '../../../shared/src/protocol/http/series'
import { api } from '../data/api'
import { reportError } from '../data/notices'
import { gapFor } from './every'
import { columnsOf, type TrendSeries } from './trend-series'
import { screenPoints } from '../charts/downsample'

/** A station of the selection with its colour. */
export interface PickedStation {
  id: string
  intervalSec: number
  color: string
}

/** Loaded data of one range. */
export interface LoadedSeries {
  range: [number, number]
  every: Every
  byMetric: ReadonlyMap<string, TrendSeries[]>
}

/** The load's state. */
export type SeriesLoad =
  | { state: 'idle' }
  | { state: 'loading'; previous?: LoadedSeries }
  | { state: 'ready'; data: LoadedSeries }
  | { state: 'error'; message: string; previous?: LoadedSeries }

/**
 * Load `metrics` of `stations` over `range` at `every`; idle while `range` is undefined or nothing is picked.
 * @example const full = useSeriesLoad(picked, ['pm25'], [from, to], '1h')
 */
export function useSeriesLoad(
  stations: readonly PickedStation[],
  metrics: readonly string[],
  range: [number, number] | undefined,
  every: Every,
): SeriesLoad {
  const [s, setS] = useState<SeriesLoad>({ state: 'idle' })
  // The raw/reviewed choice and review changes reload too (issue 13).
  const seriesKey = useSeriesKey()
  const key =
    range && stations.length && metrics.length
      ? `${stations.map((x) => `${x.id}:${x.color}`).join(',')}|${metrics.join(',')}|${range[0]}|${range[1]}|${every}|${seriesKey}`
      : ''
  useEffect(() => {
    if (!key || !range) {
      setS({ state: 'idle' })
      return
    }
    const ctl = new AbortController()
    setS((prev) => ({ state: 'loading', previous: prev.state === 'ready' ? prev.data : undefined }))
    Promise.all(
      stations.map((st) =>
        api
          .series(
            st.id,
            metrics,
            range[0],
            range[1],
            ctl.signal,
            every,
            every === 'raw' ? { points: screenPoints(window.innerWidth, window.devicePixelRatio) } : {},
          )
          .then((r) => ({ st, r })),
      ),
    )
      .then((answers) => {
        const byMetric = new Map<string, TrendSeries[]>()
        for (const m of metrics) byMetric.set(m, [])
        for (const { st, r } of answers) {
          for (const w of r.series) {
            if (!byMetric.has(w.metric)) continue
            const c = columnsOf(w)
            byMetric
              .get(w.metric)!
              .push({ stationId: st.id, metric: w.metric, color: st.color, ...c, gapMs: gapFor(every, st.intervalSec) })
          }
        }
        setS({ state: 'ready', data: { range, every, byMetric } })
      })
      .catch((e: unknown) => {
        if (ctl.signal.aborted) return
        reportError(e, 'GET /api/stations/:id/series (trends)')
        setS((prev) => ({
          state: 'error',
          message: e instanceof Error ? e.message : String(e),
          previous: prev.state === 'loading' ? prev.previous : undefined,
        }))
      })
    return () => ctl.abort()
    // `key` captures stations, metrics, range and every.
  }, [key])
  return s
}

/** The data to draw: the ready data, or what was shown before while a reload runs. */
export function shownData(s: SeriesLoad): LoadedSeries | undefined {
  return s.state === 'ready' ? s.data : s.state === 'idle' ? undefined : s.previous
}
