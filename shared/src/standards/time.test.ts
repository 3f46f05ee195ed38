import { describe, expect, it } from 'vitest'
import { cstDate, cstDay, cstDayStart, cstYmd, daysInYear, hourStart, parseCstDate } from './time'

describe('CST days', () => {
  it.each([
    ['2026-01-01T00:00:00+08:00', 20454],
    ['2025-12-31T23:59:59.999+08:00', 20453],
    ['2025-12-31T16:00:00Z', 20454],
    ['2025-12-31T15:59:59Z', 20453],
  ])('puts %s on CST day %i', (iso, day) => {
    expect(cstDay(Date.parse(iso))).toBe(day)
  })

  it('starts a CST day at 16:00 UTC of the previous UTC day', () => {
    expect(new Date(cstDayStart(20454)).toISOString()).toBe('2025-12-31T16:00:00.000Z')
  })

  it.each([
    [20454, '2026-01-01'],
    [20453, '2025-12-31'],
  ])('formats day %i as %s', (day, s) => {
    expect(cstDate(day)).toBe(s)
  })

  it.each([
    ['2026-01-01', 20454],
    ['2026-02-30', undefined],
    ['2026-1-1', undefined],
  ])('parses %s to %s', (s, day) => {
    expect(parseCstDate(s)).toBe(day)
  })

  it('gives year, month and date of a day', () => {
    expect(cstYmd(20454 + 31)).toEqual({ year: 2026, month: 2, date: 1 })
  })

  it.each([
    [2024, 366],
    [2025, 365],
    [2100, 365],
    [2000, 366],
  ])('counts %i days in %i', (year, n) => {
    expect(daysInYear(year)).toBe(n)
  })

  it('floors an instant to its hour', () => {
    expect(hourStart(Date.parse('2026-01-01T08:59:59.999+08:00'))).toBe(Date.parse('2026-01-01T08:00:00+08:00'))
  })
})
