/**
 * The city's targets board: computes every target of the plan for a period with the shared target
 * formulas (shared/src/targets) from station-days (targets-data.ts), caches the result per period,
 * recomputes at most once per refresh interval when data changed, and pushes the socket `targets`
 * event when a value or status changes.
 *
 * `computing`: the body says when its figures are not final because data for completed days is on
 * its way (a reading for a past day arrived less than {@link SETTLE_MS} ago, e.g. the demo's start-up
 * backfill or a data logger's backlog) or has been stored since the body was computed (the next
 * recomputation will take it). A target with no value then reads "computing", not "no data".
 *
 * Which stations count: drinking-water sources = `water` stations (the contract's drinking-water
 * source / automatic surface-water stations); plants = `wastewater`; air = `air`; key sources =
 * stations with `keySource`; energy units = `energy` (quota target: those with `quotaTce`).
 */
import { METRICS } from '../../../shared/src/domain/metric-catalog'
import type { Reading } from '../../../shared/src/domain/reading'
import type { Station, StationKind } from '../../../shared/src/domain/station'
import type { TargetsBody, TargetView } from '../../../shared/src/protocol/http/targets'
import type { StationRegistry } from '../../../ingest/src/stations/station-registry'
import { cstDay, cstDayStart, parseCstDate } from '../../../shared/src/standards/time'
import type { CompletenessCounts, Store } from '../../../shared/src/ports/store'
import { airGoodDays } from '../../../shared/src/targets/air-good-days'
import { drinkingWaterCompliance } from '../../../shared/src/targets/drinking-water'
import { energyQuotaCompliance } from '../../../shared/src/targets/energy-quota'
import { energyMeteringCoverage, keySourceCoverage } from '../../../shared/src/targets/online-coverage'
import { stationCompleteness } from '../../../shared/src/standards/completeness'
import { validDataRate } from '../../../shared/src/targets/valid-data-rate'
import { periodDays } from '../../../shared/src/targets/period-days'
import type { KeptDays } from '../../../shared/src/ports/day-records'
import type { Mark } from '../../../shared/src/review/marks'
import { signoffShare, type Signoff } from '../../../shared/src/review/signoff'
import { reclaimedWaterReuse } from '../../../shared/src/targets/reclaimed-water'
import { sewageTreatmentRate } from '../../../shared/src/targets/sewage-treatment'
import type { Evaluation, TargetResult } from '../../../shared/src/targets/types'
import { isoCst } from '../http/time-query'
import { sewageBaseline, type TargetsConfig } from './targets-config'
import { COUNTS_NS, keptDailyCounts } from './kept-counts'
import { TargetsData, keptTag, type KeptStationDays } from './targets-data'
import { resolvePeriod, type PeriodName, type ResolvedPeriod } from './calendar-period'

export interface TargetsDeps {
  registry: Pick<StationRegistry, 'list'>
  store: Pick<Store, 'series' | 'seriesMany' | 'completenessCounts'>
  /** Latest reading time per station (the live cache), for coverage at the present time. */
  lastSeen: (stationId: string) => number | undefined
  now: () => number
  config: TargetsConfig
  /** The review sign-offs in force (issue 13): each target says how much of its data is signed off. */
  signoffs?: () => readonly Signoff[]
  /**
   * Where the store keeps station-days across restarts (the DuckDB store), and the review marks in
   * force, which every kept station-day's tag names (targets-data.ts).
   */
  kept?: { days: KeptDays; marks: () => readonly Mark[] }
}

interface Entry {
  body: TargetsBody
  version: number
  /** {@link TargetsService} `pastVersion` the computation saw. */
  pastVersion: number
  computedAt: number
  day: number
}

/** Explicit-`at` results kept (bounded). */
const MAX_ENTRIES = 32

/** How long after a reading for a past day arrives the board still says it is computing (arrival → store). */
export const SETTLE_MS = 15_000

export class TargetsService {
  private readonly data: TargetsData
  private readonly kept?: KeptStationDays
  private readonly entries = new Map<string, Entry>()
  private readonly inflight = new Map<string, Promise<Entry>>()
  private version = 0
  /** Bumped when readings for completed days are stored (the day-based figures change). */
  private pastVersion = 0
  /** When a reading for a completed day last arrived or was stored (wall clock). */
  private pastAt = -Infinity
  /** The valid-data-rate target of the completed days per period (bounded), recomputed when they or their data change. */
  private readonly validCache = new Map<string, TargetResult>()

  constructor(private readonly deps: TargetsDeps) {
    this.kept = deps.kept && { days: deps.kept.days, tag: keptTag(deps.kept.marks), marks: deps.kept.marks }
    this.data = new TargetsData(deps.store, this.kept)
  }

  /** Something the targets depend on changed (e.g. a station's status): recompute at the next chance. */
  touch(): void {
    this.version++
  }

  /**
   * Readings were committed to the store (store writer, live or replayed from the spool): the
   * completed days they fall in are recomputed. Called after the write, not on arrival, so a
   * recomputation never caches a day the store has not seen yet.
   */
  stored(readings: readonly Pick<Reading, 'stationId' | 'kind' | 'ts'>[]): void {
    this.version++
    const now = this.deps.now()
    const today = cstDay(now)
    let prev = ''
    let past = false
    for (const r of readings) {
      const d = cstDay(r.ts)
      if (d >= today) continue
      if (!past) {
        past = true
        this.pastVersion++
        this.pastAt = now
      }
      const key = `${r.stationId}|${d}`
      if (key === prev) continue
      prev = key
      this.data.invalidate(r.stationId, r.kind, r.ts)
    }
  }

  /**
   * Readings were accepted (before they are stored): readings for a completed day make the board
   * say it is computing until they are stored and taken into the figures.
   */
  arriving(readings: readonly Pick<Reading, 'ts'>[]): void {
    const now = this.deps.now()
    const today = cstDay(now)
    for (const r of readings) {
      if (cstDay(r.ts) >= today) continue
      this.pastAt = now
      return
    }
  }

  /** Store queries made, station-days cached, read back from the store and kept in it (for tests and metrics). */
  get stats(): Readonly<TargetsData['stats']> {
    return this.data.stats
  }

  /** Station-days still being saved to the store (tests; a stop waits for them). */
  settled(): Promise<void> {
    return this.data.settled()
  }

  /**
   * Review changed a station's values over [from, to) (a mark, a correction, a withdrawal): its
   * completed days are recomputed from the reviewed data.
   */
  reviewed(c: { stationId: string; kind: StationKind; from: number; to: number }): void {
    const days: Pick<Reading, 'stationId' | 'kind' | 'ts'>[] = []
    for (let d = cstDay(c.from); d <= cstDay(c.to - 1); d++) days.push({ stationId: c.stationId, kind: c.kind, ts: cstDayStart(d) })
    this.stored(days)
  }

  /** Forget a removed station's cached days. */
  forget(stationId: string): void {
    this.data.forget(stationId)
    this.version++
  }

  /**
   * The targets of a period as of `at` (default now). The day-based targets come from the cache
   * when fresh: the same data version, or computed less than the refresh interval ago, and the same
   * CST day. The coverage targets of the present are a snapshot of the live cache, so they are
   * taken anew on every call (cheap: one look-up per station) and never lag the map.
   */
  async body(name: PeriodName = 'month', at?: number): Promise<TargetsBody> {
    const e = await this.entry(name, at)
    const body = { ...e.body, computing: this.computing(e) }
    return this.withReview(at === undefined ? this.withPresentCoverage(body) : body)
  }

  /** Each target with the signed-off share of its station-days, taken now (a sign-off changes no data). */
  private withReview(body: TargetsBody): TargetsBody {
    const signoffs = this.deps.signoffs?.()
    if (!signoffs) return body
    const first = cstDay(Date.parse(body.period.from))
    const last = first + body.period.completedDays - 1
    const byId = new Map(this.deps.registry.list().map((s) => [s.id, s]))
    return {
      ...body,
      targets: body.targets.map((t) => ({
        ...t,
        review: signoffShare(
          signoffs,
          t.counted.stations.flatMap((id) => byId.get(id) ?? []),
          first,
          last,
        ),
      })),
    }
  }

  /**
   * The targets of an explicit period (reports: a closed month or year, or a month as of a day's
   * end), computed anew, not cached; the coverage targets as of the period's `asOf`.
   */
  forPeriod(p: ResolvedPeriod): Promise<TargetsBody> {
    return this.compute(p, false)
  }

  /** Whether data for completed days is still arriving, or stored but not yet in `e`. */
  private computing(e: Entry): boolean {
    return e.pastVersion !== this.pastVersion || this.deps.now() - this.pastAt < SETTLE_MS
  }

  /** The cached entry of a period, or a new computation; the entry says which data version it saw. */
  private entry(name: PeriodName, at: number | undefined): Promise<Entry> {
    const now = this.deps.now()
    const key = `${name}|${at ?? 'now'}`
    const e = this.entries.get(key)
    if (e && e.day === cstDay(now) && (e.version === this.version || now - e.computedAt < this.deps.config.refreshMs))
      return Promise.resolve(e)
    let p = this.inflight.get(key)
    if (!p) {
      const version = this.version
      const pastVersion = this.pastVersion
      p = this.compute(resolvePeriod(name, at ?? now), at === undefined)
        .then((body) => {
          const fresh: Entry = { body, version, pastVersion, computedAt: now, day: cstDay(now) }
          this.entries.delete(key)
          this.entries.set(key, fresh)
          if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!)
          return fresh
        })
        .finally(() => this.inflight.delete(key))
      this.inflight.set(key, p)
    }
    return p
  }

  /**
   * Every refresh interval, recompute the month to date when data changed and push it when a value
   * or status changed. Returns a stop function.
   */
  startPusher(push: (body: TargetsBody) => void, onError: (e: Error) => void = () => undefined): { stop(): void } {
    let lastVersion = -1
    let lastDigest = ''
    let lastComputing = false
    let lastSignoffs: readonly Signoff[] | undefined
    let running = false
    const run = async () => {
      // While computing, look again each interval: it ends with time (SETTLE_MS), not only with data.
      // A sign-off or reopening (a new list of sign-offs) changes the figures' finality (issue 13).
      const signoffs = this.deps.signoffs?.()
      if (running || (this.version === lastVersion && !lastComputing && signoffs === lastSignoffs)) return
      lastSignoffs = signoffs
      running = true
      try {
        // The version the served entry saw, not the current one: a body still inside the refresh
        // interval may predate the latest data, and the next tick must then compute it anew.
        const e = await this.entry('month', undefined)
        lastVersion = e.version
        lastComputing = this.computing(e)
        const body = this.withReview(this.withPresentCoverage({ ...e.body, computing: lastComputing }))
        const d = digest(body)
        if (d !== lastDigest) {
          lastDigest = d
          push(body)
        }
      } catch (e) {
        lastVersion = -1
        onError(e as Error)
      } finally {
        running = false
      }
    }
    const timer = setInterval(() => void run(), this.deps.config.refreshMs)
    timer.unref()
    void run()
    return { stop: () => clearInterval(timer) }
  }

  /** A period's body; what it computed is kept in the store once it is over (not beside it). */
  private compute(p: ResolvedPeriod, present: boolean): Promise<TargetsBody> {
    return this.computeBody(p, present).finally(() => this.data.keepComputed())
  }

  private async computeBody(p: ResolvedPeriod, present: boolean): Promise<TargetsBody> {
    const cfg = this.deps.config
    const ev: Evaluation = { period: { from: p.from, to: p.to }, asOf: p.asOf }
    const days = periodDays(ev).completed.map((d) => parseCstDate(d)!)
    const stations = this.deps.registry.list()
    const of = <K extends StationKind>(kind: K) => stations.filter((s): s is Station & { kind: K } => s.kind === kind)
    // The valid-data rate's counts are one store scan of their own: started first, it runs beside the
    // station-days' queries and their computation instead of after them.
    const validData = this.validData(stations, ev, days)
    validData.catch(() => undefined)
    await this.data.prefill(stations, days)
    const collect = async <K extends StationKind>(kind: K) => (await Promise.all(of(kind).map((s) => this.data.days(s, days)))).flat()
    const [air, water, plants, units] = await Promise.all([collect('air'), collect('water'), collect('wastewater'), collect('energy')])
    const plantIds = of('wastewater').map((s) => s.id)
    const baseline = sewageBaseline(cfg, of('wastewater'))
    const lastSeen = present ? this.presentLastSeen(stations) : await lastSeenAt(this.deps.store, stations, p.asOf)
    const [keySources, metering] = coverageResults(stations, lastSeen, p.asOf)
    const results: TargetResult[] = [
      drinkingWaterCompliance(of('water'), water, ev),
      baseline.m3d > 0
        ? sewageTreatmentRate(plantIds, plants, { ...ev, generatedM3PerDay: baseline.m3d, marginPct: cfg.margins.sewage })
        : noBaseline(ev),
      reclaimedWaterReuse(plantIds, plants, { ...ev, marginPct: cfg.margins.reclaimed }),
      airGoodDays(
        of('air').map((s) => s.id),
        air,
        { ...ev, targetPct: cfg.airGoodDaysPct, marginPct: cfg.margins.air },
      ),
      keySources,
      metering,
      energyQuotaCompliance(of('energy'), units, { ...ev, marginPct: cfg.margins.energy }),
      await validData,
    ]
    const sewage = results[1]!
    if (baseline.m3d > 0) sewage.method += ` Baseline: ${baseline.source}.`
    return {
      period: { name: p.name, from: isoCst(p.from), to: isoCst(p.to), asOf: isoCst(p.asOf), completedDays: days.length },
      computedAt: isoCst(this.deps.now()),
      computing: false,
      settings: {
        sewageGeneratedM3d: baseline.m3d > 0 ? baseline.m3d : null,
        sewageBaseline: baseline.source,
        airGoodDaysPct: cfg.airGoodDaysPct,
        validDataPct: cfg.validDataPct,
        margins: cfg.margins,
      },
      targets: results.map(view),
    }
  }

  /**
   * Online-monitoring valid-data rate over the period's completed days (one completeness query, CST
   * days), cached until a completed day is added or data for one is stored.
   */
  private async validData(stations: Station[], ev: Evaluation, days: number[]): Promise<TargetResult> {
    const from = ev.period.from
    // `days` are CST day numbers (parseCstDate): counted up to the end of the last completed one.
    const to = days.length > 0 ? cstDayStart(Math.max(...days) + 1) : from
    const key = `${from}|${to}|${ev.period.to}|${this.pastVersion}|${stations.map((s) => s.id).join(',')}|${this.deps.config.validDataPct}`
    const cached = this.validCache.get(key)
    if (cached) return cached
    const counts =
      to <= from
        ? { rows: [], firstSeen: new Map<string, number>() }
        : this.kept
          ? await this.keptCounts(stations, days)
          : await this.deps.store.completenessCounts({ stationIds: stations.map((s) => s.id), from, to, every: '1d' })
    const byStation = new Map<string, typeof counts.rows>()
    for (const r of counts.rows) {
      const rows = byStation.get(r.stationId)
      if (rows) rows.push(r)
      else byStation.set(r.stationId, [r])
    }
    const tallies = stations.map((s) => ({
      id: s.id,
      ...stationCompleteness(s, byStation.get(s.id) ?? [], {
        from,
        to,
        every: '1d',
        now: to,
        firstSeen: counts.firstSeen.get(s.id),
        totalOnly: true,
      }).total,
    }))
    const result = validDataRate(tallies, {
      ...ev,
      targetPct: this.deps.config.validDataPct,
      marginPct: this.deps.config.margins.validData,
    })
    result.method += ` Completed days only (${days.length}).`
    this.validCache.set(key, result)
    if (this.validCache.size > MAX_ENTRIES) this.validCache.delete(this.validCache.keys().next().value!)
    return result
  }

  /** The daily counts of the completed days, kept ones read back, the rest counted and kept (kept-counts.ts). */
  private async keptCounts(stations: Station[], days: number[]): Promise<CompletenessCounts> {
    const c = await keptDailyCounts(this.deps.store, this.kept!, stations, days, (read, build) =>
      this.data.keepLater(COUNTS_NS, read, build),
    )
    this.data.stats.countQueries += c.queries
    this.data.stats.keptCountDays += c.keptDays
    return c
  }

  /** The body with its coverage targets re-taken from the live cache now. */
  private withPresentCoverage(body: TargetsBody): TargetsBody {
    const stations = this.deps.registry.list()
    const fresh = new Map(coverageResults(stations, this.presentLastSeen(stations), this.deps.now()).map((r) => [r.id, r]))
    return { ...body, targets: body.targets.map((t) => (fresh.has(t.id) ? view(fresh.get(t.id)!) : t)) }
  }

  private presentLastSeen(stations: Station[]): Map<string, number> {
    const m = new Map<string, number>()
    for (const s of stations) {
      const t = this.deps.lastSeen(s.id)
      if (t !== undefined && Number.isFinite(t)) m.set(s.id, t)
    }
    return m
  }
}

/** The two coverage targets (key sources, energy metering) as of `asOf`. */
function coverageResults(stations: Station[], lastSeen: ReadonlyMap<string, number>, asOf: number): [TargetResult, TargetResult] {
  return [keySourceCoverage(stations, lastSeen, { asOf }), energyMeteringCoverage(stations, lastSeen, { asOf })]
}

/** A result as served (ISO period bounds). */
function view(r: TargetResult): TargetView {
  return { ...r, period: { from: isoCst(r.period.from), to: isoCst(r.period.to) } }
}

/** How far back a historic coverage query looks for a station's last report. */
const LAST_SEEN_LOOKBACK_MS = 7 * 86_400_000

/**
 * Last reading time at or before `at` of the stations the coverage targets look at (historic `at`):
 * the newest hourly bucket of the last 7 days, then the newest raw reading in it. A station silent
 * for longer counts as never reported. The hourly step is one query per kind when the store answers
 * for many stations at once (it was one per station, one at a time: 3.8 s for a month's `at` over
 * 1000 stations); the raw step is a small query per station that reported, a few at a time.
 */
export async function lastSeenAt(
  store: Pick<Store, 'series' | 'seriesMany'>,
  stations: Station[],
  at: number,
): Promise<Map<string, number>> {
  const newest = (series: { t: number[] }[]) => Math.max(-Infinity, ...series.map((x) => x.t.at(-1) ?? -Infinity))
  const wanted = stations.filter((s) => s.keySource || s.kind === 'energy')
  const hours = new Map<string, number>()
  const many = store.seriesMany?.bind(store)
  for (const kind of new Set(wanted.map((s) => s.kind))) {
    const group = wanted.filter((s) => s.kind === kind)
    const q = { metrics: METRICS[kind].map((x) => x.key), fn: 'last' as const, from: at - LAST_SEEN_LOOKBACK_MS, to: at + 1 }
    if (many && group.length > 1) {
      const byStation = await many({ ...q, stationIds: group.map((s) => s.id), every: '1h' })
      for (const s of group) hours.set(s.id, newest(byStation.get(s.id) ?? []))
    } else for (const s of group) hours.set(s.id, newest(await store.series({ ...q, stationId: s.id, every: '1h' })))
  }
  const found = new Map<string, number>()
  const todo = wanted.filter((s) => Number.isFinite(hours.get(s.id)))
  const next = async (): Promise<void> => {
    for (let s = todo.shift(); s; s = todo.shift()) {
      const hour = hours.get(s.id)!
      const q = { stationId: s.id, metrics: METRICS[s.kind].map((x) => x.key), fn: 'last' as const }
      const last = newest(await store.series({ ...q, from: hour, to: Math.min(hour + 3_600_000, at + 1), every: 'raw' }))
      if (Number.isFinite(last)) found.set(s.id, last)
    }
  }
  await Promise.all([next(), next(), next()])
  // In the stations' order, as before.
  const m = new Map<string, number>()
  for (const s of wanted) if (found.has(s.id)) m.set(s.id, found.get(s.id)!)
  return m
}

function noBaseline(ev: Evaluation): TargetResult {
  return {
    id: 'sewage-treatment-rate',
    title: { zh: '城市生活污水处理率', en: 'Urban sewage treatment rate' },
    value: null,
    target: 90,
    comparator: '>=',
    unit: '%',
    status: 'no-data',
    period: ev.period,
    method: 'No generated-sewage baseline: set TARGET_SEWAGE_GENERATED_M3D (no plant capacity is registered to derive a default).',
    counted: { stations: [] },
  }
}

/** What a push compares: each target's value and status. */
export function digest(body: TargetsBody): string {
  return (
    JSON.stringify(body.period.name + body.period.from + (body.computing ? ' computing' : '')) +
    JSON.stringify(
      body.targets.map((t) => [t.id, t.value === null ? null : Math.round(t.value * 1e6) / 1e6, t.status, t.review?.signedOffDays]),
    )
  )
}
