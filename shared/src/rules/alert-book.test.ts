import { describe, expect, it } from 'vitest'
import { AlertBook, type Observation } from './alert-book'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'air.o3.1h',
  kind: 'air',
  metric: 'o3',
  window: '1h',
  comparison: 'above',
  limit: 200,
  clear: 180,
  severity: 'warning',
  steps: [{ at: 300, severity: 'critical' }],
  source: 'GB 3095-2012',
  title: { zh: '臭氧', en: 'O3' },
}
const MIN = 60_000
const T0 = Date.parse('2026-11-24T00:00:00Z')

function book() {
  let n = 0
  return new AlertBook(() => `a${++n}`)
}
const obs = (value: number, i: number, r: Rule = rule, stationId = 'S1'): Observation => ({
  stationId,
  kind: 'air',
  rule: r,
  value,
  ts: T0 + i * MIN,
})

/** Feed values one minute apart; return the transition types. */
function feed(b: AlertBook, values: number[], r: Rule = rule, start = 0): string[] {
  return values.flatMap((v, i) => b.observe(obs(v, start + i, r), T0 + (start + i) * MIN).map((t) => `${t.type}@${i}`))
}

describe('AlertBook', () => {
  it('opens one alert on a breach and resolves it when the value clears', () => {
    const b = book()
    expect(feed(b, [150, 210, 220, 170])).toEqual(['opened@1', 'resolved@3'])
    const [a] = b.list()
    expect(a).toMatchObject({ state: 'resolved', value: 170, peak: 220, limit: 200, resolved: { by: 'system', auto: true } })
  })

  it('a value oscillating around the limit opens one alert, not many (hysteresis)', () => {
    const b = book()
    expect(feed(b, [201, 199, 202, 195, 205, 190, 201, 185, 203])).toEqual(['opened@0'])
    expect(b.list()).toHaveLength(1)
  })

  it('resolves only below the clear level, and a later breach opens a new alert', () => {
    const b = book()
    expect(feed(b, [210, 185, 179, 230])).toEqual(['opened@0', 'resolved@2', 'opened@3'])
    expect(b.list()).toHaveLength(2)
  })

  it('escalates severity once when the value passes a step', () => {
    const b = book()
    expect(feed(b, [210, 320, 350, 250])).toEqual(['opened@0', 'escalated@1'])
    expect(b.list()[0]).toMatchObject({ severity: 'critical', peak: 350 })
  })

  it.each([
    [{ minCount: 3 }, [210, 210, 150, 210, 210, 210], ['opened@5']],
    [{ minDurationMs: 10 * MIN }, [210, 210, 210, 210, 210, 210, 210, 210, 210, 210, 210], ['opened@10']],
    [{ minDurationMs: 3 * MIN }, [210, 210, 100, 210, 210, 210], []],
  ])('waits for %j before opening', (extra, values, want) => {
    expect(feed(book(), values, { ...rule, ...extra })).toEqual(want)
  })

  it('ignores redelivered and late observations', () => {
    const b = book()
    expect(feed(b, [210, 170])).toEqual(['opened@0', 'resolved@1'])
    // The breaching observation arrives again (QoS 1 redelivery) and an older one arrives late.
    expect(b.observe(obs(210, 0), T0 + 5 * MIN)).toEqual([])
    expect(b.observe(obs(260, -3), T0 + 5 * MIN)).toEqual([])
    expect(b.list()).toHaveLength(1)
  })

  it('acknowledges with who, when and note, once', () => {
    const b = book()
    feed(b, [210])
    const r = b.acknowledge('a1', 'op1', 'on it', T0 + 2 * MIN)
    expect(r).toMatchObject({
      ok: true,
      transition: { type: 'acknowledged', alert: { state: 'acknowledged', acknowledged: { by: 'op1', at: T0 + 2 * MIN, note: 'on it' } } },
    })
    expect(b.acknowledge('a1', 'op2', undefined, T0 + 3 * MIN)).toMatchObject({ ok: false, code: 'already-acknowledged' })
    expect(b.acknowledge('nope', 'op2', undefined, T0)).toMatchObject({ ok: false, code: 'not-found' })
  })

  it('an acknowledged alert still resolves automatically when cleared', () => {
    const b = book()
    feed(b, [210])
    b.acknowledge('a1', 'op1', undefined, T0)
    expect(feed(b, [150], rule, 1)).toEqual(['resolved@0'])
  })

  it('a manually resolved alert does not re-open until the condition clears once', () => {
    const b = book()
    feed(b, [210])
    expect(b.resolve('a1', 'op1', 'sensor check', T0 + MIN)).toMatchObject({ ok: true })
    expect(feed(b, [220, 230], rule, 1)).toEqual([])
    expect(feed(b, [150, 240], rule, 3)).toEqual(['opened@1'])
  })

  it('keeps one alert per (station, rule)', () => {
    const b = book()
    b.observe(obs(210, 0, rule, 'S1'), T0)
    b.observe(obs(210, 0, rule, 'S2'), T0)
    b.observe(obs(220, 1, rule, 'S1'), T0)
    expect(
      b
        .list()
        .map((a) => a.stationId)
        .sort(),
    ).toEqual(['S1', 'S2'])
  })

  it.each([
    ['below', { comparison: 'below', limit: 5, clear: 5.5 }, [6, 4.5, 5.2, 5.6], ['opened@1', 'resolved@3']],
    [
      'outside',
      { comparison: 'outside', low: 6, limit: 9, clear: 8.8, clearLow: 6.2 },
      [7, 5.9, 6.1, 6.3, 9.1],
      ['opened@1', 'resolved@3', 'opened@4'],
    ],
  ] as const)('supports %s rules', (_n, extra, values, want) => {
    expect(feed(book(), [...values], { ...rule, ...extra })).toEqual(want)
  })

  it('after a restart keeps open alerts and does not re-open resolved ones', () => {
    const before = book()
    feed(before, [210, 170, 230]) // a1 opened+resolved, a2 open
    const persisted = before.list()
    const after = book()
    after.restore(persisted)
    expect(after.list().map((a) => [a.id, a.state])).toEqual(
      expect.arrayContaining([
        ['a1', 'resolved'],
        ['a2', 'open'],
      ]),
    )
    // Redelivery of the old breach that opened a1: no new alert.
    expect(after.observe(obs(210, 0), T0 + 10 * MIN)).toEqual([])
    // The open alert resolves normally.
    expect(after.observe(obs(100, 5), T0 + 10 * MIN).map((t) => [t.type, t.alert.id])).toEqual([['resolved', 'a2']])
  })

  it('after a restart a manual resolve still suppresses re-opening', () => {
    const before = book()
    feed(before, [210])
    before.resolve('a1', 'op', undefined, T0 + MIN)
    const after = book()
    after.restore(before.list())
    expect(after.observe(obs(250, 3), T0 + 4 * MIN)).toEqual([])
  })

  it('ignores non-finite values', () => {
    expect(book().observe(obs(Number.NaN, 0), T0)).toEqual([])
  })

  it('dates an alert by its data: opened and resolved at the observations, detected at processing', () => {
    const b = book()
    const NOW = T0 + 30 * MIN
    b.observe(obs(210, 1), NOW)
    const [t] = b.observe(obs(150, 4), NOW + MIN)
    expect(t!.alert).toMatchObject({ openedAt: T0 + MIN, detectedAt: NOW, historical: false, resolved: { at: T0 + 4 * MIN, auto: true } })
  })
})

describe('AlertBook: late data', () => {
  const H = 3_600_000
  const NOW = T0 + 12 * H

  it('an exceedance opened and cleared by late data is recorded historical, never opened', () => {
    const b = book()
    expect(b.observe(obs(210, 0), NOW, true)).toEqual([])
    expect(b.observe(obs(320, 1), NOW, true)).toEqual([]) // a held alert's severity rises silently
    expect(b.list()).toEqual([])
    const out = b.observe(obs(150, 5), NOW + 1000, true)
    expect(out.map((t) => t.type)).toEqual(['recorded'])
    expect(out[0]!.alert).toMatchObject({
      state: 'resolved',
      historical: true,
      openedAt: T0,
      detectedAt: NOW + 1000,
      severity: 'critical',
      peak: 320,
      resolved: { at: T0 + 5 * MIN, auto: true },
    })
    expect(out[0]!.alert.held).toBeUndefined()
    expect(b.list()).toHaveLength(1)
  })

  it('activeFor gives what list() gives for the station, unresolved, newest first (held and other stations left out)', () => {
    const b = book()
    const r2: Rule = { ...rule, id: 'air.no2.1h', metric: 'no2' }
    b.observe(obs(210, 0, rule, 'S1'), T0) // opens a1 at T0
    b.observe(obs(210, 2, r2, 'S1'), T0 + 2 * MIN) // a2, newer
    b.observe(obs(210, 1, rule, 'S2'), T0 + MIN) // another station
    b.observe(obs(210, 3, rule, 'S3'), T0 + 3 * MIN, true) // held (a backlog)
    b.observe(obs(100, 4, r2, 'S1'), T0 + 4 * MIN) // a2 resolves
    b.observe(obs(210, 5, r2, 'S1'), T0 + 5 * MIN) // a new no2 alert on S1
    for (const id of ['S1', 'S2', 'S3', 'S9'])
      expect(b.activeFor(id)).toEqual(b.list().filter((a) => a.stationId === id && a.state !== 'resolved'))
    expect(b.activeFor('S1').map((a) => a.metric)).toEqual(['no2', 'o3'])
    expect(b.activeFor('S3')).toEqual([])
  })

  it('a held alert is neither listed nor actionable, and drainHeld hands it over once', () => {
    const b = book()
    b.observe(obs(210, 0), NOW, true)
    expect(b.drainHeld().map((a) => [a.id, a.held])).toEqual([['a1', true]])
    expect(b.drainHeld()).toEqual([])
    expect(b.get('a1')).toBeUndefined()
    expect(b.activeFor('S1')).toEqual([])
    expect(b.acknowledge('a1', 'op', undefined, NOW)).toMatchObject({ ok: false, code: 'not-found' })
    expect(b.heldStations()).toEqual(['S1'])
  })

  it('release at the end of the backlog opens what is still going on: openedAt in the past, detectedAt now', () => {
    const b = book()
    b.observe(obs(210, 0), NOW, true)
    const out = b.release('S1', NOW + 60_000)
    expect(out.map((t) => [t.type, t.alert.openedAt, t.alert.detectedAt, t.alert.historical])).toEqual([
      ['opened', T0, NOW + 60_000, false],
    ])
    expect(b.release('S1', NOW + 120_000)).toEqual([])
    expect(b.heldStations()).toEqual([])
    // Live now: it resolves like any live alert, announced.
    expect(b.observe(obs(150, 700), NOW + 2 * 60_000).map((t) => t.type)).toEqual(['resolved'])
  })

  it('an on-time observation of a held alert makes it live first', () => {
    const b = book()
    b.observe(obs(210, 0), NOW, true)
    expect(b.observe(obs(150, 719), NOW).map((t) => [t.type, t.alert.historical])).toEqual([
      ['opened', false],
      ['resolved', false],
    ])
  })

  it('late data clearing a live alert resolves it live (those paged hear it ended)', () => {
    const b = book()
    b.observe(obs(210, 0), T0)
    expect(b.observe(obs(150, 5), NOW, true).map((t) => [t.type, t.alert.historical])).toEqual([['resolved', false]])
  })

  it('a restart mid-backlog keeps held alerts held; old alerts without detectedAt load with defaults', () => {
    const before = book()
    before.observe(obs(210, 0), NOW, true)
    const held = before.drainHeld()
    const { detectedAt: _d, historical: _h, ...old } = { ...held[0]!, id: 'old', held: undefined, rule: 'x', state: 'resolved' as const }
    const after = book()
    after.restore([...held, old])
    expect(after.heldStations()).toEqual(['S1'])
    expect(after.get('old')).toMatchObject({ detectedAt: T0, historical: false })
    expect(after.observe(obs(150, 5), NOW, true).map((t) => t.type)).toEqual(['recorded'])
  })
})
