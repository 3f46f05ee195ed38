import { describe, expect, it } from 'vitest'
import { dailyMax1h, dailyMax8hO3, o3MovingMeans8h } from './ozone'
import { hourlyOf, rep } from './test-helpers'
import { HOUR_MS } from './time'

const D0 = Date.parse('2026-06-01T00:00:00+08:00')

describe('8-h O3 moving mean (GB 3095-2012 Table 4: >= 6 valid hours in 8)', () => {
  it.each([
    [5, false],
    [6, true],
    [8, true],
  ])('an 8-h window with %i valid hours has a mean: %s', (valid, has) => {
    const m = o3MovingMeans8h(hourlyOf(D0, [...rep(NaN, 8 - valid), ...rep(120, valid)]))
    expect(Number.isNaN(m[7])).toBe(!has)
  })

  it('averages the valid hours of the window', () => {
    const m = o3MovingMeans8h(hourlyOf(D0, [NaN, NaN, 100, 100, 100, 100, 160, 160]))
    expect(m[7]).toBe(120)
  })
})

describe('daily max 8-h O3 (windows ending 08:00..24:00 CST)', () => {
  it('uses the window ending at 24:00 (16:00–24:00) as the last window of the day', () => {
    const d = dailyMax8hO3(hourlyOf(D0, [...rep(50, 16), ...rep(200, 8)]))
    expect(d.v[0]).toBe(200)
    expect(d.n[0]).toBe(17)
  })

  it('uses the window ending at 08:00 (00:00–08:00) as the first window of the day', () => {
    const d = dailyMax8hO3(hourlyOf(D0, [...rep(200, 8), ...rep(50, 16)]))
    expect(d.v[0]).toBe(200)
  })

  it('ignores windows ending before 08:00 that reach into the previous day', () => {
    // Previous day 17:00–24:00 at 300; this day all 50. Windows ending 01:00..07:00 would mix in 300.
    const d = dailyMax8hO3(hourlyOf(D0 - 24 * HOUR_MS, [...rep(50, 17), ...rep(300, 7), ...rep(50, 24)]))
    expect(d.v[1]).toBe(50)
  })

  it.each([
    [13, false],
    [14, true],
  ])('a day with %i valid windows (all below 160) has a daily max: %s', (windows, has) => {
    // With hours 0..v-1 valid, the windows ending 08:00..(v+2):00 have >= 6 valid hours: v - 5 windows.
    const valid = windows + 5
    const d = dailyMax8hO3(hourlyOf(D0, [...rep(100, valid), ...rep(NaN, 24 - valid)]))
    expect(d.n[0]).toBe(windows)
    expect(Number.isNaN(d.v[0])).toBe(!has)
  })

  it('keeps a day with too few windows when its max exceeds 160 (HJ 663-2013)', () => {
    const d = dailyMax8hO3(hourlyOf(D0, [...rep(170, 8), ...rep(NaN, 16)]))
    expect(d.n[0]).toBe(3)
    expect(d.v[0]).toBe(170)
  })

  it('accepts a single window with minValidWindows: 1 (the reference rule alone)', () => {
    const d = dailyMax8hO3(hourlyOf(D0, [...rep(100, 8), ...rep(NaN, 16)]), { minValidWindows: 1 })
    expect(d.v[0]).toBe(100)
  })
})

describe('daily max 1-h', () => {
  it('is the largest valid hourly mean of the CST day', () => {
    const d = dailyMax1h(hourlyOf(D0, [...rep(80, 23), 190]))
    expect(d.v[0]).toBe(190)
  })

  it.each([
    [19, false],
    [20, true],
  ])('a day with %i valid hours (all below 200) has a daily max: %s', (valid, has) => {
    const d = dailyMax1h(hourlyOf(D0, [...rep(80, valid), ...rep(NaN, 24 - valid)]))
    expect(Number.isNaN(d.v[0])).toBe(!has)
  })

  it('keeps a day with few hours when its max exceeds 200', () => {
    const d = dailyMax1h(hourlyOf(D0, [210, ...rep(NaN, 23)]))
    expect(d.v[0]).toBe(210)
  })
})
