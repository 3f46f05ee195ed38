/**
 * Columnar series buffers (STYLE.md, "Hot paths"): `t` ascending epoch ms and `v` in two
 * Float64Arrays, `len` used slots, NaN for a missing value. Appends are amortized O(1): the buffer
 * doubles up to `maxCap`, then drops its oldest half with one copyWithin, so a chart left open for
 * days keeps flat memory and never allocates per sample.
 */

/** A growable columnar series. */
export interface ColumnarSeries {
  t: Float64Array
  v: Float64Array
  len: number
  /** The most points kept; beyond it the oldest half is dropped. */
  maxCap: number
}

/**
 * An empty series with room for `cap` points, growing up to `maxCap`.
 * @example const s = createSeries(1024, 1 << 18)
 */
export function createSeries(cap = 1024, maxCap = 1 << 18): ColumnarSeries {
  const c = Math.max(2, Math.min(cap, maxCap))
  return { t: new Float64Array(c), v: new Float64Array(c), len: 0, maxCap: Math.max(2, maxCap) }
}

function grow(s: ColumnarSeries, need: number): void {
  let cap = s.t.length
  while (cap < need && cap < s.maxCap) cap = Math.min(cap * 2, s.maxCap)
  if (cap === s.t.length) return
  const t = new Float64Array(cap)
  const v = new Float64Array(cap)
  t.set(s.t.subarray(0, s.len))
  v.set(s.v.subarray(0, s.len))
  s.t = t
  s.v = v
}

/** Make room for one more point: grow, or at `maxCap` drop the oldest half. */
function ensureRoom(s: ColumnarSeries): void {
  if (s.len < s.t.length) return
  if (s.t.length < s.maxCap) {
    grow(s, s.len + 1)
    return
  }
  const half = s.t.length >> 1
  s.t.copyWithin(0, half, s.len)
  s.v.copyWithin(0, half, s.len)
  s.len -= half
}

/**
 * Index of the first point with `t >= x` in `t[0..len)` (binary search), `len` if none.
 * @example lowerBound(s.t, s.len, from)
 */
export function lowerBound(t: Float64Array, len: number, x: number): number {
  let lo = 0
  let hi = len
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (t[mid]! < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Append one sample. The common case (newer than the last point) is O(1) amortized; a sample for
 * an existing time replaces its value; a late sample is inserted in order (rare: backfill).
 * Returns false for a non-finite time.
 */
export function appendSample(s: ColumnarSeries, t: number, v: number): boolean {
  if (!Number.isFinite(t)) return false
  const n = s.len
  if (n === 0 || t > s.t[n - 1]!) {
    ensureRoom(s)
    s.t[s.len] = t
    s.v[s.len++] = v
    return true
  }
  const i = lowerBound(s.t, n, t)
  if (s.t[i] === t) {
    s.v[i] = v
    return true
  }
  ensureRoom(s)
  // ensureRoom may have dropped the oldest half: find the slot again.
  const j = lowerBound(s.t, s.len, t)
  s.t.copyWithin(j + 1, j, s.len)
  s.v.copyWithin(j + 1, j, s.len)
  s.t[j] = t
  s.v[j] = v
  s.len++
  return true
}

/** Replace the contents with `t`/`v` arrays (ascending t), e.g. a history response. */
export function loadSeries(s: ColumnarSeries, t: ArrayLike<number>, v: ArrayLike<number>): void {
  const n = Math.min(t.length, v.length, s.maxCap)
  const skip = Math.min(t.length, v.length) - n
  if (s.t.length < n) grow(s, n)
  for (let i = 0; i < n; i++) {
    s.t[i] = t[skip + i]!
    const x = v[skip + i]
    s.v[i] = typeof x === 'number' ? x : Number.NaN
  }
  s.len = n
}

/**
 * Drop the points older than `tMin`, but only once they are at least a quarter of the buffer, so
 * a sliding window costs one copyWithin per many appends instead of one per append.
 */
export function trimBefore(s: ColumnarSeries, tMin: number): void {
  const i = lowerBound(s.t, s.len, tMin)
  if (i === 0 || i < s.t.length >> 2) return
  s.t.copyWithin(0, i, s.len)
  s.v.copyWithin(0, i, s.len)
  s.len -= i
}
