/**
 * Wire shape of `GET /api/targets` and the socket `targets` event (server/src/targets), built on
 * the shared TargetResult so a contract change shows up as a type error here.
 */
import type { TargetReview } from '../../../shared/src/protocol/http/review'
import type { TargetResult } from '../../../shared/src/targets/types'

/** Target periods of the API. */
export const TARGET_PERIODS = ['month', 'quarter', 'ytd', 'year'] as const
/** One target period. */
export type TargetsPeriod = (typeof TARGET_PERIODS)[number]

/** A target as served: ISO period bounds. */
export interface TargetView extends Omit<TargetResult, 'period'> {
  period: { from: string; to: string }
  /** **[added, issue 13]** How much of the figure's station-days review has signed off. */
  review?: TargetReview
}

/** The whole board. */
export interface TargetsBody {
  period: { name: TargetsPeriod; from: string; to: string; asOf: string; completedDays: number }
  computedAt: string
  /** **[added]** Data for completed days is still arriving or not yet in these figures: a target without a value is "computing", not "no data". */
  computing?: boolean
  settings: { sewageGeneratedM3d: number | null; sewageBaseline: string; airGoodDaysPct: number; margins: Record<string, number> }
  targets: TargetView[]
}

/**
 * Narrow a socket `targets` payload (typed `unknown` in the event map) to a board, or undefined.
 * @example maybeTargetsBody(JSON.parse(text))?.targets.length
 */
export function maybeTargetsBody(v: unknown): TargetsBody | undefined {
  const b = v as Partial<TargetsBody> | null
  if (!b || typeof b !== 'object' || !Array.isArray(b.targets) || typeof b.period?.name !== 'string') return undefined
  return b as TargetsBody
}
