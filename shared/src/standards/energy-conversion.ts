/**
 * Conversion of energy consumption to standard coal equivalent (GB/T 2589-2020, comprehensive energy
 * consumption; 1 kgce = 29 307.6 kJ, GB/T 2589-2020 §3 / Appendix A). Factors are configurable per unit
 * (Station.energyFactors, energy-factors.ts); these are the defaults.
 *
 * Defaults (per the contract's metric units):
 * - `elec_kwh`: 0.1229 kgce/kWh, equivalent (calorific) value (GB/T 2589-2020 Appendix A).
 * - `gas_m3`: 1.2143 kgce/m³ (check): GB/T 2589-2020 Appendix A gives 1.1000–1.3300 kgce/m³ and asks for
 *   the measured calorific value; 1.2143 (35 588 kJ/m³) is the common reference. Use
 *   {@link gasFactorFromCalorific} with the supplier's value when known.
 * - `coal_t`: 714.3 kgce/t = 0.7143 kgce/kg raw coal (check; 20 908 kJ/kg, GB/T 2589-2020 Appendix A).
 * - `water_m3`: 0.0857 kgce/m³ = fresh water 0.0857 kgce/t at 1 t/m³ (check; energy-consuming working
 *   medium, GB/T 2589 Appendix B, 2.51 MJ/t).
 * - `steam_t`: 94.75 kgce/t (check, our choice): GB/T 2589 converts steam by its enthalpy with the heat
 *   factor 0.03412 kgce/MJ (GB/T 2589-2020 Appendix A). Basis: saturated steam at 1.0 MPa absolute,
 *   specific enthalpy 2777.1 kJ/kg (IAPWS-IF97 steam tables) → 2777.1 MJ/t × 0.03412 = 94.75 kgce/t.
 *   Units with metered steam parameters should set their own factor with {@link steamFactorFromEnthalpy}.
 *
 * Disputed (both values in `alternative` and docs/standards.md; the defaults stay as the reference sheet
 * has them): steam 128.6 kgce/t is quoted for low-pressure steam by one source citing GB/T 2589-2020;
 * fresh water 0.2571 kgce/t is cited as GB/T 2589-2020 by other sources.
 */
import type { EnergyCarrierKey } from '../domain/station'

export const ENERGY_CARRIERS = ['elec_kwh', 'gas_m3', 'steam_t', 'water_m3', 'coal_t'] as const satisfies readonly EnergyCarrierKey[]
/** Cumulative energy counters of the contract (`energy` kind). */
export type EnergyCarrier = (typeof ENERGY_CARRIERS)[number]

/** GB/T 2589-2020 Appendix A: heat 0.03412 kgce/MJ. */
export const KGCE_PER_MJ = 0.03412

/** A conversion factor with its unit, basis and whether it still needs confirming. */
export interface KgceFactor {
  /** kgce per unit of the carrier's metric. */
  factor: number
  unit: string
  basis: string
  /** Marked (check) in the reference or chosen by us: confirm before relying on it. */
  check: boolean
  /** The other value quoted where sources disagree. */
  alternative?: { factor: number; basis: string }
}

/** Default factors, kgce per metric unit (see file doc). */
export const DEFAULT_KGCE_FACTORS: Readonly<Record<EnergyCarrier, KgceFactor>> = {
  elec_kwh: { factor: 0.1229, unit: 'kgce/kWh', basis: 'GB/T 2589-2020 Appendix A, electricity, equivalent value', check: false },
  gas_m3: {
    factor: 1.2143,
    unit: 'kgce/m³',
    basis: 'GB/T 2589-2020 Appendix A, natural gas 1.1000–1.3300, common reference 1.2143',
    check: true,
  },
  steam_t: {
    factor: 2777.1 * KGCE_PER_MJ,
    unit: 'kgce/t',
    basis: 'saturated steam 1.0 MPa(a), h = 2777.1 kJ/kg × 0.03412 kgce/MJ (GB/T 2589-2020 heat)',
    check: true,
    alternative: { factor: 128.6, basis: 'low-pressure steam 0.1286 kgce/kg, quoted by one source as GB/T 2589-2020' },
  },
  water_m3: {
    factor: 0.0857,
    unit: 'kgce/m³',
    basis: 'GB/T 2589 Appendix B, fresh water 0.0857 kgce/t, 1 t/m³',
    check: true,
    alternative: { factor: 0.2571, basis: 'fresh water 0.2571 kgce/t, cited as GB/T 2589-2020 by other sources' },
  },
  coal_t: { factor: 714.3, unit: 'kgce/t', basis: 'GB/T 2589-2020 Appendix A, raw coal 0.7143 kgce/kg', check: true },
}

/** Steam factor, kgce/t, from its specific enthalpy in kJ/kg (GB/T 2589-2020: steam by enthalpy; heat 0.03412 kgce/MJ). */
export function steamFactorFromEnthalpy(enthalpyKJPerKg: number): number {
  return enthalpyKJPerKg * KGCE_PER_MJ // kJ/kg = MJ/t
}

/** Natural gas factor, kgce/m³, from its measured net calorific value in MJ/m³ (GB/T 2589-2020 Appendix A note). */
export function gasFactorFromCalorific(mjPerM3: number): number {
  return mjPerM3 * KGCE_PER_MJ
}

/** Result of {@link toStandardCoal}. */
export interface StandardCoal {
  kgce: number
  /** Tonnes of standard coal equivalent (kgce / 1000). */
  tce: number
  byCarrier: Partial<Record<EnergyCarrier, number>>
}

/**
 * Convert consumption per carrier (in the contract's units) to kgce and tce.
 * @example toStandardCoal({ elec_kwh: 10_000 }).tce // 1.229
 */
export function toStandardCoal(
  consumption: Partial<Record<EnergyCarrier, number>>,
  factors: Partial<Record<EnergyCarrier, number>> = {},
): StandardCoal {
  const byCarrier: Partial<Record<EnergyCarrier, number>> = {}
  let kgce = 0
  for (const c of ENERGY_CARRIERS) {
    const q = consumption[c]
    if (q === undefined || !Number.isFinite(q)) continue
    const k = q * (factors[c] ?? DEFAULT_KGCE_FACTORS[c].factor)
    byCarrier[c] = k
    kgce += k
  }
  return { kgce, tce: kgce / 1000, byCarrier }
}
