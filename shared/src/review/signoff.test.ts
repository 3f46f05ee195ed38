import { describe, expect, it } from 'vitest'
import { parseCstDate } from '../standards/time'
import { activeSignoffs, lockOf, periodDays, periodEnded, signoffShare, type SignoffRecord } from './signoff'

const rec = (seq: number, type: SignoffRecord['type'], scope: SignoffRecord['scope'], period: SignoffRecord['period']): SignoffRecord => ({
  seq,
  type,
  scope,
  period,
  by: 'r',
  at: seq,
})
const S1 = { id: 'S1', kind: 'air' as const }
const day = (d: string) => parseCstDate(d)!

describe('sign-off', () => {
  it('spans a month of CST days', () => {
    const s = periodDays({ month: '2026-02' })!
    expect(s.last - s.first + 1).toBe(28)
    expect(periodDays({ month: '2026-13' })).toBeUndefined()
    expect(periodDays({ day: '2026-02-30' })).toBeUndefined()
  })

  it('is undone by a later reopen and redone by a later sign-off', () => {
    const p = { day: '2026-11-24' }
    expect(activeSignoffs([rec(1, 'signoff', { stationId: 'S1' }, p), rec(2, 'reopen', { stationId: 'S1' }, p)])).toEqual([])
    expect(
      activeSignoffs([
        rec(1, 'signoff', { stationId: 'S1' }, p),
        rec(2, 'reopen', { stationId: 'S1' }, p),
        rec(3, 'signoff', { stationId: 'S1' }, p),
      ]),
    ).toHaveLength(1)
  })

  it('locks a range touching a signed-off CST day, of the station or of its kind', () => {
    const t0 = Date.parse('2026-11-24T00:00:00+08:00')
    const byStation = activeSignoffs([rec(1, 'signoff', { stationId: 'S1' }, { day: '2026-11-24' })])
    expect(lockOf(byStation, S1, t0 - 3_600_000, t0)).toBeUndefined()
    expect(lockOf(byStation, S1, t0 - 3_600_000, t0 + 1)?.day).toBe('2026-11-24')
    expect(lockOf(byStation, { id: 'S2', kind: 'air' }, t0, t0 + 1)).toBeUndefined()
    const byKind = activeSignoffs([rec(1, 'signoff', { kind: 'air' }, { month: '2026-11' })])
    expect(lockOf(byKind, { id: 'S2', kind: 'air' }, t0, t0 + 1)?.day).toBe('2026-11-24')
    expect(lockOf(byKind, { id: 'W1', kind: 'water' }, t0, t0 + 1)).toBeUndefined()
  })

  it('counts the signed-off share of station-days: final only when all', () => {
    const s = activeSignoffs([rec(1, 'signoff', { stationId: 'S1' }, { day: '2026-11-24' })])
    expect(signoffShare(s, [S1], day('2026-11-24'), day('2026-11-25'))).toEqual({ finality: 'provisional', signedOffDays: 1, totalDays: 2 })
    expect(signoffShare(s, [S1], day('2026-11-24'), day('2026-11-24')).finality).toBe('final')
    expect(signoffShare(s, [], day('2026-11-24'), day('2026-11-24')).finality).toBe('provisional')
  })

  it('only lets a finished period be signed off', () => {
    expect(periodEnded({ day: '2026-11-24' }, Date.parse('2026-11-24T23:59:59+08:00'))).toBe(false)
    expect(periodEnded({ day: '2026-11-24' }, Date.parse('2026-11-25T00:00:00+08:00'))).toBe(true)
  })
})
