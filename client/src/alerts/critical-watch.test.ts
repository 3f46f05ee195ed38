import { describe, expect, it } from 'vitest'
import { alert } from '../data/test-fixtures'
import { CriticalWatch } from './critical-watch'

const ids = (xs: { id: string }[]) => xs.map((x) => x.id)

describe('CriticalWatch', () => {
  it('only primes on the first look (no sound for alerts already on screen)', () => {
    const w = new CriticalWatch()
    expect(w.take([alert('a', { severity: 'critical', state: 'open' })])).toEqual([])
  })

  it('reports a newly opened critical alert once', () => {
    const w = new CriticalWatch()
    w.take([])
    const a = alert('a', { severity: 'critical', state: 'open' })
    expect(ids(w.take([a]))).toEqual(['a'])
    expect(w.take([a])).toEqual([])
  })

  it('reports an alert that escalates to critical', () => {
    const w = new CriticalWatch()
    w.take([alert('a', { severity: 'warning', state: 'open' })])
    expect(ids(w.take([alert('a', { severity: 'critical', state: 'open' })]))).toEqual(['a'])
  })

  it.each([
    ['a warning', { severity: 'warning', state: 'open' }],
    ['an acknowledged critical', { severity: 'critical', state: 'acknowledged' }],
    ['a resolved critical', { severity: 'critical', state: 'resolved' }],
    ['a historical critical (late data, already over)', { severity: 'critical', state: 'resolved', historical: true }],
    ['a historical critical even if it claims to be open', { severity: 'critical', state: 'open', historical: true }],
  ] as const)('stays quiet for %s', (_name, extra) => {
    const w = new CriticalWatch()
    w.take([])
    expect(w.take([alert('a', extra)])).toEqual([])
  })

  it('primes again after a reset', () => {
    const w = new CriticalWatch()
    w.take([])
    w.reset()
    expect(w.take([alert('a', { severity: 'critical', state: 'open' })])).toEqual([])
  })
})
