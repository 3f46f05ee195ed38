/**
 * 1-h means with the GB 3095-2012 Table 4 validity rule: an hourly mean needs at least 45 minutes of
 * sampling in the hour.
 *
 * How "minutes of sampling" is measured from timestamps: a valid sample at `t` stands for the period
 * from `t` until the next sample (of any flag) or one reporting interval, whichever is shorter, and
 * never past the end of its hour:
 *
 *   covered_i = min(intervalMs, t_{i+1} - t_i, hourEnd - t_i)
 *
 * The hour's sampling time is the sum of `covered_i` over its valid samples. So 45 one-minute samples
 * (interval 60 s) give 45 min, 9 five-minute samples give 45 min, a sample followed by a 20-minute gap
 * counts one interval only, and duplicates or over-frequent samples never count twice. A station that
 * sends hourly values (HJ 212-2017 CN=2061, interval 3600 s) stamped at the hour start gives 60 min.
 * Samples flagged other than N/S or with NaN values neither count minutes nor enter the mean.
 *
 * The mean is the arithmetic mean of the valid sample values in the hour, as in GB 3095-2012 §3
 * ("1 小时平均: 任何 1 小时污染物浓度的算术平均值").
 */
import { isValidSample, sampleCount, type SampleColumns } from './columns'
import { HOUR_MS, hourStart } from './time'
import { denoise } from './denoise'

/** GB 3095-2012 Table 4: a 1-h mean needs >= 45 min of sampling in the hour. */
export const MIN_SAMPLING_MINUTES = 45

/**
 * A dense hourly grid, columnar. `t[i]` is the hour start (epoch ms), consecutive hours.
 * `v[i]` is the hourly mean or NaN when the hour is not valid. `minutes[i]` is the valid sampling time.
 */
export interface HourlySeries {
  t: Float64Array
  v: Float64Array
  minutes: Float64Array
  len: number
}

/** Options of {@link hourlyMeans}. */
export interface HourlyMeanOptions {
  /** The station's reporting interval, ms (Station.intervalSec × 1000). */
  intervalMs: number
  /** Minimum sampling minutes for a valid hour; default 45 (GB 3095-2012 Table 4). */
  minMinutes?: number
  /** First hour (floored to the hour); default the hour of the first sample. */
  from?: number
  /** End, exclusive (ceiled to the hour); default the end of the last sample's hour. */
  to?: number
}

/**
 * Hourly means of raw samples, with GB 3095-2012 Table 4 validity (>= 45 min of sampling).
 * @example
 * const h = hourlyMeans({ t, v, flags }, { intervalMs: 60_000 })
 * // h.v[i] is NaN for hours with less than 45 min of valid samples
 */
export function hourlyMeans(samples: SampleColumns, opts: HourlyMeanOptions): HourlySeries {
  const n = sampleCount(samples)
  const interval = opts.intervalMs
  if (!(interval > 0)) throw new Error(`invalid intervalMs: ${interval}`)
  const minMinutes = opts.minMinutes ?? MIN_SAMPLING_MINUTES
  const from = opts.from !== undefined ? hourStart(opts.from) : n > 0 ? hourStart(samples.t[0]!) : 0
  const to = opts.to !== undefined ? Math.ceil(opts.to / HOUR_MS) * HOUR_MS : n > 0 ? hourStart(samples.t[n - 1]!) + HOUR_MS : from
  const len = Math.max(0, (to - from) / HOUR_MS)
  const t = new Float64Array(len)
  const v = new Float64Array(len)
  const minutes = new Float64Array(len)
  for (let k = 0; k < len; k++) t[k] = from + k * HOUR_MS
  // v accumulates the sum, minutes the covered ms; `count` in a reused scratch array.
  const count = new Float64Array(len)
  for (let i = 0; i < n; i++) {
    const ti = samples.t[i]!
    if (ti < from || ti >= to || !isValidSample(samples, i)) continue
    const k = Math.floor((ti - from) / HOUR_MS)
    const hourEnd = from + (k + 1) * HOUR_MS
    const next = i + 1 < n ? samples.t[i + 1]! : Infinity
    minutes[k] += Math.max(0, Math.min(interval, next - ti, hourEnd - ti))
    v[k] += samples.v[i]!
    count[k]++
  }
  for (let k = 0; k < len; k++) {
    minutes[k] = minutes[k] / 60_000
    // 1e-9 absorbs float noise in the ms → min conversion; sampling time is never that precise.
    v[k] = count[k] > 0 && minutes[k] >= minMinutes - 1e-9 ? denoise(v[k] / count[k]) : NaN
  }
  return { t, v, minutes, len }
}
