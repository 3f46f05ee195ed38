import { describe, expect, it } from 'vitest'
import { periodDays } from './period-days'
import { compare, judge } from './status'

describe('judge', () => {
  it.each([
    [95, false, 'met'],
    [89, false, 'missed'],
    [95, true, 'met'],
    [91, true, 'at-risk'], // holds by 1 < margin 2
    [92, true, 'met'], // holds by exactly the margin
    [85, true, 'at-risk'],
  ] as const)('%d against >= 90 (in progress: %s) is %s', (value, inProgress, status) => {
    expect(judge(value, 90, '>=', { inProgress, margin: 2 })).toBe(status)
  })

  it.each([
    [9, 'met'],
    [9.6, 'at-risk'],
    [11, 'at-risk'],
  ] as const)('%d against <= 10 with margin 0.5 in progress is %s', (value, status) => {
    expect(judge(value, 10, '<=', { inProgress: true, margin: 0.5 })).toBe(status)
  })

  it('is missed in progress when the target is out of reach', () => {
    expect(judge(95, 90, '>=', { inProgress: true, reachable: false })).toBe('missed')
  })

  it('is met in progress when the target can no longer fail', () => {
    expect(judge(90.5, 90, '>=', { inProgress: true, margin: 2, secure: true })).toBe('met')
  })

  it.each([null, NaN])('is no-data for %s', (value) => {
    expect(judge(value, 90, '>=', { inProgress: false })).toBe('no-data')
  })

  it('compares = with float tolerance', () => {
    expect(compare(0.1 + 0.2, 0.3, '=')).toBe(true)
  })
})

describe('periodDays', () => {
  const from = Date.parse('2026-01-01T00:00:00+08:00')
  const to = Date.parse('2026-01-04T00:00:00+08:00')

  it('counts every day of a closed period', () => {
    expect(periodDays({ period: { from, to } })).toMatchObject({
      completed: ['2026-01-01', '2026-01-02', '2026-01-03'],
      remaining: 0,
      inProgress: false,
    })
  })

  it('counts only completed days in progress (today is not complete)', () => {
    const asOf = Date.parse('2026-01-02T15:00:00+08:00')
    expect(periodDays({ period: { from, to }, asOf })).toMatchObject({ completed: ['2026-01-01'], remaining: 2, inProgress: true })
  })
})
