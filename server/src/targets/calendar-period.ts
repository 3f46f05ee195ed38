/**
 * Target periods in China Standard Time: the month, quarter or year containing `at`, or the year to
 * date. Pure.
 *
 * - `month`, `quarter`, `year`: the calendar period containing `at`, evaluated as of `at` (in
 *   progress: completed days count, the status looks at what the remaining days can still change);
 * - `ytd`: 1 January to the start of `at`'s day, a closed period (the days so far, judged as final).
 */
import { TARGET_PERIODS, type TargetsPeriod } from '../../../shared/src/protocol/http/targets'
import { DAY_MS, cstDay, cstDayStart, cstYmd } from '../../../shared/src/standards/time'

/** The API's target periods (shared/src/protocol/http/targets.ts). */
export const PERIOD_NAMES = TARGET_PERIODS
export type PeriodName = TargetsPeriod

/** A resolved period: [from, to) in epoch ms, evaluated as of `asOf`. */
export interface ResolvedPeriod {
  name: PeriodName
  from: number
  to: number
  asOf: number
}

/** CST day number of the first of a month (month 1..12; 13 = January of the next year). */
function monthStartDay(year: number, month: number): number {
  return Date.UTC(year, month - 1, 1) / DAY_MS
}

/**
 * The period `name` containing `at`.
 * @example resolvePeriod('month', Date.parse('2026-03-04T10:00:00+08:00')).from === Date.parse('2026-03-01T00:00:00+08:00')
 */
export function resolvePeriod(name: PeriodName, at: number): ResolvedPeriod {
  const day = cstDay(at)
  const { year, month } = cstYmd(day)
  const span = (first: number, next: number): ResolvedPeriod => ({ name, from: cstDayStart(first), to: cstDayStart(next), asOf: at })
  switch (name) {
    case 'month':
      return span(monthStartDay(year, month), monthStartDay(year, month + 1))
    case 'quarter': {
      const q = Math.floor((month - 1) / 3) * 3 + 1
      return span(monthStartDay(year, q), monthStartDay(year, q + 3))
    }
    case 'year':
      return span(monthStartDay(year, 1), monthStartDay(year + 1, 1))
    case 'ytd':
      return span(monthStartDay(year, 1), day)
  }
}
