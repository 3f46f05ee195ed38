/**
 * The alert service's late-data handling with a real alert log in a temp dir and an injected
 * clock: backlogs end on data on time or after the quiet period, held alerts survive a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Reading } from '../../../shared/src/domain/reading'
import type { Station } from '../../../shared/src/domain/station'
import type { AlertTransition } from '../../../shared/src/rules/alert-book'
import type { BacklogSummary } from '../../../shared/src/rules/backlog'
import type { RuleEvaluator } from '../../../shared/src/rules/evaluator'
import type { Rule } from '../../../shared/src/rules/rule'
import { AlertLog } from './alert-log'
import { AlertService } from './alert-service'

const MIN = 60_000
const H = 60 * MIN
const NOW = Date.parse('2026-11-24T20:00:00+08:00')
const station: Station = {
  id: 'S1',
  kind: 'air',
  nameZh: 's',
  nameEn: 's',
  town: 't',
  townEn: 't',
  lon: 113.7,
  lat: 23,
  approx: false,
  intervalSec: 60,
}
const rule: Rule = {
  id: 'air.so2.1h',
  kind: 'air',
  metric: 'so2',
  window: '1h',
  comparison: 'above',
  limit: 500,
  clear: 450,
  severity: 'warning',
  source: 'GB 3095-2012',
  title: { zh: 'SO2', en: 'SO2' },
}
/** Each reading's so2 is observed as is. */
const evaluator: RuleEvaluator = {
  observe: (s, rs) => rs.map((r) => ({ stationId: s.id, kind: s.kind, rule, value: r.values.so2!, ts: r.ts })),
  rulesFor: () => [rule],
}
const reading = (ts: number, so2: number): Reading => ({ stationId: 'S1', kind: 'air', ts, values: { so2 } })

let dir: string
let clock: number
let n: number
const logs: AlertLog[] = []
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'alert-service-'))
  clock = NOW
  n = 0
})
afterEach(() => {
  for (const l of logs.splice(0)) l.close()
  rmSync(dir, { recursive: true, force: true })
})

function service(ev: RuleEvaluator = evaluator) {
  const log = new AlertLog(join(dir, 'alerts.jsonl'))
  logs.push(log)
  const s = new AlertService({
    evaluator: ev,
    log,
    now: () => clock,
    newId: () => `a${++n}-${logs.length}`,
    lateAfterMs: 10 * MIN,
    quietMs: 30_000,
  })
  const transitions: AlertTransition[] = []
  const backlogs: BacklogSummary[] = []
  s.on('transition', (t) => transitions.push(t))
  s.on('backlog', (b) => backlogs.push(b))
  return { s, log, transitions, backlogs, types: () => transitions.map((t) => t.type) }
}

describe('AlertService: late data', () => {
  it('a backlog exceedance that clears is recorded; the backlog ends when data on time arrives', () => {
    const { s, types, backlogs } = service()
    s.onReadings(station, [reading(NOW - 12 * H, 20), reading(NOW - 11 * H, 700), reading(NOW - 10 * H, 20)])
    expect(types()).toEqual(['recorded'])
    expect(backlogs).toEqual([])
    s.onReadings(station, [reading(NOW - 30_000, 20)])
    expect(backlogs).toHaveLength(1)
    expect(backlogs[0]).toMatchObject({
      stationId: 'S1',
      readings: 3,
      dataFrom: NOW - 12 * H,
      dataTo: NOW - 10 * H,
      exceedanceCount: 1,
      ongoing: [],
    })
  })

  it('a backlog still in breach at its end opens a live alert after the quiet period', () => {
    const { s, transitions, backlogs } = service()
    s.onReadings(station, [reading(NOW - 2 * H, 20), reading(NOW - H, 700)])
    expect(transitions).toEqual([])
    clock += 29_000
    s.tick()
    expect(transitions).toEqual([])
    clock += 1000
    s.tick()
    expect(transitions.map((t) => [t.type, t.alert.openedAt, t.alert.detectedAt, t.alert.historical])).toEqual([
      ['opened', NOW - H, NOW + 30_000, false],
    ])
    expect(backlogs[0]).toMatchObject({ exceedanceCount: 0, ongoing: [transitions[0]!.alert.id] })
  })

  it('a held alert survives a restart mid-backlog and is classified after it', () => {
    const first = service()
    first.s.onReadings(station, [reading(NOW - 2 * H, 700)])
    first.log.close()
    logs.splice(logs.indexOf(first.log), 1)
    const second = service()
    expect(second.s.list()).toEqual([])
    second.s.onReadings(station, [reading(NOW - H, 20)])
    expect(second.transitions.map((t) => [t.type, t.alert.openedAt, t.alert.historical])).toEqual([['recorded', NOW - 2 * H, true]])
  })

  it('an old observation (an hour closed late) from a reading on time is live at once, dated by its data', () => {
    const old: RuleEvaluator = {
      observe: (st) => [{ stationId: st.id, kind: st.kind, rule, value: 700, ts: NOW - H }],
      rulesFor: () => [rule],
    }
    const { s, transitions } = service(old)
    s.onReadings(station, [reading(NOW - 30_000, 700)])
    expect(transitions.map((t) => [t.type, t.alert.openedAt, t.alert.detectedAt])).toEqual([['opened', NOW - H, NOW]])
  })

  it('data on time is never held', () => {
    const { s, types } = service()
    s.onReadings(station, [reading(NOW - 5 * MIN, 700)])
    expect(types()).toEqual(['opened'])
  })
})
