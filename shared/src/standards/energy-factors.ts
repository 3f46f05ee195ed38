/**
 * An energy unit's own conversion factors (GB/T 2589-2020): which factor converts each carrier of
 * the unit to kgce, on which electricity basis, and where each number comes from, so the rule text,
 * the alert and the targets' method can show it.
 *
 * - Basis (Station.energyBasis): `equivalent` (default, 当量值: electricity 0.1229 kgce/kWh, its own
 *   heat 3.6 MJ × 0.03412 kgce/MJ, GB/T 2589-2020 Appendix A) or `equal-value` (等价值: the coal burnt
 *   to supply it, the previous year's power-plant coal consumption per kWh supplied, about
 *   0.30 kgce/kWh). A quota set on the equal-value basis must be compared with consumption converted on
 *   the same basis, so `equal-value` requires the unit's own electricity factor (it changes every year).
 * - Factors (Station.energyFactors): kgce per metric unit with a free-text source, per carrier; a
 *   carrier without one uses DEFAULT_KGCE_FACTORS (the reference sheet's values; steam and fresh water
 *   are disputed between sources, see docs/standards.md).
 * - Plausible ranges refuse typing errors (a factor 1000× off, a negative or non-numeric one), not
 *   honest local values: they span every fuel quality and steam condition we know of.
 */
import type { EnergyBasis, EnergyFactorSetting, Station } from '../domain/station'
import { DEFAULT_KGCE_FACTORS, ENERGY_CARRIERS, type EnergyCarrier } from './energy-conversion'

/** Carrier names as the rule text and the targets' method show them. */
export const CARRIER_NAMES: Readonly<Record<EnergyCarrier, string>> = {
  elec_kwh: 'electricity',
  gas_m3: 'natural gas',
  steam_t: 'steam',
  water_m3: 'fresh water',
  coal_t: 'raw coal',
}

/** Electricity on the equivalent basis, kgce/kWh (GB/T 2589-2020 Appendix A). */
export const ELEC_EQUIVALENT = 0.1229

/**
 * Accepted factor range per carrier, kgce per metric unit, with why.
 * - electricity, equivalent: 0.1229 by definition (a few per mille either way for rounding);
 * - electricity, equal-value: 0.20–0.50 (China's supply coal consumption: about 0.30 in the 2020s, 0.40
 *   around 2000, never above 0.50 since 1980);
 * - natural gas 0.8–1.6 (net calorific value 23–47 MJ/m³; GB/T 2589-2020 Appendix A: 1.1000–1.3300);
 * - steam 60–200 kgce/t (enthalpy 1.8–5.9 GJ/t; saturated steam 2.7–2.8 GJ/t ≈ 94.8, 128.6 quoted);
 * - fresh water 0.01–1 kgce/t (0.0857 and 0.2571 quoted);
 * - raw coal 300–1000 kgce/t (lignite about 430, anthracite about 900).
 */
export const FACTOR_RANGES: Readonly<Record<EnergyCarrier, readonly [number, number]>> = {
  elec_kwh: [0.12, 0.5],
  gas_m3: [0.8, 1.6],
  steam_t: [60, 200],
  water_m3: [0.01, 1],
  coal_t: [300, 1000],
}
const ELEC_RANGE: Readonly<Record<EnergyBasis, readonly [number, number]>> = { equivalent: [0.122, 0.124], 'equal-value': [0.2, 0.5] }

/** Longest free-text source. */
export const FACTOR_SOURCE_MAX = 200

/** One carrier's factor as used. */
export interface ResolvedFactor {
  carrier: EnergyCarrier
  kgce: number
  unit: string
  source: string
  /** The unit's own factor (true) or the default (false). */
  own: boolean
}

/** A unit's conversion: its basis and a factor per carrier. */
export interface UnitConversion {
  basis: EnergyBasis
  factors: Readonly<Record<EnergyCarrier, ResolvedFactor>>
}

type EnergySettings = Pick<Station, 'energyBasis' | 'energyFactors'>

/**
 * The factors a unit converts with: its own where set, else the defaults.
 * @example unitConversion({}).factors.elec_kwh.kgce === 0.1229
 */
export function unitConversion(s: EnergySettings): UnitConversion {
  const factors = {} as Record<EnergyCarrier, ResolvedFactor>
  for (const c of ENERGY_CARRIERS) {
    const d = DEFAULT_KGCE_FACTORS[c]
    const own = s.energyFactors?.[c]
    factors[c] = own
      ? { carrier: c, kgce: own.kgce, unit: d.unit, source: own.source, own: true }
      : { carrier: c, kgce: d.factor, unit: d.unit, source: `default: ${d.basis}`, own: false }
  }
  return { basis: s.energyBasis ?? 'equivalent', factors }
}

/** The kgce factor per carrier (the argument of standards/toStandardCoal). */
export function kgceFactors(conv: UnitConversion): Record<EnergyCarrier, number> {
  const out = {} as Record<EnergyCarrier, number>
  for (const c of ENERGY_CARRIERS) out[c] = conv.factors[c].kgce
  return out
}

/** A factor without float noise: 94.754652 → `94.7547`, 0.1229 → `0.1229`. */
export function formatFactor(kgce: number): string {
  return String(Number(kgce.toPrecision(6)))
}

/**
 * The conversion as text: `equivalent basis; factors: electricity 0.1229 kgce/kWh (default: …) · …`.
 * Sources lose `;` and `·` (the text's own separators). `carriers` limits the list (default all).
 * @example describeConversion(unitConversion({})).startsWith('equivalent basis; factors: electricity 0.1229 kgce/kWh')
 */
export function describeConversion(conv: UnitConversion, carriers: readonly EnergyCarrier[] = ENERGY_CARRIERS): string {
  const parts = carriers.map((c) => {
    const f = conv.factors[c]
    return `${CARRIER_NAMES[c]} ${formatFactor(f.kgce)} ${f.unit} (${f.source.replace(/[;·]/g, ',')})`
  })
  return `${conv.basis} basis; factors: ${parts.join(' · ')}`
}

function checkFactor(c: EnergyCarrier, f: EnergyFactorSetting | undefined, basis: EnergyBasis): string | undefined {
  if (f === undefined) return undefined
  const name = `energyFactors.${c}`
  if (typeof f !== 'object' || f === null) return `invalid ${name}: expected { kgce, source }`
  const unit = DEFAULT_KGCE_FACTORS[c].unit
  if (typeof f.kgce !== 'number' || !Number.isFinite(f.kgce))
    return `invalid ${name}.kgce: ${String(f.kgce)} (a number of ${unit} is needed)`
  const [lo, hi] = c === 'elec_kwh' ? ELEC_RANGE[basis] : FACTOR_RANGES[c]
  if (!(f.kgce >= lo && f.kgce <= hi)) {
    if (c === 'elec_kwh' && basis === 'equivalent' && f.kgce > hi && f.kgce <= ELEC_RANGE['equal-value'][1]) {
      return `invalid ${name}.kgce: ${f.kgce} ${unit} is an equal-value factor; on the equivalent basis electricity is ${ELEC_EQUIVALENT} ${unit} (set energyBasis to equal-value)`
    }
    return `invalid ${name}.kgce: ${f.kgce} ${unit} is outside the plausible ${lo}–${hi} ${unit}${c === 'elec_kwh' ? ` on the ${basis} basis` : ''}`
  }
  if (typeof f.source !== 'string' || f.source.trim() === '') return `invalid ${name}.source: say where the factor comes from`
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses in a source note
  if (f.source.length > FACTOR_SOURCE_MAX || /[\u0000-\u001f\u007f]/.test(f.source))
    return `invalid ${name}.source: at most ${FACTOR_SOURCE_MAX} characters, no control characters`
  return undefined
}

/**
 * Check a station's energy settings; an error message naming the field, or undefined.
 * @example checkEnergySettings({ kind: 'energy', energyBasis: 'equal-value' }) // 'energyBasis equal-value needs energyFactors.elec_kwh …'
 */
export function checkEnergySettings(s: Pick<Station, 'kind'> & EnergySettings): string | undefined {
  if (s.energyBasis === undefined && s.energyFactors === undefined) return undefined
  if (s.kind !== 'energy') return 'energyBasis and energyFactors apply to energy units only'
  const basis = s.energyBasis ?? 'equivalent'
  if (basis !== 'equivalent' && basis !== 'equal-value') return `invalid energyBasis: ${String(s.energyBasis)} (equivalent or equal-value)`
  const f = s.energyFactors ?? {}
  if (typeof f !== 'object' || f === null || Array.isArray(f)) return 'invalid energyFactors: expected an object per carrier'
  for (const k of Object.keys(f))
    if (!(ENERGY_CARRIERS as readonly string[]).includes(k))
      return `invalid energyFactors: unknown carrier ${k} (${ENERGY_CARRIERS.join(', ')})`
  for (const c of ENERGY_CARRIERS) {
    const err = checkFactor(c, f[c], basis)
    if (err) return err
  }
  if (basis === 'equal-value' && f.elec_kwh === undefined) {
    return "energyBasis equal-value needs energyFactors.elec_kwh: the previous year's power-plant coal consumption per kWh supplied (about 0.30 kgce/kWh) and its source"
  }
  return undefined
}
