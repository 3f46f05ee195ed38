import { describe, expect, it } from 'vitest'
import { cstDate } from '../../../shared/src/standards/time'
import { currentMonth, monthDays, previousMonth } from './month'

describe('months in CST', () => {
  it('spans the days of a month', () => {
    const d = monthDays('2026-02')!
    expect([cstDate(d.first), cstDate(d.last), d.count]).toEqual(['2026-02-01', '2026-02-28', 28])
    expect(monthDays('2026-13')).toBeUndefined()
  })

  it('finds last month across a year boundary, in CST', () => {
    expect(previousMonth(Date.parse('2026-01-15T00:00:00+08:00'))).toBe('2025-12')
    // 2026-11-30T16:30Z is already 1 December in CST.
    expect(currentMonth(Date.parse('2026-11-30T16:30:00Z'))).toBe('2026-12')
    expect(previousMonth(Date.parse('2026-11-30T16:30:00Z'))).toBe('2026-11')
  })
})
