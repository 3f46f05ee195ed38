import { describe, expect, it } from 'vitest'
import { DEFAULT_KGCE_FACTORS, gasFactorFromCalorific, steamFactorFromEnthalpy, toStandardCoal } from './energy-conversion'
import { proratedQuota, quotaCheck } from './quota-proration'

const Y26 = Date.parse('2026-01-01T00:00:00+08:00')
const DAY = 86_400_000

describe('conversion to standard coal (GB/T 2589-2020)', () => {
  it.each([
    ['elec_kwh', 0.1229, false],
    ['gas_m3', 1.2143, true],
    ['coal_t', 714.3, true],
    ['water_m3', 0.0857, true],
  ] as const)('%s defaults to %d kgce per unit (check: %s)', (carrier, factor, check) => {
    expect(DEFAULT_KGCE_FACTORS[carrier]).toMatchObject({ factor, check })
  })

  it('derives the steam default from 2777.1 kJ/kg × 0.03412 kgce/MJ and flags it', () => {
    expect(DEFAULT_KGCE_FACTORS.steam_t.factor).toBeCloseTo(94.7547, 4)
    expect(DEFAULT_KGCE_FACTORS.steam_t.check).toBe(true)
  })

  it('converts 10 000 kWh to 1.229 tce', () => {
    expect(toStandardCoal({ elec_kwh: 10_000 }).tce).toBeCloseTo(1.229, 12)
  })

  it('sums carriers with per-unit factor overrides', () => {
    // 1000 kWh × 0.1229 + 100 m³ × 1.3 (override) = 122.9 + 130 = 252.9 kgce
    const r = toStandardCoal({ elec_kwh: 1000, gas_m3: 100 }, { gas_m3: 1.3 })
    expect(r.kgce).toBeCloseTo(252.9, 9)
    expect(r.byCarrier.gas_m3).toBeCloseTo(130, 9)
  })

  it.each([
    [steamFactorFromEnthalpy(2777.1), 94.7547],
    [gasFactorFromCalorific(35.588), 1.2143],
  ])('derives a factor %d ≈ %d', (got, want) => {
    expect(got).toBeCloseTo(want, 4)
  })
})

describe('quota pro-rating and check', () => {
  it('gives 10 days of a 365 tce annual quota as 10 tce', () => {
    expect(proratedQuota(365, Y26, Y26 + 10 * DAY)).toBeCloseTo(10, 12)
  })

  it('uses each year length across a year boundary', () => {
    // 2024 is a leap year: 1 day of 2024 (366 days) + 1 day of 2025 (365 days), quota 366·365
    const from = Date.parse('2024-12-31T00:00:00+08:00')
    expect(proratedQuota(366 * 365, from, from + 2 * DAY)).toBeCloseTo(365 + 366, 9)
  })

  it('counts partial days by their fraction', () => {
    expect(proratedQuota(365, Y26, Y26 + DAY / 2)).toBeCloseTo(0.5, 12)
  })

  it.each([
    [10, 'within'],
    [10.01, 'over'],
  ] as const)('a unit that used %d tce in 10 days of a 365 tce quota is %s', (used, status) => {
    expect(quotaCheck(used, 365, Y26, Y26 + 10 * DAY).status).toBe(status)
  })
})
