/**
 * The series query grammar of `GET /api/stations/:id/series` and `GET /api/export` (contract:
 * `every`, `fn`), and the series body. The store port (shared/src/ports/store.ts) speaks the same
 * grammar; the client builds its queries from it.
 */

/** Aggregation step of a series query (contract: `every`). */
export const EVERY = ['raw', '1m', '5m', '1h', '1d'] as const
export type Every = (typeof EVERY)[number]
/** Aggregation function (contract: `fn`). */
export const AGG_FNS = ['mean', 'min', 'max', 'last'] as const
export type AggFn = (typeof AGG_FNS)[number]

/** One series of GET /api/stations/:id/series (columnar, t ascending, epoch ms). */
export interface SeriesWire {
  metric: string
  t: number[]
  v: number[]
  /** Raw queries only: the HJ 212 data flag of each point. */
  flags?: string[]
  /** True when `points` decimated the series (M4). */
  decimated?: boolean
}

/** GET /api/stations/:id/series. */
export interface SeriesResponse {
  stationId: string
  /** ISO 8601. */
  from: string
  /** ISO 8601. */
  to: string
  every: Every
  fn: AggFn
  /** **[added, issue 13]** Which data: `reviewed` (the review marks applied; the default) or `raw`. */
  view?: 'raw' | 'reviewed'
  series: SeriesWire[]
}

/**
 * M4 buckets of a decimated raw query (contract: `points=N`, about N points a series, four a bucket:
 * the first, last, minimum and maximum).
 * @example m4Buckets(5464) // 1366
 */
export function m4Buckets(points: number): number {
  return Math.max(1, Math.floor(points / 4))
}

/**
 * The grid width of a decimated query whose buckets are whole cells of a grid aligned on the epoch
 * (`to - from` is `buckets` times a whole width, and `from` a multiple of it), else undefined. The
 * M4 of such a cell is the same in every query that has it, so the server keeps it once it can no
 * longer change (issue 16): a moving window asked on the grid (`alignM4Window`) reads only its new rows.
 * @example m4GridWidth(0, 86_400_000, 4 * 1000) // 86400
 */
export function m4GridWidth(from: number, to: number, points: number): number | undefined {
  const buckets = m4Buckets(points)
  const span = to - from
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || span <= 0 || span % buckets !== 0) return undefined
  const width = span / buckets
  return from % width === 0 ? width : undefined
}

/**
 * The window on the grid (`m4GridWidth` defined) that holds [from, to) for `points`, with cells of
 * about `(to - from) / buckets`: at most one cell more before `from` and two after `to`.
 * @example alignM4Window(1000, 86_401_000, 4000) // { from: 0, to: 86_487_000 } (cells of 86 487 ms)
 */
export function alignM4Window(from: number, to: number, points: number): { from: number; to: number } {
  const buckets = m4Buckets(points)
  if (buckets < 2 || !(to > from)) return { from, to }
  // Cells of span / (buckets - 1) rounded up: `buckets` of them from the cell holding `from` reach past `to`.
  const width = Math.ceil((to - from) / (buckets - 1))
  const start = Math.floor(from / width) * width
  return { from: start, to: start + buckets * width }
}
