import { describe, expect, it } from 'vitest'
import { StationStore, isoBefore } from './station-store'
import { manualFrames, station } from './test-fixtures'

const reading = (stationId: string, ts: string, values: Record<string, number>, flags?: Record<string, string>) => ({ stationId, kind: 'air' as const, ts, values, flags })

describe('StationStore', () => {
  it('notifies the dirty set once per frame however many readings arrive', () => {
    const f = manualFrames()
    const store = new StationStore(f.schedule)
    store.load([station('a'), station('b'), station('c')])
    f.frame()
    const calls: string[][] = []
    store.subscribeChanges((d) => calls.push([...d].sort()))
    for (let i = 0; i < 100; i++) store.applyReading(reading(i % 2 ? 'a' : 'b', `2026-11-24T00:00:${String(i % 60).padStart(2, '0')}Z`, { pm25: i }))
    expect(calls).toEqual([])
    expect(f.pending()).toBe(1)
    f.frame()
    expect(calls).toEqual([['a', 'b']])
  })

  it('applies a readings batch as one dirty set in the next frame, unknown stations reported and skipped', () => {
    const f = manualFrames()
    const store = new StationStore(f.schedule)
    store.load([station('a'), station('b'), station('c')])
    f.frame()
    const calls: string[][] = []
    const unknown: string[] = []
    const tapped: number[] = []
    store.subscribeChanges((d) => calls.push([...d].sort()))
    store.onUnknownStation = (id) => unknown.push(id)
    store.tapReadings('b', (e) => tapped.push(e.values.pm25!))
    store.applyReadings([
      reading('a', '2026-11-24T00:00:00Z', { pm25: 1 }),
      reading('zz', '2026-11-24T00:00:00Z', { pm25: 9 }),
      reading('b', '2026-11-24T00:00:00Z', { pm25: 2 }),
    ])
    expect(calls).toEqual([])
    expect(f.pending()).toBe(1)
    f.frame()
    expect(calls).toEqual([['a', 'b']])
    expect(unknown).toEqual(['zz'])
    expect(tapped).toEqual([2])
    expect(store.get('a')?.latest?.values.pm25?.value).toBe(1)
    expect(store.get('c')?.latest).toBeUndefined()
  })

  it('keeps the newest value per metric, whatever the arrival order', () => {
    const f = manualFrames()
    const store = new StationStore(f.schedule)
    store.load([station('a')])
    store.applyReading(reading('a', '2026-11-24T00:01:00Z', { pm25: 30 }, { pm25: 'M' }))
    store.applyReading(reading('a', '2026-11-24T00:00:00Z', { pm25: 10, pm10: 50 }))
    const s = store.get('a')!
    expect(s.latest?.values.pm25).toMatchObject({ value: 30, flag: 'M' })
    expect(s.latest?.values.pm10?.value).toBe(50)
    expect(s.latest?.ts).toBe('2026-11-24T00:01:00Z')
  })

  it('hands every reading to taps synchronously (charts miss none between frames)', () => {
    const f = manualFrames()
    const store = new StationStore(f.schedule)
    store.load([station('a')])
    const seen: number[] = []
    store.tapReadings('a', (e) => seen.push(e.values.pm25!))
    store.applyReading(reading('a', '2026-11-24T00:00:00Z', { pm25: 1 }))
    store.applyReading(reading('a', '2026-11-24T00:00:01Z', { pm25: 2 }))
    expect(seen).toEqual([1, 2])
  })

  it('bumps the list version on status changes but not on readings', () => {
    const f = manualFrames()
    const store = new StationStore(f.schedule)
    store.load([station('a')])
    f.frame()
    const v0 = store.getListVersion()
    store.applyReading(reading('a', '2026-11-24T00:00:00Z', { pm25: 1 }))
    f.frame()
    expect(store.getListVersion()).toBe(v0)
    store.applyStatus({ stationId: 'a', status: 'stale', since: '2026-11-24T00:05:00Z' })
    f.frame()
    expect(store.getListVersion()).toBe(v0 + 1)
    expect(store.get('a')?.status).toBe('stale')
  })

  it('reports a reading from an unknown station', () => {
    const f = manualFrames()
    const store = new StationStore(f.schedule)
    const unknown: string[] = []
    store.onUnknownStation = (id) => unknown.push(id)
    store.applyReading(reading('zz', '2026-11-24T00:00:00Z', { pm25: 1 }))
    expect(unknown).toEqual(['zz'])
  })

  it('marks stations whose alert summary changed', () => {
    const f = manualFrames()
    const store = new StationStore(f.schedule)
    store.load([station('a'), station('b')])
    f.frame()
    const calls: string[][] = []
    store.subscribeChanges((d) => calls.push([...d]))
    store.setAlertSummaries(new Map([['a', { count: 1, worst: 'critical', open: 1 }]]))
    f.frame()
    expect(calls).toEqual([['a']])
    expect(store.get('a')?.activeAlerts).toBe(1)
  })
})

describe('isoBefore', () => {
  it.each([
    ['2026-11-24T00:00:00.000Z', '2026-11-24T00:00:01.000Z', true],
    ['2026-11-24T00:00:01.000Z', '2026-11-24T00:00:00.000Z', false],
    ['2026-11-24T00:00:00.000Z', '2026-11-24T00:00:00.000Z', false],
    ['2026-11-24T08:00:00+08:00', '2026-11-24T00:00:01Z', true],
    ['2026-11-24T00:00:02Z', '2026-11-24T08:00:01+08:00', false],
  ])('%s before %s is %s', (a, b, want) => {
    expect(isoBefore(a, b)).toBe(want)
  })
})
