/**
 * Station-days for reports, streamed one station at a time from the store's hourly (or daily)
 * aggregates through the targets' daily computation (targets/daily-aggregates.ts), so a city-year
 * report over a thousand stations holds one chunk of stations' hourly buckets at a time, never raw
 * rows. Every record a report reads also feeds the report's inputs hash (its inputs' version).
 */
import type { Hash } from 'node:crypto'
import type { Station, StationKind } from '../../../shared/src/domain/station'
import type { Series, Store } from '../../../shared/src/ports/store'
import { WASTEWATER_ITEMS } from '../../../shared/src/standards/wastewater'
import { DAY_MS, cstDate, cstDay, cstYmd } from '../../../shared/src/standards/time'
import type { DayRecords } from '../targets/targets-data'
import { DAY_INPUTS, airDays, plantDays, spanRange, unitDays, waterDays, type DaySpan } from '../targets/daily-aggregates'

/** Stations fetched per store query when the store answers for many at once. */
export const CHUNK_STATIONS = 25

const COMPUTE: { [K in StationKind]: (id: string, series: Series[], span: DaySpan) => DayRecords[K][] } = {
  air: airDays,
  water: waterDays,
  wastewater: plantDays,
  energy: unitDays,
}

/** A wastewater plant's daily effluent means (GB 18918-2002 items), keyed by `YYYY-MM-DD`. */
export type EffluentDays = Map<string, Record<string, number>>

/** The calendar months of a span, as day spans. */
export function monthSpans(span: DaySpan): DaySpan[] {
  const out: DaySpan[] = []
  for (let d = span.first; d <= span.last;) {
    const { year, month } = cstYmd(d)
    const next = Date.UTC(year, month, 1) / DAY_MS
    out.push({ first: d, last: Math.min(span.last, next - 1) })
    d = next
  }
  return out
}

/** The part of a series with t in [from, to). */
function slice(s: Series, from: number, to: number): Series {
  let i = 0
  while (i < s.t.length && s.t[i]! < from) i++
  let j = i
  while (j < s.t.length && s.t[j]! < to) j++
  return { metric: s.metric, t: s.t.slice(i, j), v: s.v.slice(i, j) }
}

/**
 * A station's records over a span. Wastewater volumes and energy counters are computed a calendar
 * month at a time (their daily computation scans the whole series for each day, so a year in one
 * piece costs a year's hours per day); each month sees its own query range (energy: the hour before
 * as the counter's baseline), exactly as a monthly report computes it, so a year is the sum of its
 * months.
 */
export function computeDays<K extends StationKind>(kind: K, stationId: string, series: Series[], span: DaySpan): DayRecords[K][] {
  const compute = COMPUTE[kind] as (id: string, s: Series[], span: DaySpan) => DayRecords[K][]
  if ((kind !== 'wastewater' && kind !== 'energy') || span.last - span.first < 31) return compute(stationId, series, span)
  const out: DayRecords[K][] = []
  for (const m of monthSpans(span)) {
    const { from, to } = spanRange(kind, m)
    out.push(
      ...compute(
        stationId,
        series.map((s) => slice(s, from, to)),
        m,
      ),
    )
  }
  return out
}

/** Where a report reads its station-days from. */
export class StationDays {
  /** Store queries made (bench, tests). */
  queries = 0

  constructor(
    private readonly store: Pick<Store, 'series' | 'seriesMany'>,
    private readonly hash?: Hash,
  ) {}

  /**
   * Each station's records over `span`, one station at a time, in the given order. Stations are
   * fetched in chunks of {@link CHUNK_STATIONS} when the store can answer for many at once.
   */
  async *each<K extends StationKind>(
    kind: K,
    stations: readonly Station[],
    span: DaySpan,
  ): AsyncGenerator<{ station: Station; records: DayRecords[K][] }> {
    const input = DAY_INPUTS[kind]
    const { from, to } = spanRange(kind, span)
    const q = { metrics: [...input.metrics], from, to, every: '1h' as const, fn: input.fn, validOnly: true }
    const many = this.store.seriesMany?.bind(this.store)
    for (let i = 0; i < stations.length; i += CHUNK_STATIONS) {
      const chunk = stations.slice(i, i + CHUNK_STATIONS)
      let byStation: Map<string, Series[]>
      if (many && chunk.length > 1) {
        this.queries++
        byStation = await many({ ...q, stationIds: chunk.map((s) => s.id) })
      } else {
        byStation = new Map()
        for (const s of chunk) {
          this.queries++
          byStation.set(s.id, await this.store.series({ ...q, stationId: s.id }))
        }
      }
      for (const station of chunk) {
        const records = computeDays(kind, station.id, byStation.get(station.id) ?? [], span)
        this.hash?.update(JSON.stringify([kind, station.id, span.first, span.last, records]))
        yield { station, records }
      }
    }
  }

  /** A plant's daily effluent means of the GB 18918-2002 items over `span` (CST daily buckets of valid values). */
  async effluent(station: Station, span: DaySpan): Promise<EffluentDays> {
    const { from, to } = spanRange('air', span)
    this.queries++
    const series = await this.store.series({
      stationId: station.id,
      metrics: [...WASTEWATER_ITEMS],
      from,
      to,
      every: '1d',
      fn: 'mean',
      validOnly: true,
    })
    const out: EffluentDays = new Map()
    for (const s of series) {
      for (let i = 0; i < s.t.length; i++) {
        if (!Number.isFinite(s.v[i]!)) continue
        const day = cstDate(cstDay(s.t[i]!))
        let d = out.get(day)
        if (!d) out.set(day, (d = {}))
        d[s.metric] = s.v[i]!
      }
    }
    this.hash?.update(JSON.stringify(['effluent', station.id, span.first, span.last, [...out]]))
    return out
  }
}
