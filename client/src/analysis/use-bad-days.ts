/**
 * Load a month of hourly means of every air station (one request each, six at a time, `every=1h`,
 * N/S data only) and compute the bad-days analysis in the browser (station-days.ts, bad-days.ts).
 * The API has no per-day AQI, so this is the only way today; a month of 40 stations is ~170 k
 * numbers. Needs the analyst role (more than 7 days of history).
 */
import { useEffect, useState } from 'react'
import { cstDayStart } from '../../../shared/src/standards/time'
import { api } from '../data/api'
import type { StationView } from '../data/api-types'
import { badDaysByTown, type BadDaysResult, type StationDays } from './bad-days'
import { monthDays } from './month'
import { DAY_METRICS, airStationDays } from './station-days'

/** The analysis state with progress. */
export type BadDaysState =
  | { state: 'idle' }
  | { state: 'loading'; done: number; total: number }
  | { state: 'ready'; result: BadDaysResult; days: number[]; failed: string[] }
  | { state: 'error'; message: string }

const CONCURRENCY = 6

/** Run the analysis of `month` over the given air stations (re-run when either changes). */
export function useBadDays(month: string, stations: readonly StationView[], enabled: boolean): BadDaysState {
  const [s, setS] = useState<BadDaysState>({ state: 'idle' })
  const key = enabled ? `${month}|${stations.map((x) => x.id).join(',')}` : ''
  useEffect(() => {
    const span = monthDays(month)
    if (!key || !span || stations.length === 0) return setS({ state: 'idle' })
    const ctl = new AbortController()
    const from = cstDayStart(span.first)
    const to = Math.min(cstDayStart(span.last + 1), Math.ceil(Date.now() / 3_600_000) * 3_600_000)
    if (to <= from) return setS({ state: 'error', message: `${month} has not started` })
    const out: StationDays[] = []
    const failed: string[] = []
    let next = 0
    let done = 0
    setS({ state: 'loading', done: 0, total: stations.length })
    const worker = async () => {
      while (next < stations.length && !ctl.signal.aborted) {
        const st = stations[next++]!
        try {
          const r = await api.series(st.id, DAY_METRICS, from, to, ctl.signal, '1h', { valid: true })
          out.push({ stationId: st.id, town: st.town, days: airStationDays(r.series, span.first, span.last) })
        } catch (e) {
          if (ctl.signal.aborted) return
          failed.push(st.id)
          if (failed.length === stations.length) setS({ state: 'error', message: e instanceof Error ? e.message : String(e) })
        }
        done++
        if (!ctl.signal.aborted && failed.length < stations.length) setS({ state: 'loading', done, total: stations.length })
      }
    }
    void Promise.all(Array.from({ length: CONCURRENCY }, worker)).then(() => {
      if (ctl.signal.aborted || failed.length === stations.length) return
      const days = Array.from({ length: span.count }, (_, k) => span.first + k)
      setS({ state: 'ready', result: badDaysByTown(out, span.count), days, failed })
    })
    return () => ctl.abort()
    // `key` captures the month and the station list.
  }, [key])
  return s
}
