import { describe, expect, it } from 'vitest'
import type { Rule } from './rule'
import { applyOverride, overrideFor, parseRuleOverrides } from './standard-overrides'

const rule: Rule = {
  id: 'air.pm25.24h',
  kind: 'air',
  metric: 'pm25',
  window: '24h',
  comparison: 'above',
  limit: 75,
  clear: 67.5,
  severity: 'warning',
  source: 'GB 3095-2012 Table 1, grade II',
  title: { zh: 'x', en: 'x' },
}

describe('parseRuleOverrides', () => {
  it('accepts the documented format', () => {
    const json = {
      '*': { 'air.aqi.1h': { minCount: 2 } },
      'DG-AIR-01': {
        'air.pm25.24h': {
          limit: 60,
          clear: 50,
          severity: 'critical',
          minDurationMs: 3_600_000,
          steps: [{ at: 100, severity: 'critical' }],
        },
        'air.o3.1h': { enabled: false },
      },
    }
    expect(parseRuleOverrides(json)).toEqual(json)
  })

  it.each([
    [[], 'invalid rules: []'],
    [{ S: 3 }, 'invalid rules.S: 3'],
    [{ S: { r: { limit: '60' } } }, 'invalid rules.S.r.limit: "60"'],
    [{ S: { r: { limt: 60 } } }, 'invalid rules.S.r.limt (unknown field): 60'],
    [{ S: { r: { severity: 'high' } } }, 'invalid rules.S.r.severity: "high"'],
    [{ S: { r: { minCount: -1 } } }, 'invalid rules.S.r.minCount (a whole number ≥ 1): -1'],
    [{ S: { r: { minCount: 0 } } }, 'invalid rules.S.r.minCount (a whole number ≥ 1): 0'],
    [{ S: { r: { enabled: 'no' } } }, 'invalid rules.S.r.enabled: "no"'],
    [{ S: { r: { steps: [{ at: 'x' }] } } }, 'invalid rules.S.r.steps[0]: {"at":"x"}'],
  ])('rejects %j naming the field', (json, message) => {
    expect(() => parseRuleOverrides(json)).toThrow(message)
  })
})

describe('overrideFor and applyOverride', () => {
  const o = parseRuleOverrides({ '*': { r: { minCount: 2, limit: 10 } }, S1: { r: { limit: 60 } } })

  it("merges the all-stations entry with the station's own (station wins)", () => {
    expect(overrideFor(o, 'S1', 'r')).toEqual({ minCount: 2, limit: 60 })
    expect(overrideFor(o, 'S2', 'r')).toEqual({ minCount: 2, limit: 10 })
    expect(overrideFor(o, 'S2', 'other')).toBeUndefined()
  })

  it("keeps the clear level's ratio to the limit when only the limit changes", () => {
    expect(applyOverride(rule, { limit: 60 })).toMatchObject({ limit: 60, clear: 54 })
    expect(applyOverride(rule, { limit: 60, clear: 58 })).toMatchObject({ limit: 60, clear: 58 })
  })

  it('says in the source that the limit is a local setting', () => {
    expect(applyOverride(rule, { limit: 60 })?.source).toBe(
      'GB 3095-2012 Table 1, grade II; limit set per station (rules.json), standard value 75',
    )
    expect(applyOverride(rule, { minCount: 3 })?.source).toContain('settings adjusted per station')
    expect(applyOverride(rule, undefined)).toBe(rule)
  })

  it('switches a rule off', () => {
    expect(applyOverride(rule, { enabled: false })).toBeUndefined()
  })
})
