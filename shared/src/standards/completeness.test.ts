import { describe, expect, it } from 'vitest'
import type { DataFlag } from '../domain/reading'
import {
  bucketOf,
  expectedMetrics,
  expectedSlots,
  missingHours,
  nextBucket,
  stationCompleteness,
  tallyPoints,
  type CountPoint,
} from './completeness'

const MIN = 60_000
const T = (s: string) => Date.parse(`${s}+08:00`)

/**
 * Hand-counted fixture 1: a one-minute air station, 10:00–11:00 CST. Minutes 10:15–10:24 missing
 * (10 of 60) for every metric; pm25 flagged D at 10:30–10:34 (5), so2 flagged C at 10:40–10:42 (3).
 * Per metric: expected 60, received 50; valid pm25 45, so2 47, the other four 50.
 * Station (6 metrics): expected 360, received 300, valid 292.
 */
function airHour(): CountPoint[] {
  const out: CountPoint[] = []
  for (let i = 0; i < 60; i++) {
    if (i >= 15 && i < 25) continue
    const ts = T('2026-03-10T10:00:00') + i * MIN
    for (const metric of expectedMetrics('air')) {
      let flag: DataFlag = 'N'
      if (metric === 'pm25' && i >= 30 && i < 35) flag = 'D'
      if (metric === 'so2' && i >= 40 && i < 43) flag = 'C'
      out.push({ stationId: 'AIR1', metric, ts, flag })
    }
  }
  return out
}

/**
 * Hand-counted fixture 2: a five-minute water station, 2026-03-10 CST. 03:00–04:00 missing (12),
 * 14:00–14:30 missing (6), ph flagged M at 09:00–09:15 (4 readings), S (manual, valid) at 09:20.
 * Per metric: expected 288, received 270; valid 270, ph 266. Station (9 metrics): expected 2592,
 * received 2430, valid 2426.
 */
function waterDay(): CountPoint[] {
  const out: CountPoint[] = []
  const day = T('2026-03-10T00:00:00')
  for (let i = 0; i < 288; i++) {
    const ts = day + i * 5 * MIN
    const h = Math.floor(i / 12)
    const k = i % 12
    if (h === 3 || (h === 14 && k < 6)) continue
    for (const metric of expectedMetrics('water')) {
      const flag: DataFlag = metric === 'ph' && h === 9 && k < 4 ? 'M' : metric === 'ph' && h === 9 && k === 4 ? 'S' : 'N'
      out.push({ stationId: 'W1', metric, ts, flag })
    }
  }
  return out
}

describe('buckets and slots', () => {
  it.each([
    ['2026-03-10T10:59:59', '1h', '2026-03-10T10:00:00'],
    ['2026-03-10T07:59:00', '1d', '2026-03-10T00:00:00'],
    ['2026-03-01T00:00:00', '1M', '2026-03-01T00:00:00'],
    ['2026-02-28T23:59:00', '1M', '2026-02-01T00:00:00'],
  ] as const)('%s falls in the %s bucket starting %s CST', (t, every, start) => {
    expect(bucketOf(T(t), every)).toBe(T(start))
  })

  it('a month bucket ends at the next month in CST', () => {
    expect(nextBucket(T('2026-12-01T00:00:00'), '1M')).toBe(T('2027-01-01T00:00:00'))
  })

  it.each([
    [60, 60],
    [300, 12],
    [3600, 1],
  ])('an hour expects 3600 / %i s = %i slots', (iv, n) => {
    expect(expectedSlots(T('2026-03-10T10:00:00'), T('2026-03-10T11:00:00'), iv)).toBe(n)
  })

  it('only slots that are over are expected', () => {
    expect(expectedSlots(T('2026-03-10T10:00:00'), T('2026-03-10T10:30:30'), 60)).toBe(30)
  })
})

describe('hand-counted fixtures', () => {
  it('a one-minute station with missing minutes and invalid flags', () => {
    const counts = tallyPoints(airHour(), '1h')
    const c = stationCompleteness({ id: 'AIR1', kind: 'air', intervalSec: 60 }, counts, {
      from: T('2026-03-10T10:00:00'),
      to: T('2026-03-10T11:00:00'),
      every: '1h',
      now: T('2026-03-11T00:00:00'),
    })
    expect(c.buckets).toHaveLength(1)
    const b = c.buckets[0]!
    expect([b.expected, b.received, b.valid]).toEqual([360, 300, 292])
    expect(b.transmission).toBeCloseTo(300 / 360, 12)
    expect(b.validRate).toBeCloseTo(292 / 360, 12)
    expect(b.metrics.pm25).toMatchObject({ expected: 60, received: 50, valid: 45 })
    expect(b.metrics.so2).toMatchObject({ expected: 60, received: 50, valid: 47 })
    expect(b.metrics.o3).toMatchObject({ expected: 60, received: 50, valid: 50 })
    expect(c.total).toMatchObject({ expected: 360, received: 300, valid: 292 })
  })

  it('a five-minute station over a day, hourly and daily', () => {
    const pts = waterDay()
    const opts = { from: T('2026-03-10T00:00:00'), to: T('2026-03-11T00:00:00'), now: T('2026-03-12T00:00:00') }
    const st = { id: 'W1', kind: 'water' as const, intervalSec: 300 }
    const daily = stationCompleteness(st, tallyPoints(pts, '1d'), { ...opts, every: '1d' })
    expect(daily.buckets).toHaveLength(1)
    expect(daily.buckets[0]).toMatchObject({ expected: 2592, received: 2430, valid: 2426 })
    expect(daily.buckets[0]!.metrics.ph).toMatchObject({ expected: 288, received: 270, valid: 266 })
    const hourly = stationCompleteness(st, tallyPoints(pts, '1h'), { ...opts, every: '1h' })
    expect(hourly.buckets).toHaveLength(24)
    expect(hourly.buckets[3]).toMatchObject({ expected: 108, received: 0, transmission: 0 })
    expect(hourly.buckets[14]).toMatchObject({ expected: 108, received: 54, transmission: 0.5 })
    expect(hourly.buckets[9]!.metrics.ph).toMatchObject({ received: 12, valid: 8 })
    expect(hourly.total).toMatchObject({ expected: 2592, received: 2430, valid: 2426 })
  })

  it('a month bucket sums its days', () => {
    const c = stationCompleteness({ id: 'W1', kind: 'water', intervalSec: 300 }, tallyPoints(waterDay(), '1d'), {
      from: T('2026-03-10T00:00:00'),
      to: T('2026-03-11T00:00:00'),
      every: '1M',
      now: T('2026-04-01T00:00:00'),
    })
    expect(c.buckets).toHaveLength(1)
    expect(c.buckets[0]).toMatchObject({ from: T('2026-03-01T00:00:00'), expected: 2592, received: 2430 })
  })
})

describe('what is expected', () => {
  const st = { id: 'AIR1', kind: 'air' as const, intervalSec: 60 }

  it('the current hour expects only its elapsed slots', () => {
    const pts = airHour().filter((p) => p.ts < T('2026-03-10T10:30:00'))
    const c = stationCompleteness(st, tallyPoints(pts, '1h'), {
      from: T('2026-03-10T10:00:00'),
      to: T('2026-03-10T11:00:00'),
      every: '1h',
      now: T('2026-03-10T10:30:20'),
    })
    // 30 slots over (10:00..10:29), 20 received (10:15..10:24 missing).
    expect(c.buckets[0]!.metrics.o3).toMatchObject({ expected: 30, received: 20 })
  })

  it('a station is counted from its first data, not from the start of the range', () => {
    const c = stationCompleteness(st, tallyPoints(airHour(), '1d'), {
      from: T('2026-03-01T00:00:00'),
      to: T('2026-03-11T00:00:00'),
      every: '1d',
      now: T('2026-03-12T00:00:00'),
      firstSeen: T('2026-03-10T10:00:00'),
    })
    expect(c.countedFrom).toBe(T('2026-03-10T10:00:00'))
    expect(c.buckets.slice(0, 9).every((b) => b.expected === 0 && b.transmission === null)).toBe(true)
    // 10:00 to midnight: 840 minutes per metric.
    expect(c.buckets[9]!.metrics.pm25).toMatchObject({ expected: 840, received: 50 })
  })

  it('readings beyond the interval never make a rate pass 100 %', () => {
    const pts: CountPoint[] = []
    for (let i = 0; i < 120; i++) pts.push({ stationId: 'AIR1', metric: 'pm25', ts: T('2026-03-10T10:00:00') + i * 30_000 })
    const c = stationCompleteness(st, tallyPoints(pts, '1h'), {
      from: T('2026-03-10T10:00:00'),
      to: T('2026-03-10T11:00:00'),
      every: '1h',
      now: T('2026-03-11T00:00:00'),
    })
    expect(c.buckets[0]!.metrics.pm25).toMatchObject({ expected: 60, received: 60, transmission: 1 })
  })

  it('a metric outside the kind is shown but not counted in the station figure', () => {
    const pts = [...airHour(), { stationId: 'AIR1', metric: 'temp', ts: T('2026-03-10T10:00:00') }]
    const c = stationCompleteness(st, tallyPoints(pts, '1h'), {
      from: T('2026-03-10T10:00:00'),
      to: T('2026-03-10T11:00:00'),
      every: '1h',
      now: T('2026-03-11T00:00:00'),
    })
    expect(c.buckets[0]!.metrics.temp).toMatchObject({ expected: 60, received: 1 })
    expect(c.buckets[0]!.expected).toBe(360)
  })
})

describe('reviewer-invalidated ranges', () => {
  it('take valid readings out of the valid count, not out of the received', () => {
    const ranges = [
      { stationId: 'AIR1', metric: 'o3', from: T('2026-03-10T10:50:00'), to: T('2026-03-10T11:00:00') },
      { stationId: 'AIR1', from: T('2026-03-10T10:00:00'), to: T('2026-03-10T10:02:00') },
      { stationId: 'OTHER', from: 0, to: Infinity },
    ]
    const [pm25] = tallyPoints(airHour(), '1h', ranges).filter((c) => c.metric === 'pm25')
    const [o3] = tallyPoints(airHour(), '1h', ranges).filter((c) => c.metric === 'o3')
    expect(pm25).toMatchObject({ received: 50, valid: 43 })
    expect(o3).toMatchObject({ received: 50, valid: 38 })
  })
})

describe('missingHours', () => {
  it('lists the closed hours with missing or partial data', () => {
    const st = { id: 'W1', kind: 'water' as const, intervalSec: 300 }
    const h = missingHours(st, tallyPoints(waterDay(), '1h'), {
      from: T('2026-03-10T00:00:00'),
      to: T('2026-03-11T00:00:00'),
      now: T('2026-03-10T15:10:00'),
      firstSeen: T('2026-03-10T00:00:00'),
    })
    expect(h).toEqual([
      { from: T('2026-03-10T03:00:00'), to: T('2026-03-10T04:00:00'), expected: 12, received: 0, state: 'missing' },
      { from: T('2026-03-10T14:00:00'), to: T('2026-03-10T15:00:00'), expected: 12, received: 6, state: 'partial' },
    ])
  })

  it('an hour with one metric short is partial', () => {
    const pts = airHour().filter((p) => !(p.metric === 'co' && p.ts === T('2026-03-10T10:59:00')))
    const st = { id: 'AIR1', kind: 'air' as const, intervalSec: 60 }
    const all = tallyPoints(pts, '1h')
    const h = missingHours(st, all, { from: T('2026-03-10T10:00:00'), to: T('2026-03-10T11:00:00'), now: T('2026-03-10T12:00:00') })
    expect(h[0]).toMatchObject({ received: 49, state: 'partial' })
  })
})

describe('totalOnly', () => {
  it('the same totals as the full computation, without the buckets', () => {
    const over: CountPoint[] = []
    for (let i = 0; i < 120; i++) over.push({ stationId: 'W1', metric: 'ph', ts: T('2026-03-10T10:00:00') + i * 30_000, flag: 'N' })
    const cases = [
      { st: { id: 'AIR1', kind: 'air' as const, intervalSec: 60 }, pts: airHour(), every: '1h' as const },
      { st: { id: 'W1', kind: 'water' as const, intervalSec: 300 }, pts: [...waterDay(), ...over], every: '1h' as const },
      { st: { id: 'W1', kind: 'water' as const, intervalSec: 300 }, pts: waterDay(), every: '1d' as const },
    ]
    for (const { st, pts, every } of cases) {
      const opts = { from: T('2026-03-10T00:00:00'), to: T('2026-03-11T00:00:00'), every, now: T('2026-03-10T18:30:00') }
      const counts = tallyPoints(pts, every)
      const full = stationCompleteness(st, counts, opts)
      const total = stationCompleteness(st, counts, { ...opts, totalOnly: true })
      expect(full.buckets.length).toBeGreaterThan(0)
      expect(total.buckets).toEqual([])
      expect(total.total).toEqual(full.total)
      expect(total.total.expected).toBeGreaterThan(0)
    }
  })
})
