/**
 * Consumption from cumulative energy counters (`elec_kwh`, `gas_m3`, `steam_t`, `water_m3`, `coal_t`),
 * with rollovers, resets and glitches handled (for GB/T 2589-2020 comprehensive consumption).
 *
 * For each valid sample after the first, compare it with the baseline (the last accepted reading):
 * - increase or equal → consumption = curr - baseline;
 * - rollover: `rolloverAt` is set and the wrap distance (rolloverAt - baseline) + curr is at most
 *   `rolloverWindow` × rolloverAt (default 10 %: the counter was near its top and is now near 0) →
 *   consumption = the wrap distance;
 * - reset: curr <= `resetFraction` × baseline (default 0.1: the value dropped to about 0, e.g. a new
 *   meter or a cleared register) → a new counter started at 0, consumption = curr;
 * - otherwise a glitch (a negative step that is neither): consumption 0, reported, and the baseline
 *   stays at the higher value so the next good reading is not double-counted. A counter that stays
 *   below its old baseline keeps reporting glitches: an operator must look at it.
 *
 * `rolloverAt` is the counter's modulus: it counts 0 .. rolloverAt and wraps to 0. For a register that
 * shows up to 999999.9, pass 1000000 (passing 999999.9 undercounts one resolution step per wrap).
 * Invalid samples (flags other than N/S, NaN) are skipped.
 */
import { isValidSample, lowerBound, sampleCount, type SampleColumns } from './columns'

/** Options of {@link counterDeltas}. */
export interface CounterOptions {
  /** The counter's modulus (wrap value); undefined = the counter never wraps. */
  rolloverAt?: number
  /** Max wrap distance as a fraction of `rolloverAt` for a drop to count as a rollover; default 0.1. */
  rolloverWindow?: number
  /** A drop to at most this fraction of the previous value is a reset; default 0.1. */
  resetFraction?: number
}

export type CounterEventKind = 'rollover' | 'reset' | 'glitch'

/** A non-monotonic step of the counter. */
export interface CounterEvent {
  kind: CounterEventKind
  /** Sample index and time of the reading after the step. */
  index: number
  t: number
  /** Baseline before and reading after. */
  from: number
  to: number
  /** Consumption counted for the step (0 for a glitch). */
  counted: number
}

/** Result of {@link counterDeltas}. */
export interface CounterDeltas {
  /** Sum of all deltas. */
  total: number
  /** `deltas[i]`: consumption between the previous accepted reading and sample i; NaN for the first and invalid samples. */
  deltas: Float64Array
  events: CounterEvent[]
}

/**
 * Per-sample consumption of a cumulative counter, with rollovers, resets and glitches (see file doc).
 * @example counterDeltas({ t: [0, 1, 2], v: [999_990, 999_998, 5] }, { rolloverAt: 1_000_000 }).total // 15
 */
export function counterDeltas(samples: SampleColumns, opts: CounterOptions = {}): CounterDeltas {
  const n = sampleCount(samples)
  const deltas = new Float64Array(n).fill(NaN)
  const events: CounterEvent[] = []
  const rolloverAt = opts.rolloverAt
  if (rolloverAt !== undefined && !(rolloverAt > 0)) throw new Error(`invalid rolloverAt: ${rolloverAt}`)
  const window = (opts.rolloverWindow ?? 0.1) * (rolloverAt ?? 0)
  const resetFraction = opts.resetFraction ?? 0.1
  let base = NaN
  let total = 0
  for (let i = 0; i < n; i++) {
    if (!isValidSample(samples, i)) continue
    const curr = samples.v[i]!
    if (Number.isNaN(base)) {
      base = curr
      continue
    }
    let d: number
    if (curr >= base) {
      d = curr - base
      base = curr
    } else {
      const wrap = rolloverAt !== undefined ? rolloverAt - base + curr : Infinity
      const kind: CounterEventKind = wrap >= 0 && wrap <= window ? 'rollover' : curr <= resetFraction * base ? 'reset' : 'glitch'
      d = kind === 'rollover' ? wrap : kind === 'reset' ? Math.max(0, curr) : 0
      events.push({ kind, index: i, t: samples.t[i]!, from: base, to: curr, counted: d })
      if (kind !== 'glitch') base = curr
    }
    deltas[i] = d
    total += d
  }
  return { total, deltas, events }
}

/** Sum of `deltas` of samples with t in [from, to) (consumption attributed to the reading's time). */
export function sumDeltas(t: ArrayLike<number>, deltas: Float64Array, from: number, to: number): number {
  let s = 0
  for (let i = lowerBound(t, deltas.length, from); i < deltas.length && t[i]! < to; i++) {
    const d = deltas[i]!
    if (!Number.isNaN(d)) s += d
  }
  return s
}
