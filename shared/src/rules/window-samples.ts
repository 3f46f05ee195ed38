/**
 * The raw samples of one metric of one station that the standards evaluator still needs: the open
 * clock hour (for its GB 3095-2012 1-h mean when it closes) and the trailing 60 minutes (for the
 * moving 1-h mean of the 1-h limit rules). Columnar, time-ascending, bounded.
 *
 * A sample flagged other than N/S is kept with value NaN: it is not valid (never enters a mean) but it
 * still ends the previous sample's coverage, exactly as in standards/hourly-means.ts, so the
 * incremental hourly mean equals the library's batch result over the same samples.
 */
import { hourlyMeans } from '../standards/hourly-means'
import { HOUR_MS } from '../standards/time'

/** Outcome of {@link SampleWindow.add} ('duplicate' also for a sample too old to keep in a full window). */
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
 * Samples of one metric, columnar (house style: `{ t, v }` columns, grown by doubling, compacted
 * with copyWithin; no per-sample objects). The live samples are `[lo, hi)`: dropping old samples
 * only moves `lo`, and the columns are compacted when the end reaches their capacity, so a reading
 * costs no copying in the common case (one append, one drop per metric).
 * @example
 * const w = new SampleWindow(); w.add(t, 35); w.hourMean(hourStart(t), 60_000).mean
 */
export class SampleWindow {
  private t = new Float64Array(64)
  private v = new Float64Array(64)
  private lo = 0
  private hi = 0
  /** Samples dropped because the window was full (more than `maxSamples` in two hours). */
  overflow = 0

  constructor(private readonly maxSamples = DEFAULT_MAX_SAMPLES) {}

  get length(): number {
    return this.hi - this.lo
  }

  /** Time of the newest sample, or -Infinity. */
  get lastT(): number {
    return this.hi > this.lo ? this.t[this.hi - 1]! : -Infinity
  }

  /** Add a sample (NaN = present but not valid). Same timestamp twice is stored once (redelivery). */
  add(t: number, v: number): AddResult {
    if (this.hi > this.lo && t <= this.t[this.hi - 1]!) {
      let i = this.search(t)
      if (this.t[i] === t) return 'duplicate'
      i -= this.ensureRoom()
      if (i < 0) {
        // Older than every sample kept after a full window dropped its oldest quarter: dropped too.
        this.overflow++
        return 'duplicate'
      }
      this.t.copyWithin(i + 1, i, this.hi)
      this.v.copyWithin(i + 1, i, this.hi)
      this.t[i] = t
      this.v[i] = v
      this.hi++
      return 'inserted'
    }
    this.ensureRoom()
    this.t[this.hi] = t
    this.v[this.hi++] = v
    return 'appended'
  }

  /** Drop samples with `t < t0`. */
  dropBefore(t0: number): void {
    this.lo = this.search(t0)
    if (this.lo === this.hi) this.lo = this.hi = 0
  }

  /**
   * GB 3095-2012 1-h mean of the clock hour starting at `hour`, computed by standards/hourlyMeans
   * (>= 45 min of valid sampling, Table 4) over the samples of the hour and the first one after it.
   */
  hourMean(hour: number, intervalMs: number): WindowMean {
    const i0 = this.search(hour)
    const i1 = this.search(hour + HOUR_MS)
    if (i1 === i0) return { mean: NaN, minutes: 0, n: 0 }
    const end = Math.min(i1 + 1, this.hi)
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
    let i = this.search(end - spanMs)
    if (i < this.hi && this.t[i] === end - spanMs) i++
    const stop = this.search(end + 1)
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

  /** First index in [lo, hi) with `t >= x` (hi when none). */
  private search(x: number): number {
    let lo = this.lo
    let hi = this.hi
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.t[mid]! < x) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Make room for one more sample at the end; returns how far the samples moved down (compaction). */
  private ensureRoom(): number {
    if (this.hi < this.t.length) return 0
    if (this.lo > 0) {
      const shift = this.lo
      this.t.copyWithin(0, shift, this.hi)
      this.v.copyWithin(0, shift, this.hi)
      this.hi -= shift
      this.lo = 0
      return shift
    }
    if (this.t.length < this.maxSamples) {
      const t = new Float64Array(Math.min(this.maxSamples, this.t.length * 2))
      const v = new Float64Array(t.length)
      t.set(this.t)
      v.set(this.v)
      this.t = t
      this.v = v
      return 0
    }
    // Full: drop the oldest quarter (counted) rather than grow without bound.
    const drop = this.hi >> 2
    this.t.copyWithin(0, drop, this.hi)
    this.v.copyWithin(0, drop, this.hi)
    this.hi -= drop
    this.overflow += drop
    return drop
  }
}
