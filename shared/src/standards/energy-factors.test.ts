import { describe, expect, it } from 'vitest'
import type { Station } from '../domain/station'
import { toStandardCoal } from './energy-conversion'
import { checkEnergySettings, describeConversion, kgceFactors, unitConversion } from './energy-factors'

const EQUAL_VALUE: Pick<Station, 'energyBasis' | 'energyFactors'> = {
  energyBasis: 'equal-value',
  energyFactors: { elec_kwh: { kgce: 0.3, source: '2025 national supply coal consumption 300 gce/kWh (CEC)' } },
}
const OWN_STEAM: Pick<Station, 'energyFactors'> = {
  energyFactors: { steam_t: { kgce: 128.6, source: 'supplier contract, low-pressure steam' } },
}

// Hand computation: 10 000 kWh, 100 m³ gas, 20 t steam, 1 000 m³ water, 2 t coal.
//   defaults: 1 229 + 121.43 + 1 895.0 (20 × 2777.1 × 0.03412 = 1 895.0) + 85.7 + 1 428.6 = 4 759.7 kgce
//   equal-value electricity 0.30: 3 000 instead of 1 229 → 6 530.7 kgce
//   own steam 128.6: 2 572 instead of 1 895.0 → 5 436.7 kgce
const USE = { elec_kwh: 10_000, gas_m3: 100, steam_t: 20, water_m3: 1_000, coal_t: 2 }
const steamDefault = 20 * 2777.1 * 0.03412

describe('a unit converts with its own factors, else the defaults (GB/T 2589-2020)', () => {
  it.each([
    ['defaults (equivalent basis)', {}, 1229 + 121.43 + steamDefault + 85.7 + 1428.6],
    ['equal-value electricity 0.30 kgce/kWh', EQUAL_VALUE, 3000 + 121.43 + steamDefault + 85.7 + 1428.6],
    ['its own steam factor 128.6 kgce/t', OWN_STEAM, 1229 + 121.43 + 2572 + 85.7 + 1428.6],
  ] as const)('%s', (_what, unit, kgce) => {
    expect(toStandardCoal(USE, kgceFactors(unitConversion(unit))).kgce).toBeCloseTo(kgce, 6)
  })

  it('the equal-value basis gives the larger tce for the same electricity', () => {
    const tce = (u: Pick<Station, 'energyBasis' | 'energyFactors'>) =>
      toStandardCoal({ elec_kwh: 10_000 }, kgceFactors(unitConversion(u))).tce
    expect([tce({}), tce(EQUAL_VALUE)]).toEqual([1.229, 3])
    expect(tce(EQUAL_VALUE)).toBeGreaterThan(tce({}))
  })

  it("says for each carrier whether the factor is the unit's own and where it comes from", () => {
    const c = unitConversion(EQUAL_VALUE)
    expect(c.basis).toBe('equal-value')
    expect(c.factors.elec_kwh).toEqual({
      carrier: 'elec_kwh',
      kgce: 0.3,
      unit: 'kgce/kWh',
      source: '2025 national supply coal consumption 300 gce/kWh (CEC)',
      own: true,
    })
    expect(c.factors.gas_m3).toMatchObject({
      kgce: 1.2143,
      own: false,
      source: expect.stringMatching(/^default: GB\/T 2589-2020 Appendix A/),
    })
  })

  it('describes the basis and every factor with its source', () => {
    expect(describeConversion(unitConversion(EQUAL_VALUE), ['elec_kwh', 'water_m3'])).toBe(
      'equal-value basis; factors: electricity 0.3 kgce/kWh (2025 national supply coal consumption 300 gce/kWh (CEC)) · fresh water 0.0857 kgce/m³ (default: GB/T 2589 Appendix B, fresh water 0.0857 kgce/t, 1 t/m³)',
    )
  })

  it('keeps its own separators out of a free-text source', () => {
    const c = unitConversion({ energyFactors: { coal_t: { kgce: 700, source: 'lab report 2025-3; batch · 7' } } })
    expect(describeConversion(c, ['coal_t'])).toBe('equivalent basis; factors: raw coal 700 kgce/t (lab report 2025-3, batch , 7)')
  })
})

describe('checkEnergySettings refuses what cannot be a factor, naming the field', () => {
  const energy = (s: Partial<Station>) => ({ kind: 'energy' as const, ...s })
  const f = (kgce: number, source = 'meter certificate') => ({ kgce, source })
  it.each([
    [
      'a negative factor',
      energy({ energyFactors: { gas_m3: f(-1.2) } }),
      /energyFactors\.gas_m3\.kgce: -1\.2 kgce\/m³ is outside the plausible 0\.8–1\.6/,
    ],
    ['NaN', energy({ energyFactors: { coal_t: f(Number.NaN) } }), /energyFactors\.coal_t\.kgce: NaN \(a number of kgce\/t is needed\)/],
    [
      'a string',
      energy({ energyFactors: { coal_t: { kgce: '714' as unknown as number, source: 'x' } } }),
      /energyFactors\.coal_t\.kgce: 714 \(a number/,
    ],
    [
      'an absurd steam factor (MJ/t typed as kgce/t)',
      energy({ energyFactors: { steam_t: f(2777) } }),
      /steam_t\.kgce: 2777 kgce\/t is outside the plausible 60–200/,
    ],
    ['a water factor 1000× off', energy({ energyFactors: { water_m3: f(85.7) } }), /water_m3\.kgce: 85\.7/],
    [
      'an equal-value factor on the equivalent basis',
      energy({ energyFactors: { elec_kwh: f(0.3) } }),
      /0\.3 kgce\/kWh is an equal-value factor; on the equivalent basis electricity is 0\.1229/,
    ],
    [
      'an equivalent factor on the equal-value basis',
      energy({ energyBasis: 'equal-value', energyFactors: { elec_kwh: f(0.1229) } }),
      /elec_kwh\.kgce: 0\.1229 kgce\/kWh is outside the plausible 0\.2–0\.5 kgce\/kWh on the equal-value basis/,
    ],
    [
      'the equal-value basis without its electricity factor',
      energy({ energyBasis: 'equal-value' }),
      /equal-value needs energyFactors\.elec_kwh/,
    ],
    ['a factor without a source', energy({ energyFactors: { gas_m3: f(1.2, '  ') } }), /gas_m3\.source: say where the factor comes from/],
    ['a source with control characters', energy({ energyFactors: { gas_m3: f(1.2, 'a\nb') } }), /gas_m3\.source: at most 200 characters/],
    ['an unknown carrier', energy({ energyFactors: { oil_kg: f(1.4571) } as Station['energyFactors'] }), /unknown carrier oil_kg/],
    ['an unknown basis', energy({ energyBasis: 'calorific' as Station['energyBasis'] }), /invalid energyBasis: calorific/],
    ['factors on a water station', { kind: 'water' as const, energyFactors: { gas_m3: f(1.2) } }, /apply to energy units only/],
  ] as const)('%s', (_what, s, message) => {
    expect(checkEnergySettings(s)).toMatch(message)
  })

  it.each([
    ['no settings', energy({})],
    ['the equivalent value itself', energy({ energyFactors: { elec_kwh: f(0.1229) } })],
    ['equal-value with 0.30', energy(EQUAL_VALUE)],
    ['the disputed alternatives', energy({ energyFactors: { steam_t: f(128.6), water_m3: f(0.2571) } })],
    ['a measured gas calorific value (36.0 MJ/m³)', energy({ energyFactors: { gas_m3: f(36 * 0.03412) } })],
  ] as const)('accepts %s', (_what, s) => {
    expect(checkEnergySettings(s)).toBeUndefined()
  })
})
