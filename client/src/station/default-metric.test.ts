import { describe, expect, it } from 'vitest'
import { defaultMetric, pickerMetrics } from './default-metric'

describe('defaultMetric', () => {
  it.each([
    ['air', ['pm10', 'pm25'], undefined, 'pm25'],
    ['air', ['pm25'], 'o3', 'o3'],
    ['air', ['pm25'], 'aqi', 'pm25'],
    ['water', ['ph', 'do'], undefined, 'do'],
    ['energy', ['elec_kwh'], undefined, 'elec_kwh'],
    ['wastewater', [], undefined, 'cod'],
  ] as const)('for %s reporting %j with alert on %s picks %s', (kind, reported, alert, want) => {
    expect(defaultMetric(kind, reported, alert)).toBe(want)
  })
})

describe('pickerMetrics', () => {
  it('lists catalog metrics, optional ones only when reported, then unknown codes', () => {
    expect(pickerMetrics('air', ['pm25', 'temp', 'a99999'])).toEqual(['pm25', 'pm10', 'so2', 'no2', 'co', 'o3', 'temp', 'a99999'])
  })
})
