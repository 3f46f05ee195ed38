/**
 * Warm-up of the standards evaluator at start-up: rebuild each station's windows from the store, so
 * the 24-h means, the 8-h O3 mean, the effluent day-to-date means and the day's energy use are right
 * at once after a restart instead of after a day of live data. Talks only to the Store port.
 *
 * History: the last 25 h of raw values (with their flags) of the metrics the engine watches: 24 h of
 * complete hours plus the open hour. Observations made while warming are discarded: they were
 * observed before the restart and the alert book was restored from its log.
 */
import type { DataFlag, Reading } from '../domain/reading'
import type { Station } from '../domain/station'
import { HOUR_MS } from '../standards/time'
import type { Series, Store } from '../ports/store'
import { STANDARD_METRICS } from './standard-rules'
import type { StandardsEvaluator } from './standards-evaluator'

/** Hours of history fed at start-up. */
export const WARMUP_HOURS = 25

/**
 * Readings (grouped by timestamp, time-ordered) from raw store series of one station.
 * @example seriesToReadings(station, await store.series({ ..., every: 'raw' }))
 */
export function seriesToReadings(station: Pick<Station, 'id' | 'kind'>, series: readonly Series[]): Reading[] {
  const byTs = new Map<number, Reading>()
  for (const s of series) {
    for (let i = 0; i < s.t.length; i++) {
      const ts = s.t[i]!
      let r = byTs.get(ts)
      if (!r) byTs.set(ts, (r = { stationId: station.id, kind: station.kind, ts, values: {} }))
      r.values[s.metric] = s.v[i]!
      const flag: DataFlag | undefined = s.flags?.[i]
      if (flag !== undefined && flag !== 'N') (r.flags ??= {})[s.metric] = flag
    }
  }
  return [...byTs.values()].sort((a, b) => a.ts - b.ts)
}

/** Result of {@link warmFromStore}. */
export interface WarmupResult {
  stations: number
  readings: number
  /** Stations whose history could not be read (they start cold). */
  failed: { id: string; error: string }[]
}

/**
 * Feed each station's recent history into the evaluator, one station at a time (bounded memory).
 * A station whose history cannot be read starts cold; the others still warm.
 */
export async function warmFromStore(
  evaluator: Pick<StandardsEvaluator, 'warm'>,
  stations: readonly Station[],
  store: Pick<Store, 'series'>,
  now: number,
  hours = WARMUP_HOURS,
): Promise<WarmupResult> {
  const out: WarmupResult = { stations: 0, readings: 0, failed: [] }
  for (const station of stations) {
    try {
      const series = await store.series({
        stationId: station.id,
        metrics: [...STANDARD_METRICS[station.kind]],
        from: now - hours * HOUR_MS,
        to: now + 5 * 60_000 + 1,
        every: 'raw',
        fn: 'last',
      })
      const readings = seriesToReadings(station, series)
      evaluator.warm(station, readings)
      out.stations++
      out.readings += readings.length
    } catch (e) {
      out.failed.push({ id: station.id, error: (e as Error).message })
    }
  }
  return out
}
