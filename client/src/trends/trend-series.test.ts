import { describe, expect, it } from 'vitest'
import { DecimationPool, columnsOf, decimateAll, visibleWindow, type TrendSeries } from './trend-series'

const series = (n: number, color = '#fff'): TrendSeries => {
  const { t, v, len } = columnsOf({
    t: Array.from({ length: n }, (_, i) => i * 60_000),
    v: Array.from({ length: n }, (_, i) => Math.sin(i / 100) * 50 + 50),
  })
  return { stationId: 'a', metric: 'pm25', color, t, v, len, gapMs: 0 }
}

describe('trend series', () => {
  it('turns null values into NaN', () => {
    const c = columnsOf({ t: [1, 2], v: [3, null as unknown as number] })
    expect(Array.from(c.v)).toEqual([3, Number.NaN])
  })

  it('finds the visible window with one point either side', () => {
    const s = series(100)
    expect(visibleWindow(s.t, s.len, 10 * 60_000, 20 * 60_000)).toEqual([9, 21])
    expect(visibleWindow(s.t, s.len, -5, 1e12)).toEqual([0, 100])
  })

  it('keeps at most two points per pixel per series for a year of minutes', () => {
    const year = series(525_600)
    const pool = new DecimationPool()
    const r = decimateAll([year, { ...year, color: '#000' }], 0, 525_600 * 60_000, 1000, pool)
    expect(r.points).toBe(2 * 525_600)
    expect(r.drawn).toBeLessThanOrEqual(2 * 2 * 1001)
    expect(r.extent[0]).toBeCloseTo(0, 0)
    expect(r.extent[1]).toBeCloseTo(100, 0)
  })

  it('decimates only the zoomed window', () => {
    const s = series(10_000)
    const r = decimateAll([s], 1000 * 60_000, 1100 * 60_000, 500, new DecimationPool())
    expect(r.points).toBe(102)
  })
})
