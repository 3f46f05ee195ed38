/**
 * Station-days for the targets, fetched from the store and cached per (station, CST day). A
 * completed day rarely changes, so it is computed once; late data for a day (backfill) invalidates it
 * (and, for energy counters, the next day, whose first delta starts from it). Contiguous runs of
 * missing days are fetched as `every=1h` buckets: in bulk (`prefill`: the stations of a kind that
 * miss the same runs, one store query per run and chunk of stations), else one query per station and
 * run; the computation is the standards library's (daily-aggregates.ts). A cold year over 1000
 * stations was 1000 per-station queries (a year after its month: no station was wholly cold); it is
 * now a few bulk queries per kind.
 *
 * With a store that keeps days (shared/src/ports/day-records.ts, the DuckDB store), computed days are
 * also kept in the store and read back after a restart, so a restarted board does not compute the
 * city's month or year again (issue 16). A kept record is used only when its tag is the one expected
 * now (the marks in force over its data, the station's kind, {@link KEPT_FORMAT}); the store deletes
 * the records of the days a write touches, in the write's transaction.
 */
import type { Station, StationKind } from '../../../shared/src/domain/station'
import { HOUR_MS, cstDay } from '../../../shared/src/standards/time'
import type { DayRecord, KeptDays } from '../../../shared/src/ports/day-records'
import type { Mark } from '../../../shared/src/review/marks'
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

/** The kept days' namespace of the station-days. */
export const KEPT_NS = 'targets'
/**
 * The version of what a kept station-day holds and how it is computed: part of every tag, so that
 * records kept by an older computation are computed again. Bump it with any change to
 * daily-aggregates.ts or the standards functions it calls that changes a station-day.
 */
export const KEPT_FORMAT = 1

/** Where computed station-days are kept across restarts, and the tag a station-day's record must carry. */
export interface KeptStationDays {
  days: KeptDays
  /** What a station-day's record must carry now (the marks in force over its data, its kind, {@link KEPT_FORMAT}). */
  tag(station: Station, day: number): string
  /** The marks in force (the list is replaced on every change): records read while it changed are not kept. */
  marks(): unknown
}

export interface KeptRead {
  since: number
  current(): boolean
}

/** Records to keep, built when they are saved (JSON and tags cost nothing during the computation). */
interface ToKeep {
  ns: string
  read: KeptRead
  build: () => Iterable<DayRecord>
}

/** Records built and saved at a time: the event loop is never held for long (a year is 680 000). */
const KEEP_SLICE = 5000

/** Let the event loop run what waits (a response, a reading) before going on. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** A computed station-day, to keep. */
interface Computed {
  station: Station
  day: number
  record: AnyRecord | null
}

/**
 * Before a read whose results may be kept: the store's position and the marks in force. After it,
 * `current()` says whether the marks are still those (else the results may mix two reviews).
 */
export function keptRead(kept: Pick<KeptStationDays, 'days' | 'marks'>): KeptRead {
  const marks = kept.marks()
  return { since: kept.days.position(), current: () => kept.marks() === marks }
}

/**
 * The tag a kept station-day must carry: {@link KEPT_FORMAT}, the station's kind, and the marks in
 * force that touch its data (id and sequence: a withdrawal or a new mark changes it). The marks are
 * grouped by station once per list (the review service replaces the list on every change).
 */
export function keptTag(marks: () => readonly Mark[]): KeptStationDays['tag'] {
  let seen: readonly Mark[] | undefined
  let byStation = new Map<string, Mark[]>()
  return (station, day) => {
    const all = marks()
    if (all !== seen) {
      seen = all
      byStation = new Map()
      for (const m of all) {
        const list = byStation.get(m.stationId)
        if (list) list.push(m)
        else byStation.set(m.stationId, [m])
      }
    }
    const list = byStation.get(station.id)
    // Most stations have no marks: their tag is their kind's (a year is 340 000 tags).
    if (!list) return UNMARKED[station.kind]
    const { from, to } = spanRange(station.kind, { first: day, last: day })
    const touching = list.filter((m) => m.from < to && m.to > from).map((m) => `${m.id}.${m.seq}`)
    return `${UNMARKED[station.kind]}${touching.sort().join(',')}`
  }
}

/** The tag of a station-day no mark touches, by kind. */
const UNMARKED: Readonly<Record<StationKind, string>> = {
  air: `${KEPT_FORMAT}|air|`,
  water: `${KEPT_FORMAT}|water|`,
  wastewater: `${KEPT_FORMAT}|wastewater|`,
  energy: `${KEPT_FORMAT}|energy|`,
}

/** A record as kept: without its station and day (the row has them); undefined when it cannot be kept as JSON. */
function keptText(r: AnyRecord | null): string | null | undefined {
  if (r === null) return null
  const { stationId: _s, day: _d, ...rest } = r
  let finite = true
  const text = JSON.stringify(rest, (_k, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) finite = false
    return v
  })
  return finite ? text : undefined
}

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
export function runs(days: number[]): DaySpan[] {
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
  /**
   * `keptDays`: station-days read back from the store; `kept`: records saved to it (both
   * namespaces); `keepErrors`: saves that failed; `countQueries` / `keptCountDays`: the valid-data
   * counts' store queries and station-days read back (kept-counts.ts, counted by the service).
   */
  readonly stats = { queries: 0, cachedDays: 0, keptDays: 0, kept: 0, keepErrors: 0, countQueries: 0, keptCountDays: 0 }
  private keeping: Promise<unknown> = Promise.resolve()
  private readonly toKeep: ToKeep[] = []

  constructor(
    private readonly store: Pick<Store, 'series' | 'seriesMany'>,
    private readonly kept?: KeptStationDays,
  ) {}

  /** Saves of computed days still under way (tests, shutdown). */
  async settled(): Promise<void> {
    await this.keeping
  }

  /**
   * Fetch in bulk the days the given stations have not cached yet: stations of a kind that miss
   * the same days (a cold start, a new period, or a year after its month) are fetched together, one
   * store query per run of days and chunk of stations, when the store can answer for many stations
   * at once. Each station's days are computed over the same runs `days()` would fetch for it alone,
   * so the records are the same either way. A station alone in its group is left to `days()`.
   */
  async prefill(stations: readonly Station[], days: readonly number[]): Promise<void> {
    if (days.length === 0) return
    const wanted = [...new Set(days)].sort((a, b) => a - b)
    await this.readKept(stations, wanted)
    const many = this.store.seriesMany?.bind(this.store)
    if (!many) return
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
          const read = this.kept && keptRead(this.kept)
          const byStation = await many({ ...q, stationIds: chunk.map((st) => st.id) })
          let buckets = 0
          const computed: Computed[] = []
          for (const st of chunk) {
            const series = byStation.get(st.id) ?? []
            for (const x of series) buckets += x.t.length
            this.cacheRun(st, span, series, computed)
          }
          this.keep(read, computed)
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
      const read = this.kept && keptRead(this.kept)
      const series = await this.store.series({ ...dayQuery(station.kind, span), stationId: station.id })
      const computed: Computed[] = []
      this.cacheRun(station, span, series, computed)
      this.keep(read, computed)
    }
  }

  /** Compute and cache a station's records of a run of days from its hourly series; with kept days, add each to `computed`. */
  private cacheRun(station: Station, span: DaySpan, series: Series[], computed: Computed[]): void {
    let m = this.cache.get(station.id)
    if (!m) this.cache.set(station.id, (m = new Map()))
    const records = (COMPUTE[station.kind] as (id: string, s: Series[], span: DaySpan) => AnyRecord[])(station.id, series, span)
    const byDay = new Map(records.map((r) => [r.day, r]))
    for (let d = span.first; d <= span.last; d++) {
      if (!m.has(d)) this.stats.cachedDays++
      const r = byDay.get(dayName(d)) ?? null
      m.set(d, r)
      if (this.kept) computed.push({ station, day: d, record: r })
    }
  }

  /** The kept records of the stations' wanted days not cached yet, where their tags are current. */
  private async readKept(stations: readonly Station[], wanted: readonly number[]): Promise<void> {
    if (!this.kept || wanted.length === 0) return
    const need = new Map<string, Station>()
    for (const st of stations) {
      const m = this.cache.get(st.id)
      if (!m || wanted.some((d) => !m.has(d))) need.set(st.id, st)
    }
    if (need.size === 0) return
    const days = new Set(wanted)
    for (const r of await this.kept.days.load(KEPT_NS, wanted[0]!, wanted.at(-1)!)) {
      const st = need.get(r.stationId)
      if (!st || !days.has(r.day)) continue
      let m = this.cache.get(st.id)
      if (!m) this.cache.set(st.id, (m = new Map()))
      if (m.has(r.day) || r.tag !== this.kept.tag(st, r.day)) continue
      m.set(r.day, r.value === null ? null : ({ stationId: st.id, day: dayName(r.day), ...(r.value as object) } as AnyRecord))
      this.stats.cachedDays++
      this.stats.keptDays++
    }
  }

  /** Note computed records to keep in the store at the next {@link keepComputed}, unless the marks changed during their read. */
  private keep(read: KeptRead | undefined, computed: Computed[]): void {
    const kept = this.kept
    if (!kept || !read || computed.length === 0) return
    this.keepLater(KEPT_NS, read, function* () {
      for (const c of computed) {
        const data = keptText(c.record)
        if (data !== undefined) yield { stationId: c.station.id, day: c.day, tag: kept.tag(c.station, c.day), data }
      }
    })
  }

  /**
   * Records read at `read` (of this or another namespace: the valid-data counts) to keep with the
   * next {@link keepComputed}, built then, and kept only if the marks in force are still those of the read.
   */
  keepLater(ns: string, read: KeptRead, build: () => Iterable<DayRecord>): void {
    if (this.kept && read.current()) this.toKeep.push({ ns, read, build })
  }

  /**
   * Save the records computed so far to the store, in the background: called once a computation is
   * over, so the saves do not compete with it (a failed save only costs a recomputation later).
   */
  keepComputed(): void {
    if (!this.kept || this.toKeep.length === 0) return
    const days = this.kept.days
    const batches = this.toKeep.splice(0)
    this.keeping = this.keeping.then(async () => {
      for (const b of batches) {
        try {
          let slice: DayRecord[] = []
          const save = async () => {
            await turn()
            // A mark added or withdrawn since the read: what is left of it is not kept.
            if (b.read.current()) this.stats.kept += await days.save(b.ns, b.read.since, slice)
            slice = []
          }
          for (const r of b.build()) if (slice.push(r) >= KEEP_SLICE) await save()
          if (slice.length > 0) await save()
        } catch {
          this.stats.keepErrors++
        }
      }
    })
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
