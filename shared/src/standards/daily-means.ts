/**
 * 24-h means from hourly means (GB 3095-2012 Table 4: a 24-h mean of SO2, NO2, CO, PM10, PM2.5, NOx needs
 * at least 20 valid hourly values), as calendar days in China Standard Time for daily reports, and as
 * moving means for real-time rules. Also the generic moving mean used for the 8-h O3 mean.
 */
import type { HourlySeries } from './hourly-means'
import { HOUR_MS, cstDay } from './time'
import { denoise } from './denoise'

/** GB 3095-2012 Table 4: a 24-h mean needs >= 20 valid hourly values. */
export const MIN_HOURS_PER_DAY = 20

/**
 * Per-day values, columnar: `day[i]` is a CST day number (see time.ts), `v[i]` the value or NaN when not
 * valid, `n[i]` how many inputs (valid hours or valid 8-h windows) the value is based on.
 */
export interface DailySeries {
  day: Float64Array
  v: Float64Array
  n: Float64Array
  len: number
}

/** Allocate a DailySeries covering the CST days touched by `hourly`. */
export function emptyDailyFor(hourly: Pick<HourlySeries, 't' | 'len'>): DailySeries {
  if (hourly.len === 0) return { day: new Float64Array(0), v: new Float64Array(0), n: new Float64Array(0), len: 0 }
  const d0 = cstDay(hourly.t[0]!)
  const len = cstDay(hourly.t[hourly.len - 1]!) - d0 + 1
  const day = new Float64Array(len)
  for (let i = 0; i < len; i++) day[i] = d0 + i
  return { day, v: new Float64Array(len), n: new Float64Array(len), len }
}

/**
 * Calendar-day (CST 00:00–24:00) 24-h means of hourly means; a day is valid with at least `minHours`
 * (default 20, GB 3095-2012 Table 4) valid hourly values.
 * @example dailyMeans(hourlyMeans(samples, { intervalMs: 60_000 })).v // NaN where < 20 valid hours
 */
export function dailyMeans(hourly: HourlySeries, minHours: number = MIN_HOURS_PER_DAY): DailySeries {
  const out = emptyDailyFor(hourly)
  if (out.len === 0) return out
  const d0 = out.day[0]!
  for (let i = 0; i < hourly.len; i++) {
    const x = hourly.v[i]!
    if (Number.isNaN(x)) continue
    const k = cstDay(hourly.t[i]!) - d0
    out.v[k] += x
    out.n[k]++
  }
  for (let k = 0; k < out.len; k++) out.v[k] = out.n[k] >= minHours ? denoise(out.v[k] / out.n[k]) : NaN
  return out
}

/**
 * Moving means over `windowHours` consecutive hourly values: `out[i]` is the mean of `v[i-window+1..i]`
 * (hours before the series start count as missing), NaN with fewer than `minValid` valid hours.
 * `out[i]` belongs to the window ending at `t[i] + 1 h`. One pass, running sum and count.
 */
export function movingMeans(hourly: Pick<HourlySeries, 'v' | 'len'>, windowHours: number, minValid: number): Float64Array {
  const out = new Float64Array(hourly.len)
  let sum = 0
  let count = 0
  for (let i = 0; i < hourly.len; i++) {
    const x = hourly.v[i]!
    if (!Number.isNaN(x)) {
      sum += x
      count++
    }
    const j = i - windowHours
    if (j >= 0 && !Number.isNaN(hourly.v[j]!)) {
      sum -= hourly.v[j]!
      count--
    }
    out[i] = count >= minValid && count > 0 ? denoise(sum / count) : NaN
  }
  return out
}

/**
 * 24-h moving means for real-time rules: `out[i]` is the mean of the 24 hourly values ending with hour
 * i (window [t[i] - 23 h, t[i] + 1 h)), valid with >= 20 valid hours (GB 3095-2012 Table 4).
 */
export function movingMeans24h(hourly: Pick<HourlySeries, 'v' | 'len'>, minHours: number = MIN_HOURS_PER_DAY): Float64Array {
  return movingMeans(hourly, 24, minHours)
}

/**
 * The 24-h moving mean ending at `end` (an hour boundary, exclusive): mean of the hourly values of
 * [end - 24 h, end), NaN with fewer than 20 valid hours (GB 3095-2012 Table 4).
 */
export function movingMean24hAt(hourly: HourlySeries, end: number, minHours: number = MIN_HOURS_PER_DAY): number {
  if (hourly.len === 0) return NaN
  const t0 = hourly.t[0]!
  let sum = 0
  let count = 0
  for (let h = end - 24 * HOUR_MS; h < end; h += HOUR_MS) {
    const i = Math.round((h - t0) / HOUR_MS)
    if (i < 0 || i >= hourly.len) continue
    const x = hourly.v[i]!
    if (Number.isNaN(x)) continue
    sum += x
    count++
  }
  return count >= minHours && count > 0 ? denoise(sum / count) : NaN
}
