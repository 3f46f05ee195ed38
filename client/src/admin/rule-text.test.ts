import { describe, expect, it } from 'vitest'
import type { RuleOverride } from '../data/admin-types'
import { translator } from '../i18n/i18n'
import { describeOverride, formatNumber, ruleMetricLabel, formatRuleClear, formatRuleLimit, msToMinutes, overriddenFields, ruleUnit, standardSource, standardValue } from './rule-text'

describe('rule text', () => {
  it.each([
    ['air', 'pm25', 'µg/m³'],
    ['air', 'co', 'mg/m³'],
    ['water', 'ph', ''],
    ['air', 'aqi', ''],
    ['water', 'class', ''],
    ['energy', 'tce', 'tce'],
    ['air', 'silence', 'min'],
    ['water', 'cod', 'mg/L'],
    ['water', 'bod5', 'mg/L'],
  ] as const)('gives %s %s the unit %j', (kind, metric, unit) => {
    expect(ruleUnit(kind, metric)).toBe(unit)
  })

  it.each([
    ['air', 'pm25', 'PM2.5'],
    ['water', 'cod', 'COD'],
    ['water', 'bod5', 'BOD₅'],
    ['energy', 'tce', 'Energy use (tce)'],
    ['air', 'made-up', 'made-up'],
  ] as const)('names %s %s %j', (kind, metric, label) => {
    expect(ruleMetricLabel(kind, metric, 'en', translator('en'))).toBe(label)
  })

  it.each([
    [{ comparison: 'above', limit: 75 }, 'µg/m³', '> 75 µg/m³'],
    [{ comparison: 'below', limit: 5 }, 'mg/L', '< 5 mg/L'],
    [{ comparison: 'outside', low: 6, limit: 9 }, '', '6–9'],
    [{ comparison: 'above', limit: 0.30000000000000004 }, 'mg/L', '> 0.3 mg/L'],
  ] as const)('writes the limit %j', (r, unit, text) => {
    expect(formatRuleLimit(r, unit)).toBe(text)
  })

  it.each([
    [{ comparison: 'above', limit: 100, clear: 90 }, '≤ 90'],
    [{ comparison: 'above', limit: 100 }, '≤ 100'],
    [{ comparison: 'below', limit: 5, clear: 5.5 }, '≥ 5.5'],
    [{ comparison: 'outside', low: 6, limit: 9, clearLow: 6.2, clear: 8.8 }, '6.2–8.8'],
    [{ comparison: 'above', limit: 4, clear: 4 * 0.9 }, '≤ 3.6'],
  ] as const)('writes the clear level %j', (r, text) => {
    expect(formatRuleClear(r, '')).toBe(text)
  })

  it('reads the standard value an override replaced from the source', () => {
    const s = 'GB 3095-2012 Table 1, grade II; limit set per station (rules.json), standard value 75'
    expect(standardValue(s)).toBe('75')
    expect(standardValue('HJ 633-2012')).toBeUndefined()
    expect(standardSource(s)).toBe('GB 3095-2012 Table 1, grade II')
    expect(standardSource('GB 3838-2002; settings adjusted per station (rules.json)')).toBe('GB 3838-2002')
  })

  it('formats numbers and minutes without float noise', () => {
    expect(formatNumber(undefined)).toBe('—')
    expect(formatNumber(12)).toBe('12')
    expect(msToMinutes(90_000)).toBe(1.5)
    expect(msToMinutes(0)).toBe(0)
    expect(msToMinutes(undefined)).toBeUndefined()
  })

  it('lists the overridden fields in the form order', () => {
    expect(overriddenFields({ minCount: 2, limit: 60, enabled: false })).toEqual(['enabled', 'limit', 'minCount'])
    expect(overriddenFields(undefined)).toEqual([])
  })

  it.each<[RuleOverride, string]>([
    [{ limit: 60, severity: 'critical' }, 'Limit 60 µg/m³, Severity Critical'],
    [{ enabled: false }, 'Enabled ✗'],
    [{ minDurationMs: 600_000, minCount: 3 }, 'Min. duration 10 min, Min. count 3'],
    [{ steps: [{ at: 150, severity: 'critical' }] }, 'Severity steps Critical 150'],
  ])('describes the override %j', (o, text) => {
    expect(describeOverride(o, 'µg/m³', translator('en'))).toBe(text)
  })

  it('describes no override as nothing', () => {
    expect(describeOverride(undefined, '', translator('en'))).toBe('')
  })
})
