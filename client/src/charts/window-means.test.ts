import { describe, expect, it } from 'vitest'
import { hourGrid } from '../data/hourly-grid'
import { maybeAveragingWindow, windowMeans } from './window-means'

const H = 3_600_000
const h0 = Date.UTC(2026, 10, 23, 16) // 2026-11-24 00:00 CST
const hours = (vals: number[]) => hourGrid({ t: vals.map((_, i) => h0 + i * H), v: vals }, h0, h0 + vals.length * H)

describe('windowMeans', () => {
  it('stamps hourly means at the end of their hour', () => {
    const w = windowMeans(hours([10, 20]), '1h')
    expect(Array.from(w.t)).toEqual([h0 + H, h0 + 2 * H])
    expect(Array.from(w.v)).toEqual([10, 20])
  })

  it('needs 20 valid hours for a 24-h moving mean (GB 3095-2012 Table 4)', () => {
    const vals = Array.from({ length: 24 }, (_, i) => (i < 19 ? 80 : Number.NaN))
    expect(windowMeans(hours(vals), '24h').v[23]).toBeNaN()
    vals[19] = 70
    expect(windowMeans(hours(vals), '24h').v[23]).toBeCloseTo((19 * 80 + 70) / 20)
  })

  it('needs 6 valid hours for an 8-h moving mean', () => {
    const w = windowMeans(hours([100, 100, 100, 100, 100, 160]), '8h')
    expect(w.v[4]).toBeNaN()
    expect(w.v[5]).toBe(110)
  })

  it('gives calendar-day means stamped at the day end', () => {
    const w = windowMeans(hours(Array.from({ length: 48 }, (_, i) => (i < 24 ? 10 : 30))), '1d')
    expect(Array.from(w.v)).toEqual([10, 30])
    expect(w.t[0]).toBe(h0 + 24 * H)
  })

  it('knows which rule windows it can compute', () => {
    expect(maybeAveragingWindow('24h')).toBe('24h')
    expect(maybeAveragingWindow('instant')).toBeUndefined()
  })
})
