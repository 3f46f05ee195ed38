/**
 * The time-series store port. Two adapters implement it: embedded DuckDB (default,
 * server/src/store/duckdb-store.ts) and InfluxDB 2.x (server/src/store/influx-store.ts).
 * One contract suite (test/store-contract.test.ts) runs against each.
 */
import type { DataFlag, Reading } from '../domain/reading'
import type { BucketCount, InvalidatedRange } from '../standards/completeness'
import type { AggFn, Every } from '../protocol/http/series'
import type { KeptDays } from './day-records'

// The query grammar is the HTTP API's (one definition, in the protocol); the adapters import it from here.
export { AGG_FNS, EVERY, type AggFn, type Every } from '../protocol/http/series'

/** Bucket width in ms of each `every` (raw = 0). Daily buckets start at 00:00 China Standard Time. */
export const EVERY_MS: Readonly<Record<Every, number>> = { raw: 0, '1m': 60_000, '5m': 300_000, '1h': 3_600_000, '1d': 86_400_000 }

/** China Standard Time offset: the city's days start at 00:00 UTC+8 (no DST). */
export const CST_OFFSET_MS = 8 * 3_600_000

export interface SeriesQuery {
  stationId: string
  metrics: string[]
  /** Epoch ms, inclusive. */
  from: number
  /** Epoch ms, exclusive. */
  to: number
  every: Every
  fn: AggFn
  /** Only values flagged N or S (compliance-grade data). Default false: all values. */
  validOnly?: boolean
  /**
   * Raw queries only: return at most about this many points per metric, decimated with M4 (first,
   * last, min and max per time bucket; server/src/store/decimate.ts), so a chart of a year of
   * one-minute data receives what it can draw, not 525,600 points.
   */
  maxPoints?: number
}

/** A columnar series: t ascending, epoch ms (bucket start when aggregated). */
export interface Series {
  metric: string
  t: number[]
  v: number[]
  /** Raw queries only: the data flag of each point (N when absent). */
  flags?: DataFlag[]
  /** True when `maxPoints` decimated the series (M4). */
  decimated?: boolean
}

/** One row of a streamed export. */
export interface ExportRow {
  stationId: string
  metric: string
  ts: number
  value: number
  flag: DataFlag
}

export interface ExportQuery {
  stationIds: string[]
  metrics?: string[]
  from: number
  to: number
  every: Every
  fn: AggFn
}

/** Latest value of one metric of one station. */
export interface LatestValue {
  value: number
  ts: number
  flag: DataFlag
}

export type StoreState = 'up' | 'down'

/** What {@link Store.completenessCounts} counts: stations (undefined = all), [from, to), hourly or CST-daily buckets. */
export interface CompletenessQuery {
  stationIds?: string[]
  from: number
  to: number
  every: '1h' | '1d'
  /** Reviewer-invalidated ranges: their points are received but not valid (shared/src/standards/completeness.ts). */
  invalidated?: readonly InvalidatedRange[]
}

/**
 * Per (station, metric, bucket) counts, and each counted station's first stored point before `to`
 * (given even when [from, to) is empty: a caller that keeps past days' counts still asks for it).
 */
export interface CompletenessCounts {
  rows: BucketCount[]
  firstSeen: Map<string, number>
}

/**
 * An error a store may reject a write with when the data itself is refused (not the connection or
 * credentials): retrying the same batch cannot succeed, so the writer isolates the bad readings.
 */
export function rejectsData(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { rejectsData?: unknown }).rejectsData === true
}

/** The store port. All methods reject with an Error when the store is unreachable. */
export interface Store {
  readonly name: 'duckdb' | 'influx'
  /** Idempotent on (station, metric, ts): writing the same point twice stores it once. */
  write(readings: readonly Reading[]): Promise<void>
  series(q: SeriesQuery): Promise<Series[]>
  /**
   * Optional: the same aggregated series (not raw) for many stations in one query — a targets
   * computation over 1000 stations is one query per kind instead of 1000. Callers fall back to
   * `series` per station when absent.
   */
  seriesMany?(
    q: Omit<SeriesQuery, 'stationId' | 'maxPoints'> & { stationIds: string[]; every: Exclude<Every, 'raw'> },
  ): Promise<Map<string, Series[]>>
  /** Stream rows in (station, ts, metric) order, in chunks, for CSV export without a row cap. */
  exportRows(q: ExportQuery): AsyncIterable<ExportRow[]>
  /** Latest value per metric for each station (used to warm caches at start-up). */
  latest(): Promise<Map<string, Map<string, LatestValue>>>
  /**
   * Received and valid (flag N or S, outside `invalidated`) points per station, metric and bucket, in
   * one aggregate query: the inputs of the completeness figures (shared/src/standards/completeness.ts).
   */
  completenessCounts(q: CompletenessQuery): Promise<CompletenessCounts>
  /** Number of stored points (station, metric, ts) in [from, to) for a station, or all stations. */
  count(stationId?: string, from?: number, to?: number): Promise<number>
  /**
   * Optional: records derived from a station's day, kept beside the data and deleted with the days a
   * write touches (the targets board's station-days across restarts; the DuckDB store).
   */
  readonly keptDays?: KeptDays
  /** Cheap reachability check. */
  ping(): Promise<StoreState>
  close(): Promise<void>
}

/** Start of the bucket containing `t` (daily buckets aligned to CST midnight). */
export function bucketStart(t: number, every: Every): number {
  const w = EVERY_MS[every]
  if (w === 0) return t
  const off = every === '1d' ? CST_OFFSET_MS : 0
  return Math.floor((t + off) / w) * w - off
}
