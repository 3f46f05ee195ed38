/**
 * M4 decimation (Jugel et al., VLDB 2014): per time bucket keep the first, last, minimum and
 * maximum point. A line drawn from the result is pixel-identical to one drawn from all points when
 * there are at least as many buckets as pixel columns — so a year of one-minute data (525,600
 * points) reaches the browser as a few thousand.
 */
import type { DataFlag } from '../../../shared/src/domain/reading'

export interface DecimatedSeries {
  t: number[]
  v: number[]
  flags: DataFlag[]
}

/**
 * Decimate points sorted by time into at most `4 × buckets` points over [from, to).
 * @example decimateM4([0, 1, 2, 3], [5, 1, 9, 2], ['N','N','N','N'], 0, 4, 1) // all four kept
 */
export function decimateM4(
  t: readonly number[],
  v: readonly number[],
  flags: readonly DataFlag[],
  from: number,
  to: number,
  buckets: number,
): DecimatedSeries {
  const out: DecimatedSeries = { t: [], v: [], flags: [] }
  const n = t.length
  if (n <= 4 * buckets) return { t: [...t], v: [...v], flags: [...flags] }
  // The same integer bucket formula as the SQL version: (t - from) * buckets // span.
  const span = Math.max(1, to - from)
  const bucketOf = (x: number) => Math.floor(((x - from) * buckets) / span)
  let i = 0
  while (i < n) {
    const b = bucketOf(t[i]!)
    let j = i
    let lo = i
    let hi = i
    while (j < n && bucketOf(t[j]!) === b) {
      if (v[j]! < v[lo]!) lo = j
      if (v[j]! > v[hi]!) hi = j
      j++
    }
    const picks = [...new Set([i, lo, hi, j - 1])].sort((a, c) => a - c)
    for (const k of picks) {
      out.t.push(t[k]!)
      out.v.push(v[k]!)
      out.flags.push(flags[k]!)
    }
    i = j
  }
  return out
}
