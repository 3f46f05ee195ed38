import { describe, expect, it } from 'vitest'
import { annualMean, annualValidity } from './annual'
import { cstYearStartDay, cstYmd, daysInYear } from './time'

/** Daily series for `year` with `perMonth[m]` valid days in month m (the first days of the month), value 10. */
function yearWith(year: number, perMonth: number[]) {
  const d0 = cstYearStartDay(year)
  const n = daysInYear(year)
  const day = new Float64Array(n)
  const v = new Float64Array(n).fill(NaN)
  for (let i = 0; i < n; i++) {
    day[i] = d0 + i
    const { month, date } = cstYmd(d0 + i)
    if (date <= perMonth[month - 1]!) v[i] = 10 + (month === 1 ? 1 : 0)
  }
  return { day, v, n: v, len: n }
}

const FULL = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

describe('annual validity (GB 3095-2012 Table 4)', () => {
  it('accepts 324 days with >= 27 per month and 25 in February', () => {
    const months = [27, 25, 27, 27, 27, 27, 27, 27, 27, 27, 27, 29] // 10·27 + 25 + 29 = 324
    const r = annualValidity(yearWith(2026, months), 2026)
    expect(r.days).toBe(324)
    expect(r.valid).toBe(true)
  })

  it('rejects 323 days even when every month meets its minimum', () => {
    const months = [27, 25, 27, 27, 27, 27, 27, 27, 27, 27, 27, 28] // 323
    expect(annualValidity(yearWith(2026, months), 2026).valid).toBe(false)
  })

  it('rejects a February with 24 valid days', () => {
    const months = [...FULL]
    months[1] = 24
    const r = annualValidity(yearWith(2026, months), 2026)
    expect(r.valid).toBe(false)
    expect(r.shortMonths).toEqual([2])
  })

  it('rejects a month other than February with 26 valid days', () => {
    const months = [...FULL]
    months[6] = 26
    expect(annualValidity(yearWith(2026, months), 2026).shortMonths).toEqual([7])
  })

  it('gives the mean of the valid days of a valid year', () => {
    // 31 January days at 11, 334 other days at 10 → (31·11 + 334·10) / 365
    expect(annualMean(yearWith(2026, FULL), 2026).mean).toBeCloseTo((31 * 11 + 334 * 10) / 365, 9) // means are rounded to 12 significant digits (denoise.ts)
  })

  it('gives NaN for the mean of an invalid year', () => {
    expect(annualMean(yearWith(2026, rep12(20)), 2026).mean).toBeNaN()
  })
})

function rep12(x: number): number[] {
  return new Array<number>(12).fill(x)
}
