/**
 * The facts the review queue (shared/src/review/queue.ts) is built from, per station-day: hours with
 * data and hours with flagged data (two hourly queries per kind: all values, and N/S-flagged only;
 * an hour with values but none valid is flagged), marks in force, and the alerts opened by the day's
 * data that nobody acknowledged, resolved or covered with an invalid mark.
 */
import type { Alert } from '../../../shared/src/domain/alert'
import { METRICS } from '../../../shared/src/domain/metric-catalog'
import type { Station } from '../../../shared/src/domain/station'
import type { Series, Store } from '../../../shared/src/ports/store'
import { markTouches, type Mark } from '../../../shared/src/review/marks'
import { reviewQueue, type QueueItem, type StationDayFacts } from '../../../shared/src/review/queue'
import { covers, type Signoff } from '../../../shared/src/review/signoff'
import { DAY_MS, HOUR_MS, cstDate, cstDay, cstDayStart } from '../../../shared/src/standards/time'

export interface QueueDeps {
  store: Pick<Store, 'series' | 'seriesMany'>
  stations: readonly Station[]
  alerts: readonly Alert[]
  marks: readonly Mark[]
  signoffs: readonly Signoff[]
  /** Whether an alert's data is left out by a mark (then it needs no more review). */
  invalidated: (a: Alert) => boolean
}

/** Hours (bucket starts) with a value of any metric. */
function hoursOf(series: readonly Series[] | undefined): Set<number> {
  const out = new Set<number>()
  for (const s of series ?? []) for (let i = 0; i < s.t.length; i++) if (Number.isFinite(s.v[i]!)) out.add(s.t[i]!)
  return out
}

/** Nobody acknowledged it or resolved it by hand (an alert the data cleared was seen by no one). */
const unreviewed = (a: Alert) => !a.acknowledged && !(a.resolved && !a.resolved.auto)

/** The queue over CST days [first, last] (day numbers). */
export async function buildQueue(d: QueueDeps, first: number, last: number): Promise<QueueItem[]> {
  const from = cstDayStart(first)
  const to = cstDayStart(last + 1)
  const facts: StationDayFacts[] = []
  for (const kind of ['air', 'water', 'wastewater', 'energy'] as const) {
    const group = d.stations.filter((s) => s.kind === kind)
    if (group.length === 0) continue
    const q = {
      stationIds: group.map((s) => s.id),
      metrics: METRICS[kind].map((m) => m.key),
      from,
      to,
      every: '1h' as const,
      fn: 'last' as const,
    }
    const fetch = async (validOnly: boolean) =>
      d.store.seriesMany
        ? d.store.seriesMany({ ...q, validOnly })
        : new Map(await Promise.all(group.map(async (s) => [s.id, await d.store.series({ ...q, stationId: s.id, validOnly })] as const)))
    const [all, valid] = await Promise.all([fetch(false), fetch(true)])
    for (const st of group) {
      const hAll = hoursOf(all.get(st.id))
      const hValid = hoursOf(valid.get(st.id))
      for (let day = first; day <= last; day++) {
        const start = cstDayStart(day)
        let hours = 0
        let flagged = 0
        for (let h = start; h < start + DAY_MS; h += HOUR_MS) {
          if (!hAll.has(h)) continue
          hours++
          if (!hValid.has(h)) flagged++
        }
        facts.push({
          stationId: st.id,
          day: cstDate(day),
          signedOff: d.signoffs.some((s) => covers(s, st, day)),
          hoursWithData: hours,
          flaggedHours: flagged,
          invalidMarks: d.marks.filter((m) => m.action === 'invalid' && markTouches(m, st.id, start, start + DAY_MS)).length,
          unreviewedExceedances: d.alerts.filter(
            (a) =>
              a.stationId === st.id && cstDay(a.openedAt) === day && !a.rule.startsWith('station.') && unreviewed(a) && !d.invalidated(a),
          ).length,
        })
      }
    }
  }
  return reviewQueue(facts)
}
