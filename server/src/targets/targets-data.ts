/**
 * Station-days for the targets, fetched from the store and cached per (station, CST day). A
 * completed day rarely changes, so it is computed once; late data for a day (backfill) invalidates it
 * (and, for energy counters, the next day, whose first delta starts from it). Contiguous runs of
 * missing days are fetched with one `every=1h` query per station and run, and the computation is the
 * standards library's (daily-aggregates.ts).
 */
import type { Station, StationKind } from '../../../shared/src/domain/station'
import { cstDate, cstDay } from '../../../shared/src/standards/time'
import type { Series, Store } from '../../../shared/src/ports/store'
import type { UnitDay } from '../../../shared/src/targets/energy-quota'
import type { PlantDay } from '../../../shared/src/targets/sewage-treatment'
import type { DailyAggregate } from '../../../shared/src/targets/types'
import { DAY_INPUTS, airDays, plantDays, spanRange, unitDays, waterDays, type DaySpan } from './daily-aggregates'

/** What a station-day holds, by kind. */
export interface DayRecords {
  air: DailyAggregate
  water: DailyAggregate
  wastewater: PlantDay
  energy: UnitDay
}

type AnyRecord = DayRecords[StationKind]

const COMPUTE: { [K in StationKind]: (id: string, series: Awaited<ReturnType<Store['series']>>, span: DaySpan) => DayRecords[K][] } = {
  air: airDays,
  water: waterDays,
  wastewater: plantDays,
  energy: unitDays,
}

/** Contiguous runs of day numbers (sorted input). */
function runs(days: number[]): DaySpan[] {
  const out: DaySpan[] = []
  for (const d of days) {
    const last = out.at(-1)
    if (last && d === last.last + 1) last.last = d
    else out.push({ first: d, last: d })
  }
  return out
}

export class TargetsData {
  /** stationId → CST day → the day's record (null: no data that day). */
  private readonly cache = new Map<string, Map<number, AnyRecord | null>>()
  private readonly lanes = new Map<string, Promise<unknown>>()
  readonly stats = { queries: 0, cachedDays: 0 }

  constructor(private readonly store: Pick<Store, 'series' | 'seriesMany'>) {}

  /**
   * Fetch, in one store query per kind and run of days, the days that none of the given stations
   * has cached yet (a cold start or a new period), when the store can answer for many stations at
   * once. Stations with partly cached days are left to `days()`.
   */
  async prefill(stations: readonly Station[], days: readonly number[]): Promise<void> {
    const many = this.store.seriesMany?.bind(this.store)
    if (!many || days.length === 0) return
    const wanted = [...new Set(days)].sort((a, b) => a - b)
    const cold = stations.filter((st) => {
      const m = this.cache.get(st.id)
      return !m || wanted.every((d) => !m.has(d))
    })
    for (const kind of ['air', 'water', 'wastewater', 'energy'] as const) {
      const group = cold.filter((st) => st.kind === kind)
      if (group.length < 2) continue
      const input = DAY_INPUTS[kind]
      for (const span of runs(wanted)) {
        const { from, to } = spanRange(kind, span)
        this.stats.queries++
        const byStation = await many({
          stationIds: group.map((st) => st.id),
          metrics: [...input.metrics],
          from,
          to,
          every: '1h',
          fn: input.fn,
          validOnly: true,
        })
        for (const st of group) this.cacheRun(st, span, byStation.get(st.id) ?? [])
      }
    }
  }

  /** The records of a station for the given CST days (completed days only: they are cached). */
  async days<K extends StationKind>(station: Station & { kind: K }, days: readonly number[]): Promise<DayRecords[K][]> {
    await this.lane(station.id, () => this.fill(station, days))
    const m = this.cache.get(station.id)
    const out: DayRecords[K][] = []
    for (const d of days) {
      const r = m?.get(d)
      if (r) out.push(r as DayRecords[K])
    }
    return out
  }

  /** New data for a station at time `ts`: its day (and for energy the next) must be recomputed. */
  invalidate(stationId: string, kind: StationKind, ts: number): void {
    const m = this.cache.get(stationId)
    if (!m) return
    const d = cstDay(ts)
    if (m.delete(d)) this.stats.cachedDays--
    if (kind === 'energy' && m.delete(d + 1)) this.stats.cachedDays--
  }

  /** Forget a removed station. */
  forget(stationId: string): void {
    this.stats.cachedDays -= this.cache.get(stationId)?.size ?? 0
    this.cache.delete(stationId)
  }

  private async fill(station: Station, days: readonly number[]): Promise<void> {
    const m = this.cache.get(station.id) ?? new Map<number, AnyRecord | null>()
    const missing = [...new Set(days)].filter((d) => !m.has(d)).sort((a, b) => a - b)
    const input = DAY_INPUTS[station.kind]
    for (const span of runs(missing)) {
      const { from, to } = spanRange(station.kind, span)
      this.stats.queries++
      const series = await this.store.series({
        stationId: station.id,
        metrics: [...input.metrics],
        from,
        to,
        every: '1h',
        fn: input.fn,
        validOnly: true,
      })
      this.cacheRun(station, span, series)
    }
  }

  /** Compute and cache a station's records of a run of days from its hourly series. */
  private cacheRun(station: Station, span: DaySpan, series: Series[]): void {
    let m = this.cache.get(station.id)
    if (!m) this.cache.set(station.id, (m = new Map()))
    const records = (COMPUTE[station.kind] as (id: string, s: Series[], span: DaySpan) => AnyRecord[])(station.id, series, span)
    const byDay = new Map(records.map((r) => [r.day, r]))
    for (let d = span.first; d <= span.last; d++) {
      if (!m.has(d)) this.stats.cachedDays++
      m.set(d, byDay.get(cstDate(d)) ?? null)
    }
  }

  /** Run fills of one station one at a time (two periods asked at once share the cache). */
  private lane(id: string, fn: () => Promise<void>): Promise<void> {
    const prev = this.lanes.get(id) ?? Promise.resolve()
    const next = prev.then(fn, fn)
    const tail = next.catch(() => undefined)
    this.lanes.set(id, tail)
    void tail.then(() => this.lanes.get(id) === tail && this.lanes.delete(id))
    return next
  }
}
