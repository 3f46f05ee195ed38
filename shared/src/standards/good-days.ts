/**
 * Good-days ratio (优良天数比例): days with a daily AQI <= 100 / days with a valid daily AQI
 * (HJ 633-2012 Table 2 levels I and II; the reference's definition).
 */

/** Result of {@link goodDaysRatio}. */
export interface GoodDays {
  /** Days with a valid daily AQI <= 100. */
  good: number
  /** Days with a valid daily AQI. */
  valid: number
  /** good / valid, NaN when there is no valid day. */
  ratio: number
}

/**
 * Good-days ratio of daily AQIs; NaN (or undefined) entries are days without a valid AQI.
 * @example goodDaysRatio([40, 100, 101, NaN]) // { good: 2, valid: 3, ratio: 0.666… }
 */
export function goodDaysRatio(dailyAqi: ArrayLike<number | undefined>): GoodDays {
  let good = 0
  let valid = 0
  for (let i = 0; i < dailyAqi.length; i++) {
    const a = dailyAqi[i]
    if (a === undefined || !Number.isFinite(a)) continue
    valid++
    if (a <= 100) good++
  }
  return { good, valid, ratio: valid > 0 ? good / valid : NaN }
}
