/**
 * Columnar sample input shared by the averaging, flow and counter functions (house style: a series is
 * `{ t, v }` columns, t ascending, missing value = NaN).
 */
import { isValidFlag, type DataFlag } from '../domain/reading'

/**
 * Raw samples of one metric of one station, columnar. `t` is epoch ms, ascending. `v` NaN = missing.
 * `flags[i]` is the HJ 212-2017 data flag of sample i (absent = N); only N and S values count
 * (envmon's policy on the HJ 212-2017 flags, from the contract "Only N and S values count toward
 * compliance statistics"; GB 3095-2012 Table 4 sets how many valid values a mean needs, not which
 * flags are valid).
 * `len` defaults to `t.length` (lets callers pass preallocated, partly filled buffers).
 */
export interface SampleColumns {
  t: ArrayLike<number>
  v: ArrayLike<number>
  flags?: ArrayLike<DataFlag | undefined>
  len?: number
}

/** Number of samples in `s`. */
export function sampleCount(s: SampleColumns): number {
  return s.len ?? s.t.length
}

/** Whether sample i has a finite value and a valid flag (N or S). */
export function isValidSample(s: SampleColumns, i: number): boolean {
  const v = s.v[i]!
  if (!Number.isFinite(v)) return false
  return s.flags === undefined || isValidFlag(s.flags[i])
}

/** First index with `t[i] >= x` in ascending `t[0..len)` (binary search). */
export function lowerBound(t: ArrayLike<number>, len: number, x: number): number {
  let lo = 0
  let hi = len
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (t[mid]! < x) lo = mid + 1
    else hi = mid
  }
  return lo
}
