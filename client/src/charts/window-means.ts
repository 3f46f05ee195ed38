/**
 * Averaging-window series for the station trend: the quantity a rule judges (GB 3095-2012 §3 and
 * Table 4), computed from hourly means with the shared standards functions:
 * - `1h`: the hourly means;
 * - `8h`: 8-h moving means (>= 6 valid hours), as for O3;
 * - `24h`: 24-h moving means (>= 20 valid hours), as for PM2.5 against 75 µg/m³;
 * - `1d`: calendar-day (CST) means of the day's valid hours.
 * Each value is stamped at the END of its window (a moving mean "as of" that hour). Pure.
 */
import { dailyMeans, movingMeans, MIN_HOURS_PER_DAY } from '../../../shared/src/standards/daily-means'
import type { HourlySeries } from '../../../shared/src/standards/hourly-means'
import { O3_8H_MIN_HOURS } from '../../../shared/src/standards/ozone'
import { cstDayStart } from '../../../shared/src/standards/time'

/** Averaging windows of the rules that the trend can show. */
export const AVERAGING_WINDOWS = ['1h', '8h', '24h', '1d'] as const
/** One averaging window. */
export type AveragingWindow = (typeof AVERAGING_WINDOWS)[number]

const HOUR = 3_600_000

/** Narrow a rule's window to an averaging window the trend can compute, or undefined. */
export function maybeAveragingWindow(w: string): AveragingWindow | undefined {
  return (AVERAGING_WINDOWS as readonly string[]).includes(w) ? (w as AveragingWindow) : undefined
}

/** How much history before the shown range a window needs (its length). */
export function windowWarmupMs(w: AveragingWindow): number {
  return w === '1h' ? 0 : w === '8h' ? 8 * HOUR : 24 * HOUR
}

/**
 * The window's series from a dense hourly grid, columnar, t ascending (window end), NaN = invalid.
 * @example windowMeans(hourGrid(series, from, to), '24h').v // 24-h moving means
 */
export function windowMeans(hourly: HourlySeries, w: AveragingWindow): { t: Float64Array; v: Float64Array; len: number } {
  if (w === '1d') {
    const d = dailyMeans(hourly, 1)
    const t = new Float64Array(d.len)
    for (let i = 0; i < d.len; i++) t[i] = cstDayStart(d.day[i]! + 1)
    return { t, v: d.v, len: d.len }
  }
  const t = new Float64Array(hourly.len)
  for (let i = 0; i < hourly.len; i++) t[i] = hourly.t[i]! + HOUR
  if (w === '1h') return { t, v: Float64Array.from(hourly.v.subarray(0, hourly.len)), len: hourly.len }
  const v = w === '8h' ? movingMeans(hourly, 8, O3_8H_MIN_HOURS) : movingMeans(hourly, 24, MIN_HOURS_PER_DAY)
  return { t, v, len: hourly.len }
}
