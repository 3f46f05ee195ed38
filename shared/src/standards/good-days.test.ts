import { describe, expect, it } from 'vitest'
import { goodDaysRatio } from './good-days'

describe('goodDaysRatio', () => {
  it.each([
    [[40, 100, 101, NaN], 2, 3],
    [[100], 1, 1],
    [[101], 0, 1],
    [[NaN, undefined], 0, 0],
  ])('%j has %i good of %i valid days', (days, good, valid) => {
    const r = goodDaysRatio(days)
    expect([r.good, r.valid]).toEqual([good, valid])
  })

  it('divides good days by valid days', () => {
    expect(goodDaysRatio([40, 100, 101, NaN]).ratio).toBeCloseTo(2 / 3, 12)
  })

  it('has a NaN ratio without valid days', () => {
    expect(goodDaysRatio([]).ratio).toBeNaN()
  })
})
