import { describe, expect, it } from 'vitest'
import { appendSample, createSeries, loadSeries, lowerBound, trimBefore } from './columnar'

const ts = (s: { t: Float64Array; len: number }) => Array.from(s.t.subarray(0, s.len))
const vs = (s: { v: Float64Array; len: number }) => Array.from(s.v.subarray(0, s.len))

describe('columnar series', () => {
  it('appends in order', () => {
    const s = createSeries(4, 64)
    for (let i = 0; i < 3; i++) appendSample(s, i * 10, i)
    expect(ts(s)).toEqual([0, 10, 20])
    expect(vs(s)).toEqual([0, 1, 2])
  })

  it('grows by doubling until maxCap', () => {
    const s = createSeries(2, 16)
    for (let i = 0; i < 9; i++) appendSample(s, i, i)
    expect(s.t.length).toBe(16)
    expect(s.len).toBe(9)
  })

  it('drops the oldest half once full at maxCap, keeping the newest points', () => {
    const s = createSeries(8, 8)
    for (let i = 0; i < 9; i++) appendSample(s, i, i * 2)
    expect(ts(s)).toEqual([4, 5, 6, 7, 8])
    expect(vs(s)).toEqual([8, 10, 12, 14, 16])
  })

  it('keeps the buffer when compacting (no allocation past maxCap)', () => {
    const s = createSeries(8, 8)
    const t = s.t
    for (let i = 0; i < 100; i++) appendSample(s, i, i)
    expect(s.t).toBe(t)
    expect(s.len).toBeLessThanOrEqual(8)
    expect(ts(s).at(-1)).toBe(99)
  })

  it('replaces the value of a repeated time', () => {
    const s = createSeries()
    appendSample(s, 10, 1)
    appendSample(s, 10, 2)
    expect(ts(s)).toEqual([10])
    expect(vs(s)).toEqual([2])
  })

  it('inserts a late sample in time order', () => {
    const s = createSeries()
    appendSample(s, 10, 1)
    appendSample(s, 30, 3)
    appendSample(s, 20, 2)
    expect(ts(s)).toEqual([10, 20, 30])
    expect(vs(s)).toEqual([1, 2, 3])
  })

  it('rejects a non-finite time and keeps NaN values as gaps', () => {
    const s = createSeries()
    expect(appendSample(s, Number.NaN, 1)).toBe(false)
    appendSample(s, 1, Number.NaN)
    expect(s.len).toBe(1)
    expect(s.v[0]).toBeNaN()
  })

  it('loads arrays, keeping the newest maxCap points', () => {
    const s = createSeries(2, 4)
    loadSeries(s, [1, 2, 3, 4, 5, 6], [10, 20, 30, 40, 50, 60])
    expect(ts(s)).toEqual([3, 4, 5, 6])
    expect(vs(s)).toEqual([30, 40, 50, 60])
  })

  it('trims old points only once they are a quarter of the buffer', () => {
    const s = createSeries(16, 16)
    for (let i = 0; i < 16; i++) appendSample(s, i, i)
    trimBefore(s, 2)
    expect(s.len).toBe(16)
    trimBefore(s, 6)
    expect(ts(s)[0]).toBe(6)
    expect(s.len).toBe(10)
  })
})

describe('lowerBound', () => {
  const t = Float64Array.from([1, 3, 3, 5, 9])
  it.each([
    [0, 0],
    [1, 0],
    [2, 1],
    [3, 1],
    [6, 4],
    [10, 5],
  ])('finds the first t >= %d at %d', (x, want) => {
    expect(lowerBound(t, t.length, x)).toBe(want)
  })
})
