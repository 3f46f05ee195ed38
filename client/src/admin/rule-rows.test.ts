import { describe, expect, it } from 'vitest'
import type { Rule } from '../data/admin-types'
import { isOverridden, mergeRuleCatalog, ruleRows, sampleStations } from './rule-rows'

const rule = (id: string, extra: Partial<Rule> = {}): Rule => ({
  id,
  kind: 'air',
  metric: 'pm25',
  window: '24h',
  comparison: 'above',
  limit: 75,
  severity: 'warning',
  source: 'GB 3095-2012',
  title: { zh: id, en: id },
  ...extra,
})
const pm25 = rule('air.pm25.24h')
const no2 = rule('air.no2.1h', { metric: 'no2', window: '1h', limit: 200 })

describe('rules table rows', () => {
  it('lists the effective rules with the station override and the all-station one', () => {
    const rows = ruleRows(
      [pm25, no2],
      { 'DG-AIR-01': { 'air.pm25.24h': { limit: 60 } }, '*': { 'air.pm25.24h': { minCount: 2 } } },
      'DG-AIR-01',
      'air',
    )
    expect(rows).toEqual([
      { id: 'air.pm25.24h', rule: pm25, own: { limit: 60 }, inherited: { minCount: 2 }, state: 'active' },
      { id: 'air.no2.1h', rule: no2, own: undefined, inherited: undefined, state: 'active' },
    ])
  })

  it('keeps a rule the station switched off (the API leaves it out)', () => {
    const rows = ruleRows([pm25], { 'DG-AIR-01': { 'air.no2.1h': { enabled: false } } }, 'DG-AIR-01', 'air')
    expect(rows[1]).toEqual({ id: 'air.no2.1h', own: { enabled: false }, inherited: undefined, state: 'disabled' })
  })

  it('keeps a rule all stations switched off, for this kind only', () => {
    const rows = ruleRows([pm25], { '*': { 'air.no2.1h': { enabled: false }, 'water.tn.1h': { enabled: false } } }, 'DG-AIR-01', 'air')
    expect(rows.map((r) => [r.id, r.state])).toEqual([
      ['air.pm25.24h', 'active'],
      ['air.no2.1h', 'disabled'],
    ])
  })

  it('marks an override of a rule the station does not have', () => {
    expect(ruleRows([pm25], { 'DG-WAT-01': { 'water.tn.1h': { limit: 1 } } }, 'DG-WAT-01', 'water')[1]).toMatchObject({
      id: 'water.tn.1h',
      state: 'absent',
    })
  })

  it('on the all-stations page edits the * entry and inherits nothing', () => {
    const rows = ruleRows(
      [pm25],
      { '*': { 'air.pm25.24h': { minCount: 2 }, 'water.tn.1h': { enabled: false } }, 'DG-AIR-01': { 'air.pm25.24h': { limit: 1 } } },
      '*',
    )
    expect(rows).toEqual([
      { id: 'air.pm25.24h', rule: pm25, own: { minCount: 2 }, inherited: undefined, state: 'active' },
      { id: 'water.tn.1h', own: { enabled: false }, inherited: undefined, state: 'disabled' },
    ])
  })

  it('marks a listed rule that the override switched off (the all-stations catalog keeps it)', () => {
    expect(ruleRows([pm25], { '*': { 'air.pm25.24h': { enabled: false } } }, '*')[0]).toMatchObject({ rule: pm25, state: 'disabled' })
  })

  it('says which rows are overridden', () => {
    expect(isOverridden({ id: 'a', state: 'active', own: { limit: 1 } })).toBe(true)
    expect(isOverridden({ id: 'a', state: 'active', own: {} })).toBe(false)
    expect(isOverridden({ id: 'a', state: 'active', inherited: { limit: 1 } })).toBe(false)
  })
})

describe('rule catalog for all stations', () => {
  it('merges sample stations rules, each id once in first-seen order', () => {
    expect(
      mergeRuleCatalog([
        [pm25, no2],
        [rule('air.no2.1h', { limit: 1 }), rule('water.tn.1h')],
      ]).map((r) => [r.id, r.limit]),
    ).toEqual([
      ['air.pm25.24h', 75],
      ['air.no2.1h', 200],
      ['water.tn.1h', 75],
    ])
  })

  it('samples one station per kind and per water body', () => {
    const stations = [
      { id: 'DG-WAT-02', kind: 'water' as const, waterBody: 'lake' },
      { id: 'DG-AIR-02', kind: 'air' as const },
      { id: 'DG-AIR-01', kind: 'air' as const },
      { id: 'DG-WAT-01', kind: 'water' as const },
      { id: 'DG-WAT-03', kind: 'water' as const, waterBody: 'river' },
    ]
    expect(sampleStations(stations).map((s) => s.id)).toEqual(['DG-AIR-01', 'DG-WAT-01', 'DG-WAT-02'])
  })
})
