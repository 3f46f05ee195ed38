import { describe, expect, it } from 'vitest'
import type { Station, StationKind } from '../../../shared/src/domain/station'
import { standardsEvaluator } from '../../../shared/src/rules/standards-evaluator'
import { limitLines } from './limit-label'

const station = (kind: StationKind): Station => ({
  id: 'X',
  kind,
  nameZh: 'x',
  nameEn: 'x',
  lon: 113.7,
  lat: 23,
  town: 't',
  approx: true,
  intervalSec: 60,
})
const ev = standardsEvaluator()
const rule = (kind: StationKind, id: string) => ev.rulesFor(station(kind)).find((r) => r.id === id)!

describe('limitLines of the standard rules', () => {
  it.each([
    ['air', 'air.no2.1h', 'µg/m³', 'zh', 'GB 3095-2012 Ⅱ级 1h 200 µg/m³'],
    ['air', 'air.no2.1h', 'µg/m³', 'en', 'GB 3095-2012 grade II 1h 200 µg/m³'],
    ['air', 'air.pm25.24h', 'µg/m³', 'zh', 'GB 3095-2012 Ⅱ级 24h 75 µg/m³'],
    ['water', 'water.nh3n.1h', 'mg/L', 'zh', 'GB 3838-2002 Ⅲ类 1h 1 mg/L'],
    ['wastewater', 'wastewater.cod.1d', 'mg/L', 'zh', 'GB 18918-2002 一级A 1d 50 mg/L'],
    ['wastewater', 'wastewater.cod.1d', 'mg/L', 'en', 'GB 18918-2002 class 1A 1d 50 mg/L'],
  ] as const)('labels %s %s (%s, %s)', (kind, id, unit, lang, want) => {
    expect(limitLines(rule(kind, id), unit, lang)).toEqual([{ value: rule(kind, id).limit, label: want, side: 'single' }])
  })

  it('gives two lines for a range rule', () => {
    expect(limitLines(rule('water', 'water.ph.1h'), '', 'zh').map((l) => [l.side, l.value, l.label])).toEqual([
      ['upper', 9, 'GB 3838-2002 1h 上限 9'],
      ['lower', 6, 'GB 3838-2002 1h 下限 6'],
    ])
  })

  it('marks a lower limit', () => {
    expect(limitLines(rule('water', 'water.do.1h'), 'mg/L', 'en')[0]!.label).toBe('GB 3838-2002 class III 1h ≥ 5 mg/L')
  })

  it('keeps an unknown source readable', () => {
    expect(limitLines({ id: 'x', window: '1d', comparison: 'above', limit: 3.5, source: 'Local permit 2025' }, 't', 'en')[0]!.label).toBe(
      'Local permit 2025 1d 3.5 t',
    )
  })
})
