import { describe, expect, it } from 'vitest'
import { energyQuotaCompliance, type UnitDay } from './energy-quota'

const from = Date.parse('2026-01-01T00:00:00+08:00')
const DAY = 86_400_000
const period = { from, to: from + 10 * DAY }

// Hand computation, 10-day period in 2026 (365 days):
// U1 quota 365 tce → allowance 10 tce. Consumption: 40 000 kWh × 0.1229 = 4 916 kgce + 3 000 m³ gas × 1.2143 = 3 642.9
//   → 8 558.9 kgce = 8.5589 tce ≤ 10 → within.
// U2 quota 36.5 tce → allowance 1 tce. 10 t coal × 714.3 = 7 143 kgce = 7.143 tce > 1 → over.
// U3: no quota → excluded. U4: quota, no data → excluded.
// value = 1 within / 2 assessed = 50 %.
const DAYS: UnitDay[] = [
  { stationId: 'U1', day: '2026-01-02', consumption: { elec_kwh: 40_000 } },
  { stationId: 'U1', day: '2026-01-05', consumption: { gas_m3: 3_000 } },
  { stationId: 'U2', day: '2026-01-03', consumption: { coal_t: 10 } },
  { stationId: 'U3', day: '2026-01-03', consumption: { coal_t: 10 } },
]
const UNITS = [{ id: 'U1', quotaTce: 365 }, { id: 'U2', quotaTce: 36.5 }, { id: 'U3' }, { id: 'U4', quotaTce: 100 }]

describe('energyQuotaCompliance', () => {
  it('compares each unit with its pro-rated quota (hand-computed 50 %)', () => {
    const r = energyQuotaCompliance(UNITS, DAYS, { period })
    expect(r.value).toBe(50)
    expect(r.status).toBe('missed')
    expect(r.breakdown?.map((b) => [b.id, +b.value.toFixed(4), +b.target.toFixed(4), b.ok])).toEqual([
      ['U1', 8.5589, 10, true],
      ['U2', 7.143, 1, false],
    ])
  })

  it('lists units without quota or data as excluded', () => {
    expect(energyQuotaCompliance(UNITS, DAYS, { period }).counted.excluded).toEqual([
      { id: 'U3', why: 'no quota configured' },
      { id: 'U4', why: 'no consumption data in the period' },
    ])
  })

  it('applies per-unit factor overrides', () => {
    // U2 coal at 100 kgce/t: 1 000 kgce = 1 tce = allowance → within
    const r = energyQuotaCompliance(UNITS, DAYS, { period, factors: { U2: { coal_t: 100 } } })
    expect(r.value).toBe(100)
  })

  it('is at-risk in progress when a unit is within 5 % of its allowance', () => {
    // after 9 days U1 allowance 9 tce, used 8.5589 > 0.95 × 9 = 8.55 → at-risk
    const r = energyQuotaCompliance([UNITS[0]!], DAYS, { period, asOf: from + 9 * DAY + 3_600_000 })
    expect([r.value, r.status]).toEqual([100, 'at-risk'])
  })

  it('is met in progress with room to spare', () => {
    const r = energyQuotaCompliance([UNITS[0]!], DAYS.slice(0, 1), { period, asOf: from + 9 * DAY })
    expect(r.status).toBe('met')
  })

  // U1 on the equal-value basis at 0.30 kgce/kWh: 40 000 × 0.30 = 12 000 + 3 642.9 gas = 15.6429 tce > 10 → over.
  const EQV = {
    id: 'U1',
    quotaTce: 365,
    energyBasis: 'equal-value' as const,
    energyFactors: { elec_kwh: { kgce: 0.3, source: 'quota decision 2026: 300 gce/kWh' } },
  }

  it.each([
    ['the default factors (equivalent basis)', { id: 'U1', quotaTce: 365 }, 8.5589, true],
    ['its own equal-value electricity factor', EQV, 15.6429, false],
    [
      'its own gas factor from a measured 36 MJ/m³',
      { id: 'U1', quotaTce: 365, energyFactors: { gas_m3: { kgce: 36 * 0.03412, source: 'supplier 2026-01 calorific value' } } },
      4.916 + 3 * 36 * 0.03412,
      true,
    ],
  ] as const)('converts a unit with %s', (_what, unit, tce, ok) => {
    const b = energyQuotaCompliance([unit], DAYS, { period }).breakdown![0]!
    expect([b.value, b.ok]).toEqual([expect.closeTo(tce, 9), ok])
  })

  it("names the default factors with their sources, and each unit's own basis and factors, in the method", () => {
    const m = energyQuotaCompliance([EQV, UNITS[1]!], DAYS, { period }).method
    expect(m).toContain(
      'Defaults: equivalent basis; factors: electricity 0.1229 kgce/kWh (default: GB/T 2589-2020 Appendix A, electricity, equivalent value) · natural gas 1.2143 kgce/m³',
    )
    expect(m).toContain('steam 94.7547 kgce/t (default: saturated steam 1.0 MPa(a), h = 2777.1 kJ/kg × 0.03412 kgce/MJ')
    expect(m).toContain("Units' own settings: U1: equal-value basis, electricity 0.3 kgce/kWh (quota decision 2026: 300 gce/kWh).")
    expect(m).not.toContain('U2:')
  })
})
