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
import { cstDate, cstDay } from '../../../shared/src/standards/time'
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
        const records = (COMPUTE[kind] as (id: string, s: Series[], span: DaySpan) => DayRecords[K][])(
          station.id,
          byStation.get(station.id) ?? [],
          span,
        )
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
