import { describe, expect, it } from 'vitest'
import { alert } from '../data/test-fixtures'
import { DEFAULT_ALERT_FILTER, filterAlerts } from './alert-filter'

const list = [
  alert('a', { state: 'acknowledged', severity: 'critical', openedAt: '2026-11-24T01:00:00Z' }),
  alert('b', { state: 'open', severity: 'warning', openedAt: '2026-11-24T02:00:00Z', kind: 'water', message: 'NH3-N 1.4 > 1.0' }),
  alert('c', { state: 'open', severity: 'critical', openedAt: '2026-11-24T00:00:00Z' }),
  alert('d', { state: 'resolved', severity: 'critical' }),
  alert('e', { state: 'open', severity: 'critical', openedAt: '2026-11-24T03:00:00Z' }),
]
const ids = (xs: { id: string }[]) => xs.map((x) => x.id)
const hay = (a: { message: string }) => a.message

describe('filterAlerts', () => {
  it('shows active alerts in operator order: open first, critical first, newest first', () => {
    expect(ids(filterAlerts(list, DEFAULT_ALERT_FILTER, hay))).toEqual(['e', 'c', 'b', 'a'])
  })

  it.each([
    ['open', ['e', 'c', 'b']],
    ['acknowledged', ['a']],
    ['resolved', ['d']],
    ['all', ['e', 'c', 'b', 'a', 'd']],
  ] as const)('filters by state %s', (state, want) => {
    expect(ids(filterAlerts(list, { ...DEFAULT_ALERT_FILTER, state }, hay))).toEqual(want)
  })

  it('filters by severity and kind', () => {
    expect(ids(filterAlerts(list, { ...DEFAULT_ALERT_FILTER, severity: 'warning' }, hay))).toEqual(['b'])
    expect(ids(filterAlerts(list, { ...DEFAULT_ALERT_FILTER, kind: 'water' }, hay))).toEqual(['b'])
  })

  it('filters live alerts from historical exceedances (late data)', () => {
    const both = [...list, alert('h', { state: 'resolved', historical: true })]
    expect(ids(filterAlerts(both, { ...DEFAULT_ALERT_FILTER, state: 'all', origin: 'historical' }, hay))).toEqual(['h'])
    expect(ids(filterAlerts(both, { ...DEFAULT_ALERT_FILTER, state: 'all', origin: 'live' }, hay))).toEqual(['e', 'c', 'b', 'a', 'd'])
  })

  it('searches the given text case-insensitively', () => {
    expect(ids(filterAlerts(list, { ...DEFAULT_ALERT_FILTER, text: 'nh3-n' }, hay))).toEqual(['b'])
  })
})
