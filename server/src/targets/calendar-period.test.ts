import { describe, expect, it } from 'vitest'
import { resolvePeriod, type PeriodName } from './calendar-period'

const cst = (s: string) => Date.parse(`${s}+08:00`)

describe('resolvePeriod (China Standard Time)', () => {
  it.each([
    ['month', '2026-03-04T10:00:00', '2026-03-01T00:00:00', '2026-04-01T00:00:00'],
    ['month', '2026-12-31T23:59:59', '2026-12-01T00:00:00', '2027-01-01T00:00:00'],
    ['quarter', '2026-05-10T00:00:00', '2026-04-01T00:00:00', '2026-07-01T00:00:00'],
    ['quarter', '2026-12-31T23:00:00', '2026-10-01T00:00:00', '2027-01-01T00:00:00'],
    ['year', '2026-03-04T10:00:00', '2026-01-01T00:00:00', '2027-01-01T00:00:00'],
    ['ytd', '2026-03-04T10:00:00', '2026-01-01T00:00:00', '2026-03-04T00:00:00'],
  ] as [PeriodName, string, string, string][])('%s at %s is [%s, %s)', (name, at, from, to) => {
    expect(resolvePeriod(name, cst(at))).toEqual({ name, from: cst(from), to: cst(to), asOf: cst(at) })
  })

  it('uses the CST calendar, not UTC: 2026-02-28T16:30Z is already March in Dongguan', () => {
    expect(resolvePeriod('month', Date.parse('2026-02-28T16:30:00Z')).from).toBe(cst('2026-03-01T00:00:00'))
  })
})
