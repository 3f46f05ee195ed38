/**
 * Per-unit energy quota check: consumption to date vs the annual quota (tce, Station.quotaTce),
 * pro-rated by calendar days for a period.
 *
 * Pro-rating: each CST day of [from, to) gets quota / (days in its year), so a period spanning two
 * years uses each year's length. Partial days count by their fraction.
 */
import { DAY_MS, cstDay, cstDayStart, cstYmd, daysInYear } from './time'

/**
 * The part of an annual quota that falls in [from, to) (epoch ms), by calendar days (CST).
 * @example proratedQuota(365, Date.parse('2026-01-01T00:00+08:00'), Date.parse('2026-01-11T00:00+08:00')) // 10
 */
export function proratedQuota(annualQuota: number, from: number, to: number): number {
  if (!(to > from)) return 0
  // Sum days per year first, then multiply once per year: 10 days of 36.5 tce/365 d is exactly 1.
  const daysByYear = new Map<number, number>()
  for (let d = cstDay(from); cstDayStart(d) < to; d++) {
    const a = Math.max(from, cstDayStart(d))
    const b = Math.min(to, cstDayStart(d + 1))
    const y = cstYmd(d).year
    daysByYear.set(y, (daysByYear.get(y) ?? 0) + (b - a) / DAY_MS)
  }
  let sum = 0
  for (const [y, days] of daysByYear) sum += (annualQuota * days) / daysInYear(y)
  return sum
}

/** Result of {@link quotaCheck}. */
export interface QuotaCheck {
  consumedTce: number
  allowanceTce: number
  /** consumed / allowance (NaN when the allowance is 0). */
  ratio: number
  status: 'within' | 'over'
}

/**
 * Compare a unit's consumption in [from, to) with its pro-rated annual quota. Equal to the allowance is
 * within.
 * @example quotaCheck(12, 365, from, from + 10 * 86_400_000).status === 'over'
 */
export function quotaCheck(consumedTce: number, annualQuotaTce: number, from: number, to: number): QuotaCheck {
  const allowanceTce = proratedQuota(annualQuotaTce, from, to)
  return {
    consumedTce,
    allowanceTce,
    ratio: allowanceTce > 0 ? consumedTce / allowanceTce : NaN,
    status: consumedTce <= allowanceTce ? 'within' : 'over',
  }
}
