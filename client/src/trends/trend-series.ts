/**
 * The comparison chart's data: one columnar series per (station, metric) with its colour, and the
 * per-frame work on a set of them: find each visible window by binary search, keep min/max per
 * pixel column (charts/downsample.ts) into reused buffers, and draw the lines. Nothing per point
 * is allocated (STYLE.md "Hot paths").
 */
import { lowerBound } from '../data/columnar'
import type { SeriesWire } from '../data/api-types'
import { createDecimated, decimateMinMax, extentOf, type Decimated } from '../charts/downsample'
import { drawDecimated } from '../charts/draw-line'

/** One series of the chart. */
export interface TrendSeries {
  stationId: string
  metric: string
  color: string
  t: Float64Array
  v: Float64Array
  len: number
  /** A step longer than this breaks the line. */
  gapMs: number
}

/**
 * Columns of an API series (null or missing values become NaN).
 * @example const { t, v, len } = columnsOf(response.series[0])
 */
export function columnsOf(w: Pick<SeriesWire, 't' | 'v'> | undefined): { t: Float64Array; v: Float64Array; len: number } {
  if (!w) return { t: new Float64Array(0), v: new Float64Array(0), len: 0 }
  const n = Math.min(w.t.length, w.v.length)
  const t = new Float64Array(n)
  const v = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    t[i] = w.t[i]!
    const x = w.v[i]
    v[i] = typeof x === 'number' ? x : Number.NaN
  }
  return { t, v, len: n }
}

/**
 * Indices [i0, i1) to draw for [from, to]: one point either side so lines enter and leave the edges.
 * @example visibleWindow(s.t, s.len, from, to)
 */
export function visibleWindow(t: Float64Array, len: number, from: number, to: number): [number, number] {
  const i0 = Math.max(0, lowerBound(t, len, from) - 1)
  const i1 = Math.min(len, lowerBound(t, len, to) + 1)
  return [i0, Math.max(i0, i1)]
}

/** Decimated output buffers, one per series, reused between frames. */
export class DecimationPool {
  private readonly outs: Decimated[] = []

  /** The i-th buffer. */
  get(i: number): Decimated {
    while (this.outs.length <= i) this.outs.push(createDecimated())
    return this.outs[i]!
  }
}

/**
 * Decimate every series' visible window into the pool; returns the samples considered, the points
 * kept and the value extent of what will be drawn.
 */
export function decimateAll(
  series: readonly TrendSeries[],
  from: number,
  to: number,
  plotW: number,
  pool: DecimationPool,
): { points: number; drawn: number; extent: [number, number] } {
  const pxPerMs = plotW / Math.max(1, to - from)
  let points = 0
  let drawn = 0
  let lo = Infinity
  let hi = -Infinity
  series.forEach((s, k) => {
    const out = pool.get(k)
    const [i0, i1] = visibleWindow(s.t, s.len, from, to)
    decimateMinMax(s.t, s.v, i0, i1, from, pxPerMs, s.gapMs, out)
    points += i1 - i0
    drawn += out.len
    const [a, b] = extentOf(out)
    if (a < lo) lo = a
    if (b > hi) hi = b
  })
  return { points, drawn, extent: lo <= hi ? [lo, hi] : [Number.NaN, Number.NaN] }
}

/** Draw the decimated series (context translated and clipped to the plot). */
export function drawAll(
  ctx: CanvasRenderingContext2D,
  series: readonly TrendSeries[],
  pool: DecimationPool,
  y: (v: number) => number,
  width = 1.5,
): void {
  series.forEach((s, k) => drawDecimated(ctx, pool.get(k), y, { color: s.color, width }))
}
