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
