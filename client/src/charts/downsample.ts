/**
 * Min/max-per-pixel-column decimation (STYLE.md "Hot paths", as uPlot does): of all samples that
 * fall in one pixel column only the minimum and the maximum are kept, in time order, so a line
 * drawn through the result looks exactly like the full series at that width while drawing at most
 * two points per column. Gaps (NaN values, or a time step longer than `gapMs`) become a NaN entry
 * that breaks the line. Output buffers are reused between frames.
 */

/** Decimated points: x in px (relative to the plot's left edge), y the value; NaN = gap. */
export interface Decimated {
  x: Float64Array
  y: Float64Array
  len: number
}

/** An empty output buffer. */
export function createDecimated(cap = 2048): Decimated {
  return { x: new Float64Array(cap), y: new Float64Array(cap), len: 0 }
}

function ensure(out: Decimated, need: number): void {
  if (out.x.length >= need) return
  let cap = out.x.length || 1
  while (cap < need) cap *= 2
  out.x = new Float64Array(cap)
  out.y = new Float64Array(cap)
}

/**
 * Decimate samples i0..i1 (exclusive) of a columnar series into `out`.
 * @param t0 time at x = 0 (ms)
 * @param pxPerMs horizontal scale
 * @param gapMs a step longer than this breaks the line (0 = never by time)
 * @example decimateMinMax(s.t, s.v, i0, i1, from, width / (to - from), 5 * 60_000, out)
 */
export function decimateMinMax(
  t: Float64Array,
  v: Float64Array,
  i0: number,
  i1: number,
  t0: number,
  pxPerMs: number,
  gapMs: number,
  out: Decimated,
): void {
  ensure(out, Math.max(0, 2 * (i1 - i0)) + 2)
  const ox = out.x
  const oy = out.y
  let n = 0
  let col = Number.NaN
  let minI = -1
  let maxI = -1
  const emit = (i: number) => {
    ox[n] = (t[i]! - t0) * pxPerMs
    oy[n++] = v[i]!
  }
  const flush = () => {
    if (minI < 0) return
    if (minI === maxI) emit(minI)
    else if (minI < maxI) {
      emit(minI)
      emit(maxI)
    } else {
      emit(maxI)
      emit(minI)
    }
    minI = maxI = -1
    col = Number.NaN
  }
  const gap = () => {
    flush()
    if (n > 0 && !Number.isNaN(oy[n - 1]!)) {
      ox[n] = ox[n - 1]!
      oy[n++] = Number.NaN
    }
  }
  let prevT = Number.NaN
  for (let i = i0; i < i1; i++) {
    const ti = t[i]!
    const vi = v[i]!
    if (gapMs > 0 && ti - prevT > gapMs) gap()
    prevT = ti
    if (vi !== vi) {
      gap()
      continue
    }
    const c = Math.floor((ti - t0) * pxPerMs)
    if (c !== col) {
      flush()
      col = c
      minI = maxI = i
    } else {
      if (vi < v[minI]!) minI = i
      if (vi > v[maxI]!) maxI = i
    }
  }
  flush()
  out.len = n
}

/** Min and max of the finite values in a decimated buffer ([NaN, NaN] when there are none). */
export function extentOf(d: Decimated): [number, number] {
  let lo = Infinity
  let hi = -Infinity
  for (let i = 0; i < d.len; i++) {
    const y = d.y[i]!
    if (y < lo) lo = y
    if (y > hi) hi = y
  }
  return lo <= hi ? [lo, hi] : [Number.NaN, Number.NaN]
}

/**
 * How many raw points to ask the server for: four per device pixel column of the widest chart
 * this screen can show (M4 keeps first, min, max and last per column), capped for huge walls.
 */
export function screenPoints(widthCss: number, dpr: number): number {
  return Math.min(20_000, 4 * Math.ceil(Math.max(320, widthCss) * Math.min(2, Math.max(1, dpr))))
}
