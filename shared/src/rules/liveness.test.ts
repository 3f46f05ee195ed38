import { describe, expect, it } from 'vitest'
import { Liveness, offlineRule } from './liveness'

const S = { id: 'S1', kind: 'air' as const, intervalSec: 60 }
const T0 = 1_800_000_000_000

describe('Liveness', () => {
  it.each([
    [0, 'online'],
    [180_000, 'online'],
    [180_001, 'stale'],
    [600_000, 'stale'],
    [600_001, 'offline'],
  ])('after %i ms of silence a 60 s station is %s', (silence, want) => {
    const l = new Liveness()
    l.track(S, T0, T0)
    l.tick(T0 + silence)
    expect(l.status('S1')?.status).toBe(want)
  })

  it('a station never seen is offline', () => {
    const l = new Liveness()
    l.track(S, undefined, T0)
    expect(l.status('S1')?.status).toBe('offline')
  })

  it('reports each change once, with its time', () => {
    const l = new Liveness()
    l.track(S, T0, T0)
    expect(l.tick(T0 + 200_000).changes).toEqual([{ stationId: 'S1', status: 'stale', since: T0 + 200_000 }])
    expect(l.tick(T0 + 210_000).changes).toEqual([])
    expect(l.seen('S1', T0 + 220_000)).toEqual({ stationId: 'S1', status: 'online', since: T0 + 220_000 })
  })

  it('a station announcing offline (its will) goes offline at once', () => {
    const l = new Liveness()
    l.track(S, T0, T0)
    expect(l.announced('S1', 'offline', T0 + 1000)).toMatchObject({ status: 'offline' })
    expect(l.seen('S1', T0 + 2000)).toMatchObject({ status: 'online' })
  })

  it('emits an offline-rule observation of minutes of silence per seen station', () => {
    const l = new Liveness()
    l.track(S, T0, T0)
    l.track({ ...S, id: 'S2' }, undefined, T0)
    const { observations } = l.tick(T0 + 30 * 60_000)
    expect(observations.map((o) => [o.stationId, o.value, o.rule.limit])).toEqual([['S1', 30, 10]])
  })

  it('the offline rule uses the station interval in explicit units', () => {
    expect(offlineRule('water', 300)).toMatchObject({ metric: 'silence', limit: 50, clear: 15, comparison: 'above' })
  })
})
