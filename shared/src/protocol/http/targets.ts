/**
 * The city's targets board as `GET /api/targets` serves it and the socket `targets` event pushes it
 * (server/src/targets/targets-service.ts), built on the shared TargetResult.
 */
import type { TargetResult } from '../../targets/types'
import type { TargetReview } from './review'

/** Target periods of the API (`?period=`). */
export const TARGET_PERIODS = ['month', 'quarter', 'ytd', 'year'] as const
/** One target period. */
export type TargetsPeriod = (typeof TARGET_PERIODS)[number]

/** At-risk margins: percentage points for rates, % of the allowance for energy. */
export interface TargetMargins {
  air: number
  sewage: number
  reclaimed: number
  energy: number
}

/** A target as served: TargetResult with ISO period bounds. */
export interface TargetView extends Omit<TargetResult, 'period'> {
  period: { from: string; to: string }
  /**
   * **[added, issue 13]** How much of the figure's station-days (its counted stations × the period's
   * completed days) is signed off by review: `final` when all of it, else `provisional`.
   */
  review?: TargetReview
}

/** The whole board: the `GET /api/targets` body and the socket `targets` event. */
export interface TargetsBody {
  period: { name: TargetsPeriod; from: string; to: string; asOf: string; completedDays: number }
  computedAt: string
  /**
   * **[added]** Data for completed days is still arriving or not yet in these figures: a target
   * without a value then reads "computing", not "no data".
   */
  computing: boolean
  settings: { sewageGeneratedM3d: number | null; sewageBaseline: string; airGoodDaysPct: number; margins: TargetMargins }
  targets: TargetView[]
}

/**
 * Narrow a payload that crossed a wire (a socket `targets` event, a fetched body) to a board, or
 * undefined: the type says what the server sends, this checks what arrived.
 * @example maybeTargetsBody(JSON.parse(text))?.targets.length
 */
export function maybeTargetsBody(v: unknown): TargetsBody | undefined {
  const b = v as Partial<TargetsBody> | null
  if (!b || typeof b !== 'object' || !Array.isArray(b.targets) || typeof b.period?.name !== 'string') return undefined
  return b as TargetsBody
}
