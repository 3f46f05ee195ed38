/**
 * Annual means and their validity (GB 3095-2012 Table 4: an annual mean needs at least 324 valid daily
 * values in the calendar year and at least 27 in each month, 25 in February).
 */
import type { DailySeries } from './daily-means'
import { cstYmd } from './time'
import { denoise } from './denoise'

/** GB 3095-2012 Table 4: >= 324 valid daily values per year. */
export const MIN_DAYS_PER_YEAR = 324
/** GB 3095-2012 Table 4: >= 27 valid daily values per month. */
export const MIN_DAYS_PER_MONTH = 27
/** GB 3095-2012 Table 4: >= 25 valid daily values in February. */
export const MIN_DAYS_FEBRUARY = 25

/** Result of {@link annualValidity}. */
export interface AnnualValidity {
  valid: boolean
  /** Valid days in the year. */
  days: number
  /** Valid days per month, index 0 = January. */
  perMonth: number[]
  /** Months (1..12) below their minimum. */
  shortMonths: number[]
}

/**
 * Whether a year's valid daily values suffice for an annual mean (GB 3095-2012 Table 4).
 * `daily` is any per-day series; a day counts when its value is not NaN and it falls in `year` (CST).
 */
export function annualValidity(daily: Pick<DailySeries, 'day' | 'v' | 'len'>, year: number): AnnualValidity {
  const perMonth = new Array<number>(12).fill(0)
  let days = 0
  for (let i = 0; i < daily.len; i++) {
    if (Number.isNaN(daily.v[i]!)) continue
    const d = cstYmd(daily.day[i]!)
    if (d.year !== year) continue
    perMonth[d.month - 1]!++
    days++
  }
  const shortMonths: number[] = []
  for (let m = 0; m < 12; m++) {
    const min = m === 1 ? MIN_DAYS_FEBRUARY : MIN_DAYS_PER_MONTH
    if (perMonth[m]! < min) shortMonths.push(m + 1)
  }
  return { valid: days >= MIN_DAYS_PER_YEAR && shortMonths.length === 0, days, perMonth, shortMonths }
}

/**
 * Annual arithmetic mean of the valid daily values of `year` (CST), NaN when the year does not meet
 * GB 3095-2012 Table 4 validity; the validity detail is returned beside it.
 */
export function annualMean(daily: Pick<DailySeries, 'day' | 'v' | 'len'>, year: number): { mean: number; validity: AnnualValidity } {
  const validity = annualValidity(daily, year)
  if (!validity.valid) return { mean: NaN, validity }
  let sum = 0
  let n = 0
  for (let i = 0; i < daily.len; i++) {
    const x = daily.v[i]!
    if (Number.isNaN(x) || cstYmd(daily.day[i]!).year !== year) continue
    sum += x
    n++
  }
  return { mean: denoise(sum / n), validity }
}
