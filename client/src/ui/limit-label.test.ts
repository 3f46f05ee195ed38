import { describe, expect, it } from 'vitest'
import { INSTANT_RULES } from '../../../shared/src/rules/instant-limits'
import { limitLines } from './limit-label'

const rule = (id: string) => INSTANT_RULES.find((r) => r.id === id)!

describe('limitLines', () => {
  it.each([
    ['air.no2.1h', 'µg/m³', 'zh', 'GB 3095-2012 Ⅱ级 1h 200 µg/m³'],
    ['air.no2.1h', 'µg/m³', 'en', 'GB 3095-2012 grade II 1h 200 µg/m³'],
    ['air.pm25.instant', 'µg/m³', 'zh', 'GB 3095-2012 Ⅱ级 24h 75 µg/m³'],
    ['water.nh3n', 'mg/L', 'zh', 'GB 3838-2002 Ⅲ类 1 mg/L'],
    ['wastewater.cod', 'mg/L', 'zh', 'GB 18918-2002 一级A 50 mg/L'],
    ['wastewater.cod', 'mg/L', 'en', 'GB 18918-2002 class 1A 50 mg/L'],
  ] as const)('labels %s (%s, %s)', (id, unit, lang, want) => {
    expect(limitLines(rule(id), unit, lang)).toEqual([{ value: rule(id).limit, label: want, side: 'single' }])
  })

  it('gives two lines for a range rule', () => {
    const lines = limitLines(rule('water.ph'), '', 'zh')
    expect(lines.map((l) => [l.side, l.value, l.label])).toEqual([
      ['upper', 9, 'GB 3838-2002 Ⅲ类 上限 9'],
      ['lower', 6, 'GB 3838-2002 Ⅲ类 下限 6'],
    ])
  })

  it('marks a lower limit', () => {
    expect(limitLines(rule('water.do'), 'mg/L', 'en')[0]!.label).toBe('GB 3838-2002 class III ≥ 5 mg/L')
  })

  it('keeps an unknown source readable', () => {
    expect(limitLines({ id: 'x', window: '1d', comparison: 'above', limit: 3.5, source: 'Local permit 2025' }, 't', 'en')[0]!.label).toBe('Local permit 2025 1d 3.5 t')
  })
})
