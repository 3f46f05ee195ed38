import { describe, expect, it } from 'vitest'
import { deliverAt, quietUntil } from './quiet-hours'

const cst = (s: string) => Date.parse(`${s}+08:00`)
const night = { start: '22:00', end: '07:00' }
const lunch = { start: '12:00', end: '13:30' }

describe('quiet hours (CST)', () => {
  it.each([
    ['before the window', night, '2026-11-24T21:59:59', undefined],
    ['at the start', night, '2026-11-24T22:00:00', '2026-11-25T07:00:00'],
    ['before midnight', night, '2026-11-24T23:30:00', '2026-11-25T07:00:00'],
    ['after midnight', night, '2026-11-25T03:00:00', '2026-11-25T07:00:00'],
    ['at the end (exclusive)', night, '2026-11-25T07:00:00', undefined],
    ['daytime', night, '2026-11-25T10:00:00', undefined],
    ['inside a same-day window', lunch, '2026-11-24T12:45:00', '2026-11-24T13:30:00'],
    ['outside a same-day window', lunch, '2026-11-24T13:30:00', undefined],
  ])('%s', (_n, q, at, until) => {
    expect(quietUntil(cst(at), q)).toBe(until === undefined ? undefined : cst(until))
  })

  it('uses CST whatever the process time zone is (UTC midnight is 08:00 CST)', () => {
    expect(quietUntil(Date.parse('2026-11-24T00:00:00Z'), night)).toBeUndefined()
    expect(quietUntil(Date.parse('2026-11-24T15:00:00Z'), night)).toBe(Date.parse('2026-11-24T23:00:00Z'))
  })

  it.each([
    ['critical goes at once in quiet hours', 'critical', '2026-11-24T23:00:00', '2026-11-24T23:00:00'],
    ['warning waits for the end of quiet hours', 'warning', '2026-11-24T23:00:00', '2026-11-25T07:00:00'],
    ['info waits too', 'info', '2026-11-25T06:59:00', '2026-11-25T07:00:00'],
    ['warning goes at once in the day', 'warning', '2026-11-25T09:00:00', '2026-11-25T09:00:00'],
  ] as const)('%s', (_n, sev, at, expected) => {
    expect(deliverAt(cst(at), sev, night)).toBe(cst(expected))
  })

  it('without quiet hours everything goes at once', () => {
    expect(deliverAt(cst('2026-11-24T23:00:00'), 'info', undefined)).toBe(cst('2026-11-24T23:00:00'))
  })
})
