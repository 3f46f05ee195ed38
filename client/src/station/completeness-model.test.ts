import { describe, expect, it } from 'vitest'
import { dayRows, formatRate, rateClass } from './completeness-model'

const bucket = (from: string, validRate: number | null) => ({
  from,
  expected: 60,
  received: 60,
  valid: 60,
  transmission: validRate,
  validRate,
})

describe('completeness model', () => {
  it.each([
    [1, 'full'],
    [0.9, 'full'],
    [0.89, 'some'],
    [0, 'none'],
    [null, 'na'],
  ] as const)('a rate of %s is %s', (r, c) => {
    expect(rateClass(r)).toBe(c)
  })

  it.each([
    [0.8333, '83.3 %'],
    [0.9999, '99.9 %'],
    [1, '100.0 %'],
    [null, '—'],
  ] as const)('formats %s as %s (never rounded up to a full rate)', (r, s) => {
    expect(formatRate(r)).toBe(s)
  })

  it('lays hours out as CST days of 24', () => {
    const rows = dayRows([
      bucket('2026-03-10T22:00:00+08:00', 1),
      bucket('2026-03-10T23:00:00+08:00', 0.5),
      bucket('2026-03-11T00:00:00+08:00', 0),
    ])
    expect(rows.map((r) => r.day)).toEqual(['2026-03-10', '2026-03-11'])
    expect(rows[0]!.hours[23]!.validRate).toBe(0.5)
    expect(rows[0]!.hours[0]).toBeUndefined()
    expect(rows[1]!.hours[0]!.validRate).toBe(0)
  })
})
