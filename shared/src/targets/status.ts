/**
 * Target status judgement shared by the target formulas.
 *
 * At-risk definition (documented for users in the targets board):
 * - closed period: `met` when the comparator holds, else `missed`;
 * - period in progress: `missed` if the target is out of reach (`reachable: false`, e.g. good days
 *   can no longer reach the ratio even if every remaining day is good); `met` if it can no longer fail
 *   (`secure: true`) or the comparator holds with at least `margin` to spare; otherwise `at-risk`.
 *   For `=` targets there is no margin.
 */
import type { Comparator, TargetStatus } from './types'

/** Whether `value comparator target` holds. `=` is tolerant to 1e-9 relative float noise. */
export function compare(value: number, target: number, comparator: Comparator): boolean {
  if (comparator === '>=') return value >= target
  if (comparator === '<=') return value <= target
  return Math.abs(value - target) <= 1e-9 * Math.max(1, Math.abs(target))
}

/** Inputs of {@link judge} besides value and target. */
export interface JudgeOptions {
  inProgress: boolean
  /** Safety margin in the value's unit; default 0. */
  margin?: number
  /** False when the target can no longer be met within the period. */
  reachable?: boolean
  /** True when the target can no longer be missed within the period. */
  secure?: boolean
}

/**
 * Status of a value against its target (see file doc).
 * @example judge(91, 90, '>=', { inProgress: true, margin: 2 }) === 'at-risk'
 */
export function judge(value: number | null, target: number, comparator: Comparator, opts: JudgeOptions): TargetStatus {
  if (value === null || !Number.isFinite(value)) return 'no-data'
  const holds = compare(value, target, comparator)
  if (!opts.inProgress) return holds ? 'met' : 'missed'
  if (opts.reachable === false) return 'missed'
  if (opts.secure === true) return 'met'
  if (!holds) return 'at-risk'
  const margin = opts.margin ?? 0
  const spare = comparator === '>=' ? value - target : comparator === '<=' ? target - value : Infinity
  return spare >= margin ? 'met' : 'at-risk'
}
