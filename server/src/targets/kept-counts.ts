/**
 * The valid-data rate's daily counts (received and valid points per station, metric and CST day)
 * over a period's completed days, kept in the store beside the data like the station-days
 * (targets-data.ts), so that a restarted board reads them instead of scanning the period's rows
 * again (issue 16). Days no record holds (or whose tag is stale) are counted from the store, one
 * query per run of such days, and kept once counted. Each station's first stored point comes from
 * the store every time (a late upload can move it earlier without touching a kept day).
 */
import type { Station } from '../../../shared/src/domain/station'
import type { DayRecord } from '../../../shared/src/ports/day-records'
import type { CompletenessCounts, Store } from '../../../shared/src/ports/store'
import type { BucketCount } from '../../../shared/src/standards/completeness'
import { cstDay, cstDayStart } from '../../../shared/src/standards/time'
import { keptRead, runs, type KeptRead, type KeptStationDays } from './targets-data'

/** The kept days' namespace of the daily counts. */
export const COUNTS_NS = 'counts'

/** A kept day's counts: `[metric, received, valid]` per metric with points. */
type DayCounts = [string, number, number][]

/**
 * The daily counts of `stations` over the CST days `periodDays` (completed days), and each
 * station's first stored point before the end of the last of them.
 * @example const counts = await keptDailyCounts(store, kept, stations, days, keep)
 */
export async function keptDailyCounts(
  store: Pick<Store, 'completenessCounts'>,
  kept: KeptStationDays,
  stations: readonly Station[],
  periodDays: readonly number[],
  /** Records counted now (built later), to be kept once the computation is over. */
  keep: (read: KeptRead, build: () => Iterable<DayRecord>) => void,
): Promise<CompletenessCounts & { keptDays: number; queries: number }> {
  const ids = stations.map((s) => s.id)
  const days = [...new Set(periodDays)].sort((a, b) => a - b)
  const first = days[0]!
  const last = days.at(-1)!
  const to = cstDayStart(last + 1)
  const byId = new Map(stations.map((s) => [s.id, s]))
  const wanted = new Set(days)
  const rows: BucketCount[] = []
  const have = new Map<string, Set<number>>()
  let keptDays = 0
  for (const r of await kept.days.load(COUNTS_NS, first, last)) {
    const st = byId.get(r.stationId)
    if (!st || !Array.isArray(r.value) || !wanted.has(r.day) || r.tag !== kept.tag(st, r.day)) continue
    let h = have.get(st.id)
    if (!h) have.set(st.id, (h = new Set()))
    if (h.has(r.day)) continue
    h.add(r.day)
    keptDays++
    const bucket = cstDayStart(r.day)
    for (const [metric, received, valid] of r.value as DayCounts) rows.push({ stationId: st.id, metric, bucket, received, valid })
  }
  const lacks = (id: string, d: number) => !have.get(id)?.has(d)
  const need = stations.filter((s) => days.some((d) => lacks(s.id, d)))
  const missing = days.filter((d) => need.some((s) => lacks(s.id, d)))
  let queries = 0
  for (const span of runs(missing)) {
    queries++
    const read = keptRead(kept)
    const c = await store.completenessCounts({
      stationIds: need.map((s) => s.id),
      from: cstDayStart(span.first),
      to: cstDayStart(span.last + 1),
      every: '1d',
    })
    const counted = new Map<string, DayCounts>()
    for (const r of c.rows) {
      const d = cstDay(r.bucket)
      if (!lacks(r.stationId, d)) continue
      rows.push(r)
      const key = `${r.stationId}|${d}`
      const list = counted.get(key)
      if (list) list.push([r.metric, r.received, r.valid])
      else counted.set(key, [[r.metric, r.received, r.valid]])
    }
    keep(read, function* () {
      for (const st of need)
        for (let d = span.first; d <= span.last; d++)
          if (lacks(st.id, d))
            yield { stationId: st.id, day: d, tag: kept.tag(st, d), data: JSON.stringify(counted.get(`${st.id}|${d}`) ?? []) }
    })
  }
  // Each station's first point before the end (an empty range: the store gives it alone).
  const { firstSeen } = await store.completenessCounts({ stationIds: ids, from: to, to, every: '1d' })
  return { rows, firstSeen, keptDays, queries }
}
