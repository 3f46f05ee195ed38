/**
 * The (fictitious) make-up of a key energy-using unit: its sector, which meters it has, their
 * full-load rates and its shift pattern. Derived from the station id alone, so the station registry
 * (annual quota) and the model (consumption) agree whatever seed either was built with.
 */
import { hashSeed, mulberry32, pick, uniform } from './prng'

/** How a unit works: two shifts with a quiet night, or round the clock. */
export type ShiftPattern = 'two-shift' | 'continuous'

/** Full-load consumption rates per hour; a meter the unit does not have is absent. */
export interface EnergyRates {
  elec_kwh: number
  gas_m3?: number
  steam_t?: number
  water_m3: number
  coal_t?: number
}

/** One unit's profile. */
export interface EnergyProfile {
  sectorZh: string
  sectorEn: string
  shift: ShiftPattern
  /** Full-load rates per hour (elec_kwh per hour = full-load power in kW). */
  rates: EnergyRates
}

interface Sector {
  zh: string
  en: string
  shift: ShiftPattern
  kw: [number, number]
  gas?: [number, number]
  steam?: [number, number]
  water: [number, number]
  coal?: [number, number]
}

// Typical Dongguan manufacturing sectors; magnitudes are plausible for large units, not data.
const SECTORS: readonly Sector[] = [
  { zh: '电子信息制造', en: 'electronics manufacturing', shift: 'two-shift', kw: [1500, 6000], water: [20, 80] },
  { zh: '纺织印染', en: 'textile dyeing', shift: 'continuous', kw: [800, 2500], gas: [80, 300], steam: [4, 12], water: [60, 200] },
  { zh: '造纸', en: 'paper making', shift: 'continuous', kw: [2000, 7000], coal: [1.5, 4], steam: [8, 20], water: [80, 250] },
  { zh: '食品饮料', en: 'food and beverage', shift: 'two-shift', kw: [600, 2000], gas: [50, 250], steam: [2, 6], water: [30, 100] },
  { zh: '五金制品', en: 'metal products', shift: 'two-shift', kw: [800, 3000], gas: [40, 200], water: [10, 40] },
  { zh: '塑胶制品', en: 'plastics moulding', shift: 'two-shift', kw: [1000, 4000], water: [10, 40] },
  { zh: '家具制造', en: 'furniture', shift: 'two-shift', kw: [500, 1500], steam: [1, 4], water: [5, 20] },
]

/**
 * The profile of energy unit `stationId` (deterministic).
 * @example
 * energyProfile('DG-ENE-01').rates.elec_kwh // full-load kW
 */
export function energyProfile(stationId: string): EnergyProfile {
  const rng = mulberry32(hashSeed('energy-profile', stationId))
  const s = pick(rng, SECTORS)
  const r = (range: [number, number] | undefined) => (range ? uniform(rng, range[0], range[1]) : undefined)
  const rates: EnergyRates = { elec_kwh: r(s.kw)!, water_m3: r(s.water)! }
  const gas = r(s.gas)
  const steam = r(s.steam)
  const coal = r(s.coal)
  if (gas !== undefined) rates.gas_m3 = gas
  if (steam !== undefined) rates.steam_t = steam
  if (coal !== undefined) rates.coal_t = coal
  return { sectorZh: s.zh, sectorEn: s.en, shift: s.shift, rates }
}

/** Mean load factor of a shift pattern over a week (matches {@link shiftLoad}, rounded). */
export const MEAN_LOAD: Readonly<Record<ShiftPattern, number>> = { 'two-shift': 0.56, continuous: 0.85 }

/**
 * Conversion to standard coal, kgce per unit (GB/T 2589-2020): electricity 0.1229 kgce/kWh
 * (equivalent value), natural gas 1.2143 kgce/m³ (common reference; check), raw coal 0.7143 kgce/kg
 * (check), fresh water 0.0857 kgce/t (check). Steam is by enthalpy in the standard; 94 kgce/t
 * assumes about 2.76 GJ/t saturated steam ÷ 29.307 GJ/tce (an assumption, not from the standard).
 */
export const KGCE_PER_UNIT: Readonly<Record<keyof EnergyRates, number>> = {
  elec_kwh: 0.1229,
  gas_m3: 1.2143,
  steam_t: 94,
  water_m3: 0.0857,
  coal_t: 714.3,
}

/** Expected annual consumption of a unit, tce, at its pattern's mean load. */
export function annualTce(p: EnergyProfile): number {
  let kgce = 0
  for (const key of Object.keys(p.rates) as (keyof EnergyRates)[]) kgce += (p.rates[key] ?? 0) * KGCE_PER_UNIT[key]
  return (kgce * MEAN_LOAD[p.shift] * 8760) / 1000
}

/**
 * Load factor (0..1) at local hour `h` on weekday `wd` (0 = Sunday): two-shift units run
 * 8-12 h and 13:30-18 h at full load, overtime until 22 h, a quiet night; Sunday at half.
 * Continuous units run round the clock with a small night dip.
 */
export function shiftLoad(shift: ShiftPattern, h: number, wd: number): number {
  if (shift === 'continuous') return 0.85 + 0.05 * Math.cos((2 * Math.PI * (h - 14)) / 24)
  let l: number
  if (h >= 8 && h < 12) l = 0.95
  else if (h >= 12 && h < 13.5) l = 0.55
  else if (h >= 13.5 && h < 18) l = 0.95
  else if (h >= 18 && h < 19) l = 0.6
  else if (h >= 19 && h < 22) l = 0.75
  else if (h >= 7 && h < 8) l = 0.5
  else l = 0.25
  return wd === 0 ? l * 0.5 : l
}
