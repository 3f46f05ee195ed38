/**
 * The last 24 hourly means of one metric of one station, as a fixed ring in time order, and the
 * windowed statistics the standards rules need, computed by the standards library:
 * the 24-h moving mean (>= 20 valid hours, GB 3095-2012 Table 4), the 8-h O3 moving mean (>= 6 valid
 * hours, Table 4) and the CST day-to-date mean (standards/dailyMeans).
 */
import { dailyMeans, movingMeans24h, MIN_HOURS_PER_DAY } from '../standards/daily-means'
import type { HourlySeries } from '../standards/hourly-means'
import { o3MovingMeans8h } from '../standards/ozone'
import { HOUR_MS, cstDay, cstDayStart } from '../standards/time'
import { denoise } from './window-samples'

/** Hours kept: one 24-h window (GB 3095-2012 24-h mean; also covers a CST day and the 8-h O3 window). */
export const RING_HOURS = 24

/**
 * Hourly means in time order: `v[RING_HOURS - 1]` is the newest hour, which ends at `end`.
 * Missing or invalid hours are NaN.
 * @example
 * const r = new HourRing(); r.push(h, 40); r.mean24h() // NaN until 20 valid hours
 */
export class HourRing {
  readonly v = new Float64Array(RING_HOURS).fill(NaN)
  /** End (exclusive) of the newest hour; NaN before the first push. */
  end = NaN

  /** Record the mean of the hour starting at `hour`; hours in between become NaN. Older hours are ignored. */
  push(hour: number, mean: number): void {
    if (!Number.isNaN(this.end) && hour < this.end) return
    const shift = Number.isNaN(this.end) ? RING_HOURS : Math.min(RING_HOURS, (hour - this.end) / HOUR_MS + 1)
    this.v.copyWithin(0, shift)
    this.v.fill(NaN, RING_HOURS - shift)
    this.v[RING_HOURS - 1] = mean
    this.end = hour + HOUR_MS
  }

  /** The newest hourly mean. */
  last(): number {
    return this.v[RING_HOURS - 1]!
  }

  /** Valid hours among the last `hours`. */
  validHours(hours: number = RING_HOURS): number {
    let n = 0
    for (let i = RING_HOURS - hours; i < RING_HOURS; i++) if (!Number.isNaN(this.v[i]!)) n++
    return n
  }

  /** 24-h moving mean ending at `end`, NaN with fewer than `minHours` (default 20) valid hours. */
  mean24h(minHours: number = MIN_HOURS_PER_DAY): number {
    return denoise(movingMeans24h({ v: this.v, len: RING_HOURS }, minHours)[RING_HOURS - 1]!)
  }

  /** 8-h O3 moving mean ending at `end`, NaN with fewer than 6 valid hours. */
  mean8h(): number {
    return denoise(o3MovingMeans8h({ v: this.v, len: RING_HOURS })[RING_HOURS - 1]!)
  }

  /**
   * Mean of the hours of the newest hour's CST day so far (day-to-date), NaN with fewer than
   * `minHours` valid hours; `hours` is how many valid hours it is based on.
   */
  dayToDate(minHours: number): { mean: number; hours: number; day: number } {
    const last = this.end - HOUR_MS
    const day = cstDay(last)
    const k = (this.end - cstDayStart(day)) / HOUR_MS
    const s = this.series(k)
    const d = dailyMeans(s, minHours)
    return { mean: denoise(d.v[0]!), hours: d.n[0]!, day }
  }

  /** The newest `k` hours as an HourlySeries (for the library's daily functions). */
  series(k: number): HourlySeries {
    const len = Math.min(k, RING_HOURS)
    const t = new Float64Array(len)
    const v = this.v.slice(RING_HOURS - len)
    for (let i = 0; i < len; i++) t[i] = this.end - (len - i) * HOUR_MS
    return { t, v, minutes: new Float64Array(len), len }
  }
}
