/**
 * Calendar months in China Standard Time as `YYYY-MM` and their CST day numbers
 * (shared/src/standards/time.ts). Pure.
 */
import { cstDay, cstYmd } from '../../../shared/src/standards/time'

/** The CST day numbers of a month, or undefined for a malformed month. */
export function monthDays(month: string): { first: number; last: number; count: number } | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(month)
  if (!m || +m[2]! < 1 || +m[2]! > 12) return undefined
  const first = Date.UTC(+m[1]!, +m[2]! - 1, 1) / 86_400_000
  const next = Date.UTC(+m[1]!, +m[2]!, 1) / 86_400_000
  return { first, last: next - 1, count: next - first }
}

/**
 * The month before the one containing `now` (CST): "last month".
 * @example previousMonth(Date.parse('2026-01-15T00:00:00+08:00')) === '2025-12'
 */
export function previousMonth(now: number): string {
  const { year, month } = cstYmd(cstDay(now))
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`
}

/** `YYYY-MM` of the month containing `now` (CST). */
export function currentMonth(now: number): string {
  const { year, month } = cstYmd(cstDay(now))
  return `${year}-${String(month).padStart(2, '0')}`
}
