/**
 * How a target reads on the board: status colour class and wording key, the value formatted with
 * its unit, the comparator as text, and how far along the bar the value sits relative to the target.
 * Pure.
 */
import type { TargetStatus } from '../../../shared/src/targets/types'
import type { MessageKey } from '../i18n/dict'
import type { TargetView } from '../data/targets-types'

/** A status as the board shows it: the API's, or `computing` for a target without a value yet. */
export type BoardStatus = TargetStatus | 'computing'

/** Board statuses in display order (worst first for sorting). */
export const STATUS_ORDER: readonly BoardStatus[] = ['missed', 'at-risk', 'no-data', 'computing', 'met']

/** The look of a status: a CSS class (colour) and the dictionary key of its word. */
export function statusLook(s: BoardStatus): { cls: string; key: MessageKey } {
  return { cls: `target-${s}`, key: `targets.status.${s}` as MessageKey }
}

/**
 * What a card says: while the board is still computing (data for completed days arriving, e.g. the
 * backfill just after a start), `computing` instead of `no-data`, and instead of `missed` or
 * `at-risk`: a verdict against the goal from part of the data would read "0 % missed" for a
 * coverage target whose stations have not all reported yet. The value itself is still shown. `met`
 * stays: more data does not make a met target miss as a rule, and it is recomputed when it arrives.
 * Else the API's status.
 * @example boardStatus({ status: 'no-data' }, true) // 'computing'
 * @example boardStatus({ status: 'missed' }, true) // 'computing'
 */
export function boardStatus(t: Pick<TargetView, 'status'>, computing: boolean | undefined): BoardStatus {
  return computing && t.status !== 'met' ? 'computing' : t.status
}

/**
 * A target value with sensible precision for its size: 95.3 %, 1 234 tce.
 * @example formatTargetValue(95.333, '%') === '95.3 %'
 */
export function formatTargetValue(v: number | null, unit: string): string {
  if (v === null || !Number.isFinite(v)) return '—'
  const digits = Math.abs(v) >= 1000 ? 0 : Math.abs(v) >= 100 ? 1 : Math.abs(v) >= 1 ? 1 : 3
  const s = v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).replace(/,/g, ' ')
  return unit ? `${s} ${unit}` : s
}

/** `≥ 90 %`, `≤ 100 %`, `= 100 %`. */
export function targetText(t: Pick<TargetView, 'comparator' | 'target' | 'unit'>): string {
  const op = t.comparator === '>=' ? '≥' : t.comparator === '<=' ? '≤' : '='
  return `${op} ${formatTargetValue(t.target, t.unit)}`
}

/**
 * Where value and target sit on a 0..1 bar: the bar spans 0 to max(value, target) × 1.1 for
 * `>=` and `=` targets in %, and 0..100 for percentages when both fit.
 * @example barPositions({ value: 95, target: 90, unit: '%', comparator: '>=' }) // { value: 0.95, target: 0.9 }
 */
export function barPositions(
  t: Pick<TargetView, 'value' | 'target' | 'unit' | 'comparator'>,
): { value: number; target: number } | undefined {
  if (t.value === null || !Number.isFinite(t.value) || !(t.target > 0)) return undefined
  const top = t.unit === '%' && t.value <= 100 && t.target <= 100 ? 100 : Math.max(t.value, t.target) * 1.1
  const clamp = (x: number) => Math.max(0, Math.min(1, x / top))
  return { value: clamp(t.value), target: clamp(t.target) }
}

const DAY = 86_400_000
const CST = 8 * 3_600_000

/**
 * The `at` times to ask the API for a target's trend over a period in progress: the value as of
 * the start of each day (month), each week (quarter) or each month (ytd, year) after the period's
 * start, up to now. The API serves one value per request, not a per-day series.
 * @example trendAts('month', from, to, now).length // days completed so far
 */
export function trendAts(period: string, from: number, to: number, now: number): number[] {
  const end = Math.min(to, now)
  const out: number[] = []
  if (period === 'month' || period === 'quarter') {
    const step = period === 'month' ? DAY : 7 * DAY
    for (let t = from + step; t < end; t += step) out.push(t)
    return out
  }
  for (let m = 1; ; m++) {
    const d = new Date(from + CST)
    const t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + m, 1) - CST
    if (t >= end) break
    out.push(t)
  }
  return out
}
