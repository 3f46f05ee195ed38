/**
 * The shape every city target formula returns (served by `GET /api/targets` and the socket `targets`
 * event), and the plain-data inputs the formulas take. Times are epoch ms; days are `YYYY-MM-DD` in
 * China Standard Time.
 */

/**
 * - `met`: the comparator holds (for a period in progress: with a margin to spare, or it can no longer fail);
 * - `at-risk`: the period is in progress and the value fails the comparator or holds it by less than
 *   the margin, but the target can still be met;
 * - `missed`: the period is over and the comparator fails, or it is in progress and the target can no
 *   longer be met whatever the rest of the period brings;
 * - `no-data`: nothing to compute from.
 */
export type TargetStatus = 'met' | 'at-risk' | 'missed' | 'no-data'
export type Comparator = '>=' | '<=' | '='

/** [from, to) in epoch ms. */
export interface TargetPeriod {
  from: number
  to: number
}

/** One target's current state. */
export interface TargetResult {
  id: string
  title: { zh: string; en: string }
  /** Null when there is no data. */
  value: number | null
  target: number
  comparator: Comparator
  unit: string
  status: TargetStatus
  period: TargetPeriod
  /** How the value was computed, human readable. */
  method: string
  counted: {
    stations: string[]
    days?: string[]
    excluded?: { id: string; why: string }[]
  }
  /** Supporting numbers (e.g. good days, valid days). */
  detail?: Record<string, number>
  /** Per-station values where the target is judged per station (e.g. energy quota). */
  breakdown?: { id: string; value: number; target: number; ok: boolean }[]
}

/** The period evaluated and the time of evaluation (default: the period's end, i.e. a closed period). */
export interface Evaluation {
  period: TargetPeriod
  /** Evaluation time; before `period.to` the period is in progress and only completed days count. */
  asOf?: number
}

/** One station's aggregates of one CST day (daily means, daily statistics or daily volumes), keyed by metric. */
export interface DailyAggregate {
  stationId: string
  /** `YYYY-MM-DD`, CST. */
  day: string
  values: Record<string, number>
}
