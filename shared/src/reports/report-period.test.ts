import { describe, expect, it } from 'vitest'
import { lastCompleted, parseReportPeriod, periodProblem, previousPeriod, yearBefore } from './report-period'

const at = (iso: string) => Date.parse(iso)

describe('report periods', () => {
  it.each([
    ['2026-03-04', 'day', 1],
    ['2026-02', 'month', 28],
    ['2024-02', 'month', 29],
    ['2025', 'year', 365],
  ] as const)('%s is a %s of %i day(s)', (text, grain, days) => {
    const p = parseReportPeriod(text)!
    expect(p.grain).toBe(grain)
    expect(p.last - p.first + 1).toBe(days)
  })

  it('starts a period at 00:00 CST', () => {
    expect(parseReportPeriod('2026-03')!.from).toBe(at('2026-03-01T00:00:00+08:00'))
    expect(parseReportPeriod('2026-03')!.to).toBe(at('2026-04-01T00:00:00+08:00'))
  })

  it.each(['2026-13', '2026-02-30', '26-01', '2026-1', 'x'])('refuses %s', (text) => {
    expect(parseReportPeriod(text)).toBeUndefined()
  })

  it('finds the month before, the year before and across January', () => {
    expect(previousPeriod(parseReportPeriod('2026-01')!).text).toBe('2025-12')
    expect(yearBefore(parseReportPeriod('2026-03')!).text).toBe('2025-03')
    expect(previousPeriod(parseReportPeriod('2026-03-01')!).text).toBe('2026-02-28')
    expect(yearBefore(parseReportPeriod('2024-02-29')!).text).toBe('2023-02-28')
  })

  it('names the last completed day, month and year in CST', () => {
    const now = at('2026-01-01T00:30:00+08:00') // 2025-12-31T16:30Z
    expect(lastCompleted('day', now).text).toBe('2025-12-31')
    expect(lastCompleted('month', now).text).toBe('2025-12')
    expect(lastCompleted('year', now).text).toBe('2025')
  })

  it('says why a period does not fit a kind or is not over', () => {
    const now = at('2026-03-05T10:00:00+08:00')
    expect(periodProblem('monthly', '2026-02', now)).toBeUndefined()
    expect(periodProblem('monthly', '2026-02-01', now)).toMatch(/takes a month period/)
    expect(periodProblem('daily-air', '2026-03-05', now)).toMatch(/not over yet/)
    expect(periodProblem('targets', '2025', now)).toBeUndefined()
    expect(periodProblem('annual', 'soon', now)).toMatch(/invalid period/)
  })
})
