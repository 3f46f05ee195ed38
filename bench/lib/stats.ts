/**
 * Small statistics for the benchmark: percentiles (linear interpolation between closest ranks),
 * summaries, and rates of counters sampled over time.
 */

/** Percentile `p` (0..100) of `xs` (need not be sorted). NaN when empty. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN
  const s = [...xs].sort((a, b) => a - b)
  const k = ((s.length - 1) * p) / 100
  const lo = Math.floor(k)
  const hi = Math.ceil(k)
  return s[lo]! + (s[hi]! - s[lo]!) * (k - lo)
}

/** The usual latency summary, in the unit of the input. */
export interface Summary {
  n: number
  min: number
  p50: number
  p95: number
  p99: number
  max: number
  mean: number
}

/** Summarize a sample (NaN fields when empty). */
export function summarize(xs: readonly number[]): Summary {
  const n = xs.length
  let sum = 0
  let min = Infinity
  let max = -Infinity
  for (const x of xs) {
    sum += x
    if (x < min) min = x
    if (x > max) max = x
  }
  return {
    n,
    min: n ? min : NaN,
    p50: percentile(xs, 50),
    p95: percentile(xs, 95),
    p99: percentile(xs, 99),
    max: n ? max : NaN,
    mean: n ? sum / n : NaN,
  }
}

/** A counter observed over time: (epoch ms, cumulative count). */
export type CounterSample = readonly [t: number, count: number]

/** Least-squares slope (per second) of a counter over the samples with `ta <= t <= tb`. */
export function rateBetween(samples: readonly CounterSample[], ta: number, tb: number): number | undefined {
  const w = samples.filter(([t]) => t >= ta && t <= tb)
  if (w.length < 3) return undefined
  const t0 = w[0]![0]
  let sx = 0
  let sy = 0
  let sxx = 0
  let sxy = 0
  for (const [t, c] of w) {
    const x = (t - t0) / 1000
    sx += x
    sy += c
    sxx += x * x
    sxy += x * c
  }
  const n = w.length
  const den = n * sxx - sx * sx
  return den > 0 ? (n * sxy - sx * sy) / den : undefined
}

/**
 * Rate (per second) of a counter that advances in steps (e.g. batches committed): from the first
 * sample at or above `lo` × total to the first at or above `total`.
 */
export function stepRate(samples: readonly CounterSample[], total: number, lo = 0.1): number | undefined {
  const a = samples.find(([, c]) => c >= total * lo)
  const b = samples.find(([, c]) => c >= total)
  if (!a || !b || b[0] <= a[0]) return undefined
  return ((b[1] - a[1]) / (b[0] - a[0])) * 1000
}

/** Round to `d` decimals (for JSON and the table). */
export function round(x: number | undefined, d = 1): number | undefined {
  if (x === undefined || !Number.isFinite(x)) return undefined
  const f = 10 ** d
  return Math.round(x * f) / f
}
