/**
 * The completeness service: each station's readings expected, received and valid per hour, CST day
 * or month, and the transmission and valid-data rates, from one aggregate store query
 * (Store.completenessCounts) and the pure formulas (shared/src/standards/completeness.ts).
 *
 * Reviewer-invalidated data (issue 13, data review): `invalidatedRanges` in the deps (the review
 * stack's) and the valid counts leave out what a reviewer marked invalid; nothing else changes.
 *
 * Closed CST days are cached (`cacheDays`, the one-process system): a day's counts change only when
 * data for it is stored, and the store writer says so ({@link CompletenessService.stored}), so a
 * month of 1000 stations is one query for the days not yet seen plus the day in progress. Hourly
 * figures and requests with invalidated ranges always ask the store.
 */
import type { Station } from '../../../shared/src/domain/station'
import type { Reading } from '../../../shared/src/domain/reading'
import type { CompletenessCounts, Store } from '../../../shared/src/ports/store'
import type { CompletenessBody, CompletenessStationBody, CompletenessTallyBody } from '../../../shared/src/protocol/http/completeness'
import {
  bucketOf,
  missingHours,
  stationCompleteness,
  sumTallies,
  type BucketCount,
  type CompletenessEvery,
  type InvalidatedRange,
  type MissingHour,
  type StationCompleteness,
  type Tally,
} from '../../../shared/src/standards/completeness'
import { isoCst } from '../http/time-query'

/** What the service reads. */
export interface CompletenessDeps {
  registry: { list(): Station[]; get(id: string): Station | undefined }
  store: Pick<Store, 'completenessCounts'>
  now: () => number
  /** The ranges reviewers marked invalid, all stations (data review, issue 13); default none. */
  invalidatedRanges?: () => readonly InvalidatedRange[]
  /**
   * Cache the daily counts of this many closed CST days (default 0: no cache). Only where every
   * stored reading is reported to {@link CompletenessService.stored} (the one-process system).
   */
  cacheDays?: number
}

/** Which stations and what range. */
export interface CompletenessRequest {
  kind?: Station['kind']
  /** Town, zh or en name. */
  town?: string
  station?: string
  from: number
  to: number
  every: CompletenessEvery
}

/** A station's figures with its registry entry. */
export interface StationFigures {
  station: Station
  figures: StationCompleteness
}

const rate = (t: Tally): CompletenessTallyBody => ({
  expected: t.expected,
  received: t.received,
  valid: t.valid,
  transmission: t.transmission,
  validRate: t.validRate,
})

/** Worst valid-data rate first; stations with nothing expected last; then by id. */
function worstFirst(a: StationFigures, b: StationFigures): number {
  const x = a.figures.total.validRate
  const y = b.figures.total.validRate
  if (x === null || y === null) return x === y ? a.station.id.localeCompare(b.station.id) : x === null ? 1 : -1
  return x - y || a.station.id.localeCompare(b.station.id)
}

const DAY = 86_400_000

export class CompletenessService {
  /** Daily counts of every registered station per closed CST day (day start → rows), oldest first. */
  private readonly days = new Map<number, BucketCount[]>()
  /** Each station's first stored point, once asked (kept current by {@link stored}). */
  private firstSeen?: Map<string, number>

  constructor(private readonly deps: CompletenessDeps) {}

  /**
   * Readings were committed to the store: the cached days they fall in are dropped (recounted when
   * next asked), and a station's first point moves earlier if one of them is older.
   */
  stored(readings: readonly Pick<Reading, 'stationId' | 'ts'>[]): void {
    if (this.days.size === 0 && !this.firstSeen) return
    for (const r of readings) {
      this.days.delete(bucketOf(r.ts, '1d'))
      if (this.firstSeen && !(this.firstSeen.get(r.stationId)! <= r.ts)) this.firstSeen.set(r.stationId, r.ts)
    }
  }

  /** The invalidated ranges that touch these stations in [from, to). */
  private invalidatedFor(ids: string[], from: number, to: number): InvalidatedRange[] | undefined {
    const all = this.deps.invalidatedRanges?.()
    if (!all || all.length === 0) return undefined
    const wanted = new Set(ids)
    return all.filter((r) => wanted.has(r.stationId) && r.from < to && r.to > from)
  }

  /** Store counts of [from, to), through the day cache for daily buckets when it is on. */
  private async counts(
    ids: string[],
    from: number,
    to: number,
    every: CompletenessEvery,
    invalidated: readonly InvalidatedRange[] | undefined,
  ): Promise<CompletenessCounts> {
    const max = this.deps.cacheDays ?? 0
    const store = this.deps.store
    if (every === '1h' || max === 0 || (invalidated && invalidated.length > 0))
      return store.completenessCounts({ stationIds: ids, from, to, every: every === '1h' ? '1h' : '1d', invalidated })
    const today = bucketOf(this.deps.now(), '1d')
    const first = Math.max(bucketOf(from, '1d') + (bucketOf(from, '1d') < from ? DAY : 0), today - max * DAY)
    const end = Math.min(bucketOf(to, '1d'), today)
    const rows: BucketCount[] = []
    const direct = async (a: number, b: number) => {
      if (b <= a) return
      // A loop, not push(...rows): a long range has more rows than a call takes arguments.
      for (const r of (await store.completenessCounts({ stationIds: ids, from: a, to: b, every: '1d' })).rows) rows.push(r)
    }
    if (end <= first) {
      await direct(from, to)
    } else {
      await direct(from, first)
      // The closed whole days: fill the missing ones for every registered station in one query.
      const missing: number[] = []
      for (let d = first; d < end; d += DAY) if (!this.days.has(d)) missing.push(d)
      if (missing.length > 0) {
        const all = this.deps.registry.list().map((s) => s.id)
        const filled = await store.completenessCounts({ stationIds: all, from: missing[0]!, to: missing.at(-1)! + DAY, every: '1d' })
        const byDay = new Map<number, BucketCount[]>(missing.map((d) => [d, []]))
        for (const r of filled.rows) byDay.get(r.bucket)?.push(r)
        for (const [d, list] of byDay) this.days.set(d, list)
        while (this.days.size > max) this.days.delete(this.days.keys().next().value!)
      }
      const wanted = new Set(ids)
      for (let d = first; d < end; d += DAY) for (const r of this.days.get(d) ?? []) if (wanted.has(r.stationId)) rows.push(r)
      await direct(end, to)
    }
    // Every station's first point up to now (tomorrow: a reading may be a little ahead of the clock).
    const now = this.deps.now()
    this.firstSeen ??= (await store.completenessCounts({ from: now, to: now + DAY, every: '1d' })).firstSeen
    const firstSeen = new Map<string, number>()
    for (const id of ids) {
      const t = this.firstSeen.get(id)
      if (t !== undefined && t < to) firstSeen.set(id, t)
    }
    return { rows, firstSeen }
  }

  /** The registered stations a request selects. */
  select(q: Pick<CompletenessRequest, 'kind' | 'town' | 'station'>): Station[] {
    return this.deps.registry
      .list()
      .filter(
        (s) =>
          (q.kind === undefined || s.kind === q.kind) &&
          (q.town === undefined || s.town === q.town || s.townEn === q.town) &&
          (q.station === undefined || s.id === q.station),
      )
  }

  /**
   * Figures of the given stations over [from, to) in buckets of `every` (months are summed from CST
   * days), sorted worst valid-data rate first.
   */
  async figures(stations: Station[], from: number, to: number, every: CompletenessEvery): Promise<StationFigures[]> {
    if (stations.length === 0) return []
    const ids = stations.map((s) => s.id)
    const invalidated = this.invalidatedFor(ids, from, to)
    const counts = await this.counts(ids, from, to, every, invalidated)
    const byStation = new Map<string, typeof counts.rows>()
    for (const r of counts.rows) {
      let l = byStation.get(r.stationId)
      if (!l) byStation.set(r.stationId, (l = []))
      l.push(r)
    }
    const now = this.deps.now()
    return stations
      .map((station) => ({
        station,
        figures: stationCompleteness(station, byStation.get(station.id) ?? [], {
          from,
          to,
          every,
          now,
          firstSeen: counts.firstSeen.get(station.id),
        }),
      }))
      .sort(worstFirst)
  }

  /** The `GET /api/completeness` body. */
  async body(q: CompletenessRequest): Promise<CompletenessBody> {
    const figs = await this.figures(this.select(q), q.from, q.to, q.every)
    const perMetric = q.station !== undefined
    const stations: CompletenessStationBody[] = figs.map(({ station: s, figures: f }) => ({
      stationId: s.id,
      kind: s.kind,
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      town: s.town,
      ...(s.townEn ? { townEn: s.townEn } : {}),
      intervalSec: s.intervalSec,
      countedFrom: isoCst(f.countedFrom),
      total: { ...rate(f.total), metrics: Object.fromEntries(Object.entries(f.total.metrics).map(([m, t]) => [m, rate(t)])) },
      buckets: f.buckets.map((b) => ({
        from: isoCst(b.from),
        ...rate(b),
        ...(perMetric ? { metrics: Object.fromEntries(Object.entries(b.metrics).map(([m, t]) => [m, rate(t)])) } : {}),
      })),
    }))
    return {
      from: isoCst(q.from),
      to: isoCst(q.to),
      every: q.every,
      computedAt: isoCst(this.deps.now()),
      total: rate(sumTallies(figs.map((x) => x.figures.total))),
      stations,
    }
  }

  /**
   * A station's closed hours in [from, to) with missing or partial data (gap recovery asks its
   * logger for these, HJ 212-2017 CN 2051/2061). Empty for an unknown station.
   * @example await completeness.missingHours('DG-AIR-01', Date.now() - 86_400_000, Date.now())
   */
  async missingHours(stationId: string, from: number, to: number): Promise<MissingHour[]> {
    const station = this.deps.registry.get(stationId)
    if (!station) return []
    const invalidated = this.invalidatedFor([stationId], from, to)
    const counts = await this.deps.store.completenessCounts({ stationIds: [stationId], from, to, every: '1h', invalidated })
    return missingHours(station, counts.rows, { from, to, now: this.deps.now(), firstSeen: counts.firstSeen.get(stationId) })
  }
}
