import { describe, expect, it } from 'vitest'
import { cstTickFormat, cstTimeScale, yDomain } from './scales'

describe('CST time scale', () => {
  it('puts ticks on CST wall-clock hours and labels CST midnight with the date', () => {
    const from = Date.UTC(2026, 10, 23, 16, 0) // 2026-11-24 00:00 CST
    const to = from + 6 * 3_600_000
    const x = cstTimeScale(from, to, 600)
    const labels = x.ticks(6).map(cstTickFormat)
    expect(labels).toEqual(['11-24', '01:00', '02:00', '03:00', '04:00', '05:00', '06:00'])
  })
})

describe('yDomain', () => {
  it('includes a limit that is near the data', () => {
    const d = yDomain([10, 60], [75])
    expect(d.domain[1]).toBeGreaterThanOrEqual(75)
    expect(d.offscale.size).toBe(0)
  })

  it('keeps a limit far above the data off-scale instead of flattening the line', () => {
    const d = yDomain([10, 12], [200])
    expect(d.domain[1]).toBeLessThan(200)
    expect([...d.offscale]).toEqual([200])
  })

  it('does not go below zero for non-negative data', () => {
    expect(yDomain([0.5, 30], []).domain[0]).toBe(0)
  })

  it('covers both sides of a range limit (pH 6–9)', () => {
    const d = yDomain([7.1, 7.6], [9, 6])
    expect(d.domain[0]).toBeLessThanOrEqual(6)
    expect(d.domain[1]).toBeGreaterThanOrEqual(9)
  })

  it('falls back to the limits, or [0, 1], without data', () => {
    expect(yDomain([Number.NaN, Number.NaN], [75]).domain[1]).toBeGreaterThanOrEqual(75)
    expect(yDomain([Number.NaN, Number.NaN], []).domain).toEqual([0, 1])
  })
})
