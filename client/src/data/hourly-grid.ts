/**
 * A dense hourly grid from sparse `every=1h` buckets of the series API (missing hour = NaN), the
 * shape the shared standards functions take (shared/src/standards: HourlySeries). Pure.
 */
import type { HourlySeries } from '../../../shared/src/standards/hourly-means'
import { HOUR_MS } from '../../../shared/src/standards/time'

/**
 * The hours [from, to) (floored to whole hours) with the bucket values placed by their start time.
 * @example hourGrid({ t: [h0 + 3_600_000], v: [12] }, h0, h0 + 3 * 3_600_000).v // [NaN, 12, NaN]
 */
export function hourGrid(s: { t: ArrayLike<number>; v: ArrayLike<number | null> } | undefined, from: number, to: number): HourlySeries {
  const h0 = Math.floor(from / HOUR_MS) * HOUR_MS
  const len = Math.max(0, Math.ceil((to - h0) / HOUR_MS))
  const t = new Float64Array(len)
  const v = new Float64Array(len).fill(Number.NaN)
  for (let i = 0; i < len; i++) t[i] = h0 + i * HOUR_MS
  if (s) {
    for (let i = 0; i < s.t.length; i++) {
      const k = Math.round((s.t[i]! - h0) / HOUR_MS)
      const x = s.v[i]
      if (k >= 0 && k < len && typeof x === 'number' && Number.isFinite(x)) v[k] = x
    }
  }
  return { t, v, minutes: new Float64Array(len).fill(60), len }
}
