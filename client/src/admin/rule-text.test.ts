import { describe, expect, it } from 'vitest'
import type { RuleOverride } from '../data/admin-types'
import { translator } from '../i18n/i18n'
import { energyRules } from '../../../shared/src/rules/standard-rules'
import { applyOverride } from '../../../shared/src/rules/standard-overrides'
import {
  describeOverride,
  formatNumber,
  formatRuleFactor,
  ruleFactors,
  ruleMetricLabel,
  formatRuleClear,
  formatRuleLimit,
  msToMinutes,
  overriddenFields,
  ruleUnit,
  standardSource,
  standardValue,
} from './rule-text'

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

  describe("an energy rule's conversion factors and their sources (GB/T 2589-2020)", () => {
    const own = energyRules({
      quotaTce: 365,
      energyBasis: 'equal-value',
      energyFactors: { elec_kwh: { kgce: 0.3, source: 'quota decision 2026 (300 gce/kWh)' } },
    })[0]!
    const overridden = applyOverride(own, { limit: 2 })!

    it.each([
      ['as the server writes it', own.source],
      ['after a per-station limit', overridden.source],
    ])('lists every factor with its source %s', (_what, source) => {
      const f = ruleFactors(source)
      expect(f.map((x) => x.carrier)).toEqual(['elec_kwh', 'gas_m3', 'steam_t', 'water_m3', 'coal_t'])
      expect(f[0]).toEqual({
        carrier: 'elec_kwh',
        name: 'electricity',
        factor: '0.3 kgce/kWh',
        source: 'quota decision 2026 (300 gce/kWh)',
        isDefault: false,
      })
      expect(f[2]).toMatchObject({
        factor: '94.7547 kgce/t',
        isDefault: true,
        source: expect.stringMatching(/^saturated steam 1\.0 MPa\(a\)/),
      })
    })

    it('keeps the basis in the source line and the factors out of it', () => {
      expect(standardSource(own.source)).toBe(
        'annual quota 365 tce pro-rated per CST day (365 d); consumption in tce per GB/T 2589-2020, equal-value basis',
      )
      expect(standardSource(overridden.source)).toBe(standardSource(own.source))
    })

    it.each([
      ['en', 0, 'Electricity 0.3 kgce/kWh · quota decision 2026 (300 gce/kWh)'],
      ['zh', 1, '天然气 1.2143 kgce/m³ · 默认, GB/T 2589-2020 Appendix A, natural gas 1.1000–1.3300, common reference 1.2143'],
    ] as const)('formats a factor in %s', (lang, i, text) => {
      expect(formatRuleFactor(ruleFactors(own.source)[i]!, lang, translator(lang))).toBe(text)
    })

    it('finds none in other rules', () => {
      expect(ruleFactors('GB 3095-2012 Table 1, grade II')).toEqual([])
    })
  })
})
