import { describe, expect, it } from 'vitest'
import { dailyMeans, movingMean24hAt, movingMeans, movingMeans24h } from './daily-means'
import { hourlyOf, rep } from './test-helpers'
import { HOUR_MS, cstDay } from './time'

const D0 = Date.parse('2026-03-01T00:00:00+08:00')

describe('dailyMeans (GB 3095-2012 Table 4: >= 20 valid hours)', () => {
  it.each([
    [19, false],
    [20, true],
    [24, true],
  ])('a CST day with %i valid hours has a 24-h mean: %s', (valid, has) => {
    const d = dailyMeans(hourlyOf(D0, [...rep(40, valid), ...rep(NaN, 24 - valid)]))
    expect(d.len).toBe(1)
    expect(d.n[0]).toBe(valid)
    expect(Number.isNaN(d.v[0])).toBe(!has)
  })

  it('averages the valid hours only', () => {
    const d = dailyMeans(hourlyOf(D0, [...rep(10, 12), ...rep(30, 8), ...rep(NaN, 4)]))
    expect(d.v[0]).toBe(18)
  })

  it('splits days at 00:00 CST (16:00 UTC), not at the machine time zone', () => {
    const d = dailyMeans(hourlyOf(D0 - 4 * HOUR_MS, rep(10, 28)), 1)
    expect(Array.from(d.day)).toEqual([cstDay(D0) - 1, cstDay(D0)])
    expect(Array.from(d.n)).toEqual([4, 24])
  })
})

describe('24-h moving means (real time)', () => {
  it.each([
    [19, false],
    [20, true],
  ])('the 24-h moving mean with %i valid hours exists: %s', (valid, has) => {
    const h = hourlyOf(D0, [...rep(NaN, 24 - valid), ...rep(50, valid)])
    expect(Number.isNaN(movingMean24hAt(h, D0 + 24 * HOUR_MS))).toBe(!has)
  })

  it('covers the 24 hours before `end`', () => {
    const h = hourlyOf(D0, [100, ...rep(10, 24)])
    expect(movingMean24hAt(h, D0 + 25 * HOUR_MS)).toBe(10)
    expect(movingMean24hAt(h, D0 + 24 * HOUR_MS)).toBe(10 + 90 / 24)
  })

  it('agrees with the columnar moving means at every hour', () => {
    const values = Array.from({ length: 60 }, (_, i) => (i % 7 === 0 ? NaN : i))
    const h = hourlyOf(D0, values)
    const col = movingMeans24h(h)
    for (let i = 0; i < 60; i++) expect(col[i]).toBe(movingMean24hAt(h, D0 + (i + 1) * HOUR_MS))
  })

  it('drops hours that leave the window', () => {
    expect(Array.from(movingMeans({ v: Float64Array.from([1, 2, 3, NaN, 5]), len: 5 }, 2, 1))).toEqual([1, 1.5, 2.5, 3, 5])
  })
})
