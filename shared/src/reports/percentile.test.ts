import { describe, expect, it } from 'vitest'
import { hjPercentile } from './percentile'

describe('hjPercentile (HJ 663-2013: k = 1 + (n − 1)p, linear between ranks)', () => {
  it.each([
    { values: [1, 2, 3, 4, 5], p: 0.95, expected: 4.8 },
    { values: [5, 1, 4, 2, 3], p: 0.9, expected: 4.6 },
    { values: [10], p: 0.95, expected: 10 },
    { values: [1, 2], p: 0.5, expected: 1.5 },
    { values: [3, 1, 2], p: 1, expected: 3 },
    { values: [3, 1, 2], p: 0, expected: 1 },
  ])('$values p=$p → $expected', ({ values, p, expected }) => {
    expect(hjPercentile(values, p)).toBeCloseTo(expected, 12)
  })

  it('takes the 95th percentile of 30 days between the 28th and 29th ranks', () => {
    // n = 30: k = 1 + 29 × 0.95 = 28.55 → X(28) + 0.55 × (X(29) − X(28))
    const days = Array.from({ length: 30 }, (_, i) => (i + 1) / 10)
    expect(hjPercentile(days, 0.95)).toBeCloseTo(2.8 + 0.55 * 0.1, 12)
  })

  it('skips missing days', () => {
    expect(hjPercentile([NaN, 1, 2, NaN, 3], 0.5)).toBe(2)
  })

  it('is NaN without a value, and refuses p outside [0, 1]', () => {
    expect(hjPercentile([], 0.9)).toBeNaN()
    expect(() => hjPercentile([1], 1.5)).toThrow('invalid percentile: 1.5')
  })
})
