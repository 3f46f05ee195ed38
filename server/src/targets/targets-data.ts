/**
 * Station-days for the targets, fetched from the store and cached per (station, CST day). A
 * completed day rarely changes, so it is computed once; late data for a day (backfill) invalidates it
 * (and, for energy counters, the next day, whose first delta starts from it). Contiguous runs of
 * missing days are fetched as `every=1h` buckets: in bulk (`prefill`: the stations of a kind that
 * miss the same runs, one store query per run and chunk of stations), else one query per station and
 * run; the computation is the standards library's (daily-aggregates.ts). A cold year over 1000
 * stations was 1000 per-station queries (a year after its month: no station was wholly cold); it is
 * now a few bulk queries per kind.
 */
import type { Station, StationKind } from '../../../shared/src/domain/station'
import { HOUR_MS, cstDay } from '../../../shared/src/standards/time'
import type { Series, Store } from '../../../shared/src/ports/store'
import type { UnitDay } from '../../../shared/src/targets/energy-quota'
import type { PlantDay } from '../../../shared/src/targets/sewage-treatment'
import type { DailyAggregate } from '../../../shared/src/targets/types'
import { DAY_INPUTS, airDays, dayName, plantDays, spanRange, unitDays, waterDays, type DaySpan } from './daily-aggregates'

/** What a station-day holds, by kind. */
export interface DayRecords {
  air: DailyAggregate
  water: DailyAggregate
  wastewater: PlantDay
  energy: UnitDay
}

type AnyRecord = DayRecords[StationKind]

/**
 * Hourly buckets one bulk query may bring into memory. The store returns a series' buckets as two
 * lists of numbers, so a bucket costs little more than its two numbers: a cold year over 1000
 * stations (31 days of data) took 22 queries at 250 k and 12 at 1 M or 3 M, each query a scan of the
 * range, at the same peak RSS (issue 16).
 */
const BUCKET_BUDGET = 2_000_000
/** Fewest stations per bulk query. */
const MIN_CHUNK = 8

const COMPUTE: { [K in StationKind]: (id: string, series: Awaited<ReturnType<Store['series']>>, span: DaySpan) => DayRecords[K][] } = {
  air: airDays,
  water: waterDays,
  wastewater: plantDays,
  energy: unitDays,
}

/** The store query of a kind's station-days over a span: hourly buckets of valid data only. */
function dayQuery(kind: StationKind, span: DaySpan) {
  const input = DAY_INPUTS[kind]
  return { ...spanRange(kind, span), metrics: [...input.metrics], every: '1h' as const, fn: input.fn, validOnly: true }
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
   * Fetch in bulk the days the given stations have not cached yet: stations of a kind that miss
   * the same days (a cold start, a new period, or a year after its month) are fetched together, one
   * store query per run of days and chunk of stations, when the store can answer for many stations
   * at once. Each station's days are computed over the same runs `days()` would fetch for it alone,
   * so the records are the same either way. A station alone in its group is left to `days()`.
   */
  async prefill(stations: readonly Station[], days: readonly number[]): Promise<void> {
    const many = this.store.seriesMany?.bind(this.store)
    if (!many || days.length === 0) return
    const wanted = [...new Set(days)].sort((a, b) => a - b)
    const groups = new Map<string, { kind: StationKind; spans: DaySpan[]; stations: Station[] }>()
    for (const st of stations) {
      const m = this.cache.get(st.id)
      const missing = m ? wanted.filter((d) => !m.has(d)) : wanted
      if (missing.length === 0) continue
      const spans = runs(missing)
      const key = `${st.kind}|${spans.map((r) => `${r.first}-${r.last}`).join(',')}`
      const g = groups.get(key)
      if (g) g.stations.push(st)
      else groups.set(key, { kind: st.kind, spans, stations: [st] })
    }
    // One group and chunk at a time: side by side they were no faster on 2 cores and held more memory.
    const fetchGroup = async ({ kind, spans, stations: group }: { kind: StationKind; spans: DaySpan[]; stations: Station[] }) => {
      for (const span of spans) {
        const q = dayQuery(kind, span)
        // Chunks of stations whose buckets fit the budget: sized from the run's hours at first, then
        // from the buckets the stations so far actually had (a year with a month of data is one query).
        let perStation = Math.max(1, ((q.to - q.from) / HOUR_MS) * q.metrics.length)
        let n = 0
        for (let i = 0; i < group.length;) {
          // At most 8 times the last chunk: stations without data first say little of the rest.
          n = Math.max(MIN_CHUNK, Math.min(Math.floor(BUCKET_BUDGET / perStation), n > 0 ? 8 * n : Infinity))
          const chunk = group.slice(i, i + n)
          i += chunk.length
          this.stats.queries++
          const byStation = await many({ ...q, stationIds: chunk.map((st) => st.id) })
          let buckets = 0
          for (const st of chunk) {
            const series = byStation.get(st.id) ?? []
            for (const x of series) buckets += x.t.length
            this.cacheRun(st, span, series)
          }
          perStation = Math.max(1, buckets / chunk.length)
        }
      }
    }
    for (const g of groups.values()) if (g.stations.length >= 2) await fetchGroup(g)
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
    for (const span of runs(missing)) {
      this.stats.queries++
      const series = await this.store.series({ ...dayQuery(station.kind, span), stationId: station.id })
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
      m.set(d, byDay.get(dayName(d)) ?? null)
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
