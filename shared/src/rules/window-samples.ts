/**
 * The raw samples of one metric of one station that the standards evaluator still needs: the open
 * clock hour (for its GB 3095-2012 1-h mean when it closes) and the trailing 60 minutes (for the
 * moving 1-h mean of the 1-h limit rules). Columnar, time-ascending, bounded.
 *
 * A sample flagged other than N/S is kept with value NaN: it is not valid (never enters a mean) but it
 * still ends the previous sample's coverage, exactly as in standards/hourly-means.ts, so the
 * incremental hourly mean equals the library's batch result over the same samples.
 */
import { lowerBound } from '../standards/columns'
import { hourlyMeans } from '../standards/hourly-means'
import { HOUR_MS } from '../standards/time'

/** Outcome of {@link SampleWindow.add}. */
export type AddResult = 'appended' | 'inserted' | 'duplicate'

/** A mean and the valid sampling time behind it. */
export interface WindowMean {
  /** NaN when no valid sample (or, for hourly means, less than 45 min of sampling). */
  mean: number
  /** Valid sampling time, minutes. */
  minutes: number
  /** Valid samples in the window. */
  n: number
}

import { denoise } from '../standards/denoise'

export { denoise }

/** Default capacity bound: two hours of one-second samples, with room to spare. */
export const DEFAULT_MAX_SAMPLES = 16_384

/**
 * Samples of one metric, columnar (house style: `{ t, v, len }`, grown by doubling, compacted with
 * copyWithin; no per-sample objects).
 * @example
 * const w = new SampleWindow(); w.add(t, 35); w.hourMean(hourStart(t), 60_000).mean
 */
export class SampleWindow {
  private t = new Float64Array(64)
  private v = new Float64Array(64)
  private n = 0
  /** Samples dropped because the window was full (more than `maxSamples` in two hours). */
  overflow = 0

  constructor(private readonly maxSamples = DEFAULT_MAX_SAMPLES) {}

  get length(): number {
    return this.n
  }

  /** Time of the newest sample, or -Infinity. */
  get lastT(): number {
    return this.n > 0 ? this.t[this.n - 1]! : -Infinity
  }

  /** Add a sample (NaN = present but not valid). Same timestamp twice is stored once (redelivery). */
  add(t: number, v: number): AddResult {
    const n = this.n
    if (n > 0 && t <= this.t[n - 1]!) {
      const i = lowerBound(this.t, n, t)
      if (this.t[i] === t) return 'duplicate'
      this.ensureRoom()
      this.t.copyWithin(i + 1, i, this.n)
      this.v.copyWithin(i + 1, i, this.n)
      this.t[i] = t
      this.v[i] = v
      this.n++
      return 'inserted'
    }
    this.ensureRoom()
    this.t[this.n] = t
    this.v[this.n++] = v
    return 'appended'
  }

  /** Drop samples with `t < t0`. */
  dropBefore(t0: number): void {
    const i = lowerBound(this.t, this.n, t0)
    if (i === 0) return
    this.t.copyWithin(0, i, this.n)
    this.v.copyWithin(0, i, this.n)
    this.n -= i
  }

  /**
   * GB 3095-2012 1-h mean of the clock hour starting at `hour`, computed by standards/hourlyMeans
   * (>= 45 min of valid sampling, Table 4) over the samples of the hour and the first one after it.
   */
  hourMean(hour: number, intervalMs: number): WindowMean {
    const i0 = lowerBound(this.t, this.n, hour)
    const i1 = lowerBound(this.t, this.n, hour + HOUR_MS)
    if (i1 === i0) return { mean: NaN, minutes: 0, n: 0 }
    const end = Math.min(i1 + 1, this.n)
    const h = hourlyMeans({ t: this.t.subarray(i0, end), v: this.v.subarray(i0, end) }, { intervalMs, from: hour, to: hour + HOUR_MS })
    let valid = 0
    for (let i = i0; i < i1; i++) if (!Number.isNaN(this.v[i]!)) valid++
    return { mean: denoise(h.v[0]!), minutes: h.minutes[0]!, n: valid }
  }

  /**
   * Mean of the valid samples in (end - spanMs, end]: the moving mean of "any 1 hour" (GB 3095-2012
   * §3, 1 小时平均: 任何 1 小时污染物浓度的算术平均值). Sampling time counts each valid sample for
   * min(interval, time to the next sample), the newest for one interval, capped at the span, as in
   * standards/hourly-means.ts.
   */
  movingMean(end: number, spanMs: number, intervalMs: number): WindowMean {
    let i = lowerBound(this.t, this.n, end - spanMs)
    if (i < this.n && this.t[i] === end - spanMs) i++
    const stop = lowerBound(this.t, this.n, end + 1)
    let sum = 0
    let count = 0
    let covered = 0
    for (; i < stop; i++) {
      const x = this.v[i]!
      if (Number.isNaN(x)) continue
      sum += x
      count++
      const next = i + 1 < stop ? this.t[i + 1]! : Infinity
      covered += Math.min(intervalMs, next - this.t[i]!)
    }
    return { mean: count > 0 ? denoise(sum / count) : NaN, minutes: Math.min(covered, spanMs) / 60_000, n: count }
  }

  private ensureRoom(): void {
    if (this.n < this.t.length) return
    if (this.t.length < this.maxSamples) {
      const t = new Float64Array(Math.min(this.maxSamples, this.t.length * 2))
      const v = new Float64Array(t.length)
      t.set(this.t)
      v.set(this.v)
      this.t = t
      this.v = v
      return
    }
    // Full: drop the oldest quarter (counted) rather than grow without bound.
    const drop = this.n >> 2
    this.t.copyWithin(0, drop, this.n)
    this.v.copyWithin(0, drop, this.n)
    this.n -= drop
    this.overflow += drop
  }
}
