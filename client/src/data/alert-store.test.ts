import { describe, expect, it } from 'vitest'
import { AlertStore, MAX_RESOLVED, summarizeAlerts } from './alert-store'
import { alert, manualFrames } from './test-fixtures'

describe('AlertStore', () => {
  it('merges socket events by id', () => {
    const f = manualFrames()
    const store = new AlertStore(f.schedule)
    store.merge([alert('1')])
    store.merge([alert('1', { state: 'acknowledged', updatedAt: '2026-11-24T00:01:00.000Z' })])
    f.frame()
    expect(store.list()).toHaveLength(1)
    expect(store.get('1')?.state).toBe('acknowledged')
  })

  it('ignores an event older than what it holds', () => {
    const f = manualFrames()
    const store = new AlertStore(f.schedule)
    store.merge([alert('1', { state: 'resolved', updatedAt: '2026-11-24T00:02:00.000Z' })])
    store.merge([alert('1', { state: 'open', updatedAt: '2026-11-24T00:01:00.000Z' })])
    expect(store.get('1')?.state).toBe('resolved')
  })

  it('drops active alerts missing from a fresh active list (resolved while disconnected)', () => {
    const f = manualFrames()
    const store = new AlertStore(f.schedule)
    store.merge([alert('1'), alert('2'), alert('3', { state: 'resolved' })])
    store.resetActive([alert('2')])
    f.frame()
    expect(store.list().map((a) => a.id).sort()).toEqual(['2', '3'])
    expect(store.loaded).toBe(true)
  })

  it('keeps only the newest resolved alerts, and every active one', () => {
    const f = manualFrames()
    const store = new AlertStore(f.schedule)
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString()
    store.merge(Array.from({ length: MAX_RESOLVED + 10 }, (_, i) => alert(`r${i}`, { state: 'resolved', updatedAt: at(i) })))
    store.merge([alert('open-old', { updatedAt: at(-1) })])
    f.frame()
    expect(store.list().filter((a) => a.state === 'resolved')).toHaveLength(MAX_RESOLVED)
    expect(store.get('r0')).toBeUndefined()
    expect(store.get(`r${MAX_RESOLVED + 9}`)).toBeDefined()
    expect(store.get('open-old')).toBeDefined()
  })

  it('notifies once per frame', () => {
    const f = manualFrames()
    const store = new AlertStore(f.schedule)
    let n = 0
    store.subscribe(() => n++)
    for (let i = 0; i < 10; i++) store.merge([alert(String(i))])
    f.frame()
    expect(n).toBe(1)
  })
})

describe('summarizeAlerts', () => {
  it('counts active alerts per station with the worst severity and how many are unacknowledged', () => {
    const m = summarizeAlerts([
      alert('1', { stationId: 'a', severity: 'warning' }),
      alert('2', { stationId: 'a', severity: 'critical', state: 'acknowledged' }),
      alert('3', { stationId: 'b', state: 'resolved', severity: 'critical' }),
    ])
    expect(m.get('a')).toEqual({ count: 2, worst: 'critical', open: 1 })
    expect(m.has('b')).toBe(false)
  })
})
