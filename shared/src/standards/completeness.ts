/**
 * Data completeness of a station: readings expected, received and valid per metric and per hour, day
 * or month (China Standard Time), and the two rates the bureau is judged on (docs/standards.md,
 * "Data completeness"):
 *
 * - transmission rate (数据传输率) = received ÷ expected;
 * - valid-data rate (数据有效率) = valid ÷ expected.
 *
 * Expected: one reading per metric per reporting interval (Station.intervalSec), for each metric the
 * station's kind monitors (the contract's non-optional metrics of the kind, metric-catalog.ts). A slot
 * [k·interval, (k+1)·interval) is expected once it is over, so the current partial hour expects only
 * its elapsed slots, and a station counts only from its first data (the registry keeps no
 * registration date): a station added mid-month is not charged for the days before it existed. A
 * station that never sent anything is charged from the start of the range.
 *
 * Received and valid come from the store as counts per (station, metric, bucket)
 * ({@link BucketCount}); {@link tallyPoints} is the same count over raw points, pure, the reference
 * the store's aggregate query is tested against. Valid: flag N or S (reading.ts isValidFlag; values
 * that fail validation never reach the store), and not inside a range a reviewer invalidated
 * ({@link InvalidatedRange}). Counts above the expected (a station reporting more often than its
 * interval) are capped at the expected, so a rate never passes 100 %.
 *
 * Pure: no I/O, no clock (`now` comes in).
 */
import { isValidFlag, type DataFlag } from '../domain/reading'
import { METRICS } from '../domain/metric-catalog'
import type { StationKind } from '../domain/station'
import { CST_OFFSET_MS, DAY_MS, HOUR_MS } from './time'

/** Bucket width of a completeness figure: CST hour, day or calendar month. */
export const COMPLETENESS_EVERY = ['1h', '1d', '1M'] as const
export type CompletenessEvery = (typeof COMPLETENESS_EVERY)[number]

/** A range of one station's data a reviewer marked invalid: [from, to), one metric or (absent) all. */
export interface InvalidatedRange {
  stationId: string
  metric?: string
  from: number
  to: number
}

/** Received and valid readings of one metric of one station in one bucket (bucket = its start, epoch ms). */
export interface BucketCount {
  stationId: string
  metric: string
  bucket: number
  received: number
  valid: number
}

/** One stored point, as far as completeness cares. */
export interface CountPoint {
  stationId: string
  metric: string
  ts: number
  flag?: DataFlag
}

/** Expected, received and valid readings, with the two rates (0..1; null when nothing was expected). */
export interface Tally {
  expected: number
  received: number
  valid: number
  transmission: number | null
  validRate: number | null
}

/** A station's figures in one bucket: in all and per metric. */
export interface BucketCompleteness extends Tally {
  /** Bucket start, epoch ms. */
  from: number
  /** Bucket end (exclusive), epoch ms. */
  to: number
  metrics: Record<string, Tally>
}

/** A station's completeness over a range. */
export interface StationCompleteness {
  stationId: string
  intervalSec: number
  /** When counting starts for this station (its first data, or the range start). */
  countedFrom: number
  buckets: BucketCompleteness[]
  /** The whole range, in all and per metric. */
  total: Tally & { metrics: Record<string, Tally> }
}

/** What completeness needs of a registered station (a subset of Station). */
export interface CompletenessStation {
  id: string
  kind: StationKind
  intervalSec: number
}

/** Options of {@link stationCompleteness}. */
export interface CompletenessOptions {
  from: number
  to: number
  every: CompletenessEvery
  now: number
  /** The station's first reading ever (epoch ms); undefined = none: counted from `from`. */
  firstSeen?: number
  /** Only the totals: `buckets` is left empty (a year of a city's station-days, for one rate). */
  totalOnly?: boolean
}

/**
 * The metrics a station of a kind is expected to report: the contract's non-optional metrics.
 * @example expectedMetrics('air') // ['pm25', 'pm10', 'so2', 'no2', 'co', 'o3']
 */
export function expectedMetrics(kind: StationKind): string[] {
  return METRICS[kind].filter((m) => !m.optional).map((m) => m.key)
}

/**
 * Start of the CST bucket containing `t`.
 * @example bucketOf(Date.parse('2026-03-15T10:20:00+08:00'), '1M') === Date.parse('2026-03-01T00:00:00+08:00')
 */
export function bucketOf(t: number, every: CompletenessEvery): number {
  if (every === '1h') return Math.floor(t / HOUR_MS) * HOUR_MS
  if (every === '1d') return Math.floor((t + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS
  const d = new Date(t + CST_OFFSET_MS)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - CST_OFFSET_MS
}

/** Start of the bucket after the one starting at `b`. */
export function nextBucket(b: number, every: CompletenessEvery): number {
  if (every === '1h') return b + HOUR_MS
  if (every === '1d') return b + DAY_MS
  const d = new Date(b + CST_OFFSET_MS)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - CST_OFFSET_MS
}

/**
 * Reporting slots of `intervalSec` that start in [from, to) and are over by `to`: the readings a
 * station owes for that span (slots aligned on the epoch, so on CST hours for any interval dividing one).
 * @example expectedSlots(0, 3_600_000, 300) === 12
 */
export function expectedSlots(from: number, to: number, intervalSec: number): number {
  const iv = intervalSec * 1000
  if (!(iv > 0) || to <= from) return 0
  return Math.max(0, Math.floor(to / iv) - Math.ceil(from / iv))
}

/** Whether a reviewer invalidated this point. */
export function isInvalidated(ranges: readonly InvalidatedRange[] | undefined, stationId: string, metric: string, ts: number): boolean {
  if (!ranges) return false
  for (const r of ranges)
    if (r.stationId === stationId && (r.metric === undefined || r.metric === metric) && ts >= r.from && ts < r.to) return true
  return false
}

/**
 * Count received and valid points per (station, metric, bucket): the reference of the store's
 * aggregate query (`Store.completenessCounts`). Valid = flag N or S and not in an invalidated range.
 * @example tallyPoints([{ stationId: 'A', metric: 'pm25', ts: 0, flag: 'D' }], '1h')[0].valid === 0
 */
export function tallyPoints(
  points: Iterable<CountPoint>,
  every: CompletenessEvery,
  invalidated?: readonly InvalidatedRange[],
): BucketCount[] {
  const out = new Map<string, BucketCount>()
  for (const p of points) {
    const bucket = bucketOf(p.ts, every)
    const key = `${p.stationId}\u0000${p.metric}\u0000${bucket}`
    let c = out.get(key)
    if (!c) out.set(key, (c = { stationId: p.stationId, metric: p.metric, bucket, received: 0, valid: 0 }))
    c.received++
    if (isValidFlag(p.flag) && !isInvalidated(invalidated, p.stationId, p.metric, p.ts)) c.valid++
  }
  return [...out.values()].sort((a, b) =>
    a.stationId < b.stationId
      ? -1
      : a.stationId > b.stationId
        ? 1
        : a.metric < b.metric
          ? -1
          : a.metric > b.metric
            ? 1
            : a.bucket - b.bucket,
  )
}

/** Rates of a tally, received and valid capped at the expected. */
export function tally(expected: number, received: number, valid: number): Tally {
  const r = Math.min(received, expected)
  const v = Math.min(valid, r)
  return {
    expected,
    received: r,
    valid: v,
    transmission: expected > 0 ? r / expected : null,
    validRate: expected > 0 ? v / expected : null,
  }
}

/** Sum tallies (the rates recomputed from the sums). */
export function sumTallies(ts: Iterable<Tally>): Tally {
  let e = 0
  let r = 0
  let v = 0
  for (const t of ts) {
    e += t.expected
    r += t.received
    v += t.valid
  }
  return tally(e, r, v)
}

/**
 * A station's completeness over [from, to) in buckets of `every`, from its bucket counts (other
 * stations' counts are ignored). Expected metrics: {@link expectedMetrics} of its kind; another
 * metric it sends is shown per metric (expected as often) but not in the station's figures.
 * @example stationCompleteness({ id: 'A', kind: 'air', intervalSec: 3600 }, [], { from: 0, to: 7_200_000, every: '1h', now: 7_200_000 }).total.expected // 12
 */
export function stationCompleteness(
  station: CompletenessStation,
  counts: Iterable<BucketCount>,
  opts: CompletenessOptions,
): StationCompleteness {
  const expected = expectedMetrics(station.kind)
  const byBucket = new Map<number, Map<string, { received: number; valid: number }>>()
  const extra = new Set<string>()
  for (const c of counts) {
    if (c.stationId !== station.id) continue
    const b = bucketOf(c.bucket, opts.every)
    let m = byBucket.get(b)
    if (!m) byBucket.set(b, (m = new Map()))
    const x = m.get(c.metric) ?? { received: 0, valid: 0 }
    x.received += c.received
    x.valid += c.valid
    m.set(c.metric, x)
    if (!expected.includes(c.metric)) extra.add(c.metric)
  }
  const metrics = [...expected, ...[...extra].sort()]
  const countedFrom = Math.max(opts.from, opts.firstSeen ?? opts.from)
  const end = Math.min(opts.to, opts.now)
  const buckets: BucketCompleteness[] = []
  // Per metric, the sums of the buckets' tallies (received capped at expected, valid at received).
  const sums = metrics.map(() => ({ e: 0, r: 0, v: 0 }))
  for (let b = bucketOf(opts.from, opts.every); b < opts.to; b = nextBucket(b, opts.every)) {
    const bEnd = nextBucket(b, opts.every)
    const slots = expectedSlots(Math.max(b, countedFrom), Math.min(bEnd, end), station.intervalSec)
    const got = byBucket.get(b)
    const ms: Record<string, Tally> | undefined = opts.totalOnly ? undefined : {}
    for (let k = 0; k < metrics.length; k++) {
      const c = got?.get(metrics[k]!)
      const r = Math.min(c?.received ?? 0, slots)
      const v = Math.min(c?.valid ?? 0, r)
      const sum = sums[k]!
      sum.e += slots
      sum.r += r
      sum.v += v
      if (ms) ms[metrics[k]!] = tally(slots, r, v)
    }
    if (ms) buckets.push({ from: b, to: bEnd, ...sumTallies(expected.map((m) => ms[m]!)), metrics: ms })
  }
  const totals: Record<string, Tally> = {}
  for (let k = 0; k < metrics.length; k++) totals[metrics[k]!] = tally(sums[k]!.e, sums[k]!.r, sums[k]!.v)
  return {
    stationId: station.id,
    intervalSec: station.intervalSec,
    countedFrom,
    buckets,
    total: { ...sumTallies(expected.map((m) => totals[m]!)), metrics: totals },
  }
}

/** An hour of a station that is not complete: what the data centre should ask its logger for. */
export interface MissingHour {
  /** Hour start, epoch ms. */
  from: number
  to: number
  expected: number
  /** Fewest readings received among the expected metrics (0 = the whole hour is missing). */
  received: number
  state: 'missing' | 'partial'
}

/**
 * The closed hours in [from, to) where some expected metric of the station has fewer readings than
 * expected, from its hourly counts (`every: '1h'`). Gap recovery (HJ 212 CN 2051/2061) asks for these.
 * Hours before the station's first data and the hour in progress are not gaps.
 * @example missingHours(station, counts, { from, to, now, firstSeen }).filter((h) => h.state === 'missing')
 */
export function missingHours(
  station: CompletenessStation,
  hourCounts: Iterable<BucketCount>,
  opts: Omit<CompletenessOptions, 'every'>,
): MissingHour[] {
  const closedTo = Math.min(opts.to, Math.floor(opts.now / HOUR_MS) * HOUR_MS)
  if (closedTo <= opts.from) return []
  const c = stationCompleteness(station, hourCounts, { ...opts, to: closedTo, every: '1h' })
  const expected = expectedMetrics(station.kind)
  const out: MissingHour[] = []
  for (const b of c.buckets) {
    const e = b.metrics[expected[0]!]?.expected ?? 0
    if (e === 0) continue
    const fewest = Math.min(...expected.map((m) => b.metrics[m]!.received))
    if (fewest < e) out.push({ from: b.from, to: b.to, expected: e, received: fewest, state: fewest === 0 ? 'missing' : 'partial' })
  }
  return out
}
