import { describe, expect, it } from 'vitest'
import { createDecimated, decimateMinMax, extentOf, screenPoints } from './downsample'

/** A seeded pseudo-random series (deterministic). */
function series(n: number, seed = 7) {
  let s = seed
  const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647
  const t = new Float64Array(n)
  const v = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    t[i] = i * 1000
    v[i] = 50 + 30 * Math.sin(i / 500) + 20 * (rnd() - 0.5)
  }
  return { t, v }
}

const points = (d: { x: Float64Array; y: Float64Array; len: number }) => Array.from({ length: d.len }, (_, i) => [d.x[i], d.y[i]])

describe('decimateMinMax', () => {
  it('passes points through unchanged when there are fewer points than pixels', () => {
    const t = Float64Array.from([0, 1000, 2000, 3000])
    const v = Float64Array.from([1, 5, 2, 4])
    const out = createDecimated(2)
    decimateMinMax(t, v, 0, 4, 0, 100 / 3000, 0, out)
    expect(points(out).map((p) => p[1])).toEqual([1, 5, 2, 4])
    expect(out.x[3]).toBeCloseTo(100)
  })

  it('keeps at most two points per pixel column when points outnumber pixels', () => {
    const { t, v } = series(86_400)
    const out = createDecimated()
    const width = 800
    decimateMinMax(t, v, 0, t.length, 0, width / (t[t.length - 1]! + 1), 0, out)
    expect(out.len).toBeLessThanOrEqual(2 * width)
    const perCol = new Map<number, number>()
    for (let i = 0; i < out.len; i++) perCol.set(Math.floor(out.x[i]!), (perCol.get(Math.floor(out.x[i]!)) ?? 0) + 1)
    expect(Math.max(...perCol.values())).toBeLessThanOrEqual(2)
  })

  it('keeps the min and the max of every column (the drawn envelope is exact)', () => {
    const { t, v } = series(10_000)
    const out = createDecimated()
    const pxPerMs = 100 / 10_000_000
    decimateMinMax(t, v, 0, t.length, 0, pxPerMs, 0, out)
    for (let c = 0; c < 100; c++) {
      const vals = Array.from(v.subarray(c * 100, c * 100 + 100))
      const kept = points(out)
        .filter((p) => Math.floor(p[0]!) === c)
        .map((p) => p[1])
      expect(kept).toContain(Math.min(...vals))
      expect(kept).toContain(Math.max(...vals))
    }
  })

  it('emits min and max of a column in time order', () => {
    const t = Float64Array.from([0, 1, 2, 3])
    const v = Float64Array.from([5, 9, 1, 5])
    const out = createDecimated()
    decimateMinMax(t, v, 0, 4, 0, 0.1, 0, out)
    expect(points(out).map((p) => p[1])).toEqual([9, 1])
  })

  it('breaks the line at NaN values and at long time gaps', () => {
    const t = Float64Array.from([0, 1000, 2000, 60_000, 61_000])
    const v = Float64Array.from([1, Number.NaN, 3, 4, 5])
    const out = createDecimated()
    decimateMinMax(t, v, 0, 5, 0, 1, 10_000, out)
    expect(points(out).map((p) => p[1])).toEqual([1, Number.NaN, 3, Number.NaN, 4, 5])
  })

  it('decimates only the requested window', () => {
    const { t, v } = series(1000)
    const out = createDecimated()
    decimateMinMax(t, v, 100, 200, t[100]!, 1 / 1000, 0, out)
    expect(out.len).toBe(100)
    expect(out.x[0]).toBe(0)
  })
})

describe('extentOf', () => {
  it('skips gaps', () => {
    expect(extentOf({ x: new Float64Array(3), y: Float64Array.from([2, Number.NaN, -1]), len: 3 })).toEqual([-1, 2])
    expect(extentOf(createDecimated())).toEqual([Number.NaN, Number.NaN])
  })
})

describe('screenPoints', () => {
  it.each([
    [1366, 1, 4 * 1366],
    [1366, 2, 4 * 2732],
    [2560, 3, 20_000],
    [100, 1, 4 * 320],
  ])('%i css px at dpr %i asks for %i points', (w, dpr, want) => {
    expect(screenPoints(w, dpr)).toBe(want)
  })
})
