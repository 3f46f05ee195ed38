/**
 * Volumes from flow rates: treated volume from `outflow` (m³/h), reclaimed volume from `reclaimed`
 * (m³/h), integrated over time.
 *
 * - Method `trapezoid` (default): linear between consecutive valid samples. `step`: each sample's rate
 *   holds until the next sample (sample-and-hold).
 * - Gaps: two consecutive valid samples further apart than `maxGapMs` are not integrated across; the gap
 *   is counted (`gaps`, `gapMs`) and the volume is a lower bound. Invalid samples (flag other than N/S,
 *   NaN) are skipped, so they widen the interval between their valid neighbours.
 * - Window [from, to): intervals are clipped to it (trapezoid clips by linear interpolation), and
 *   before the first / after the last valid sample nothing is integrated (counted in `gapMs`).
 * - Volume m³ = ∫ rate (m³/h) dt (h); t in ms, so divide by 3.6e6.
 */
import { isValidSample, lowerBound, sampleCount, type SampleColumns } from './columns'
import { cstDayStart } from './time'

/** Options of {@link integrateFlow}. */
export interface FlowOptions {
  /** Longest interval between valid samples that is still integrated, ms. */
  maxGapMs: number
  /** Default `trapezoid`. */
  method?: 'trapezoid' | 'step'
}

/** Result of {@link integrateFlow}. */
export interface FlowVolume {
  /** Volume, m³ (a lower bound when `gapMs` > 0). */
  volumeM3: number
  /** Time of [from, to) covered by integrated intervals, ms. */
  coveredMs: number
  /** Time of [from, to) not covered, ms. */
  gapMs: number
  /** Intervals longer than `maxGapMs` that were skipped. */
  gaps: number
}

/**
 * Integrate a flow-rate series (m³/h) over [from, to).
 * @example integrateFlow({ t: [0, 3_600_000], v: [100, 200] }, 0, 3_600_000, { maxGapMs: 900_000 * 8 }).volumeM3 // 150
 */
export function integrateFlow(samples: SampleColumns, from: number, to: number, opts: FlowOptions): FlowVolume {
  if (!(opts.maxGapMs > 0)) throw new Error(`invalid maxGapMs: ${opts.maxGapMs}`)
  const step = (opts.method ?? 'trapezoid') === 'step'
  const n = sampleCount(samples)
  const t = samples.t
  const v = samples.v
  let volumeMsM3h = 0
  let coveredMs = 0
  let gaps = 0
  // Start at the last valid sample before `from`, so the interval straddling `from` is included.
  let i = lowerBound(t, n, from) - 1
  while (i >= 0 && !isValidSample(samples, i)) i--
  if (i < 0) i = 0
  let prev = -1
  for (; i < n; i++) {
    if (!isValidSample(samples, i)) continue
    if (prev >= 0) {
      const t0 = t[prev]!
      const t1 = t[i]!
      if (t0 >= to) break
      const a = Math.max(t0, from)
      const b = Math.min(t1, to)
      if (b > a) {
        if (t1 - t0 > opts.maxGapMs) {
          gaps++
        } else {
          const v0 = v[prev]!
          const v1 = v[i]!
          if (step) {
            volumeMsM3h += v0 * (b - a)
          } else {
            const slope = (v1 - v0) / (t1 - t0)
            volumeMsM3h += ((v0 + slope * (a - t0) + (v0 + slope * (b - t0))) / 2) * (b - a)
          }
          coveredMs += b - a
        }
      }
    }
    prev = i
  }
  const span = Math.max(0, to - from)
  return { volumeM3: volumeMsM3h / 3_600_000, coveredMs, gapMs: span - coveredMs, gaps }
}

/**
 * Volume per CST calendar day for days `fromDay..toDay` inclusive (CST day numbers, see time.ts).
 * `out[k]` is the volume of day `fromDay + k`; use `integrateFlow` per day when coverage is needed.
 */
export function dailyFlowVolumes(samples: SampleColumns, fromDay: number, toDay: number, opts: FlowOptions): Float64Array {
  const out = new Float64Array(Math.max(0, toDay - fromDay + 1))
  for (let k = 0; k < out.length; k++) {
    const start = cstDayStart(fromDay + k)
    out[k] = integrateFlow(samples, start, start + 86_400_000, opts).volumeM3
  }
  return out
}
