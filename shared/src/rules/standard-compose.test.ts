import { describe, expect, it } from 'vitest'
import { instantEvaluator, type RuleEvaluator } from './evaluator'
import type { Rule } from './rule'
import { liveEvaluator, supersededByStandards } from './standard-compose'
import { T0, stationOf } from './standard-test-helpers'
import { standardsEvaluator } from './standards-evaluator'
import { INSTANT_RULES } from './instant-limits'

const air = stationOf('air')

describe('liveEvaluator: one alert per condition', () => {
  it('every current instant rule is superseded by a standards rule on the same metric', () => {
    expect(INSTANT_RULES.filter((r) => !supersededByStandards(r)).map((r) => r.id)).toEqual([])
  })

  it('an O3 reading above 200 gives exactly one air.o3.1h observation', () => {
    const ev = liveEvaluator(standardsEvaluator())
    const obs = ev.observe(air, [{ stationId: air.id, kind: 'air', ts: T0, values: { o3: 260, pm25: 90 } }])
    expect(obs.map((o) => [o.rule.id, o.value, o.rule.window])).toEqual([['air.o3.1h', 260, '1h']])
  })

  it('lists each rule id once', () => {
    const ids = liveEvaluator(standardsEvaluator()).rulesFor(air).map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).not.toContain('air.pm25.instant')
  })

  it('keeps instant rules on metrics the standards engine does not watch', () => {
    const temp: Rule = { id: 'air.temp.instant', kind: 'air', metric: 'temp', window: 'instant', comparison: 'above', limit: 40, severity: 'info', source: 'local', title: { zh: '高温', en: 'Hot' } }
    const instant: RuleEvaluator = {
      rulesFor: () => [temp, ...instantEvaluator().rulesFor(air)],
      observe: (s, rs) => [...rs.flatMap((r) => (r.values.temp !== undefined ? [{ stationId: s.id, kind: s.kind, rule: temp, value: r.values.temp, ts: r.ts }] : [])), ...instantEvaluator().observe(s, rs)],
    }
    const obs = liveEvaluator(standardsEvaluator(), instant).observe(air, [{ stationId: air.id, kind: 'air', ts: T0, values: { temp: 41, o3: 260 } }])
    expect(obs.map((o) => o.rule.id).sort()).toEqual(['air.o3.1h', 'air.temp.instant'])
  })
})
