/**
 * Municipal wastewater treatment plant discharge compliance (GB 18918-2002 Table 1, basic control items,
 * daily mean values, mg/L unless noted).
 *
 * - Plant class 1A (default: the reference says plants discharging to drinking-water catchments or closed
 *   waters use 1A, GB 18918-2002 §4.1.2.2 as amended in 2006: key basins, lakes and reservoirs → 1A;
 *   the city's plants), 1B, 2 or 3, configured per plant.
 * - Ammonia nitrogen, Table 1 note: the limit outside brackets applies when the water temperature is
 *   > 12 °C, the bracketed one when <= 12 °C (so exactly 12 °C uses the bracketed limit). Temperature
 *   used: the daily mean water temperature when the plant measures it, else the plant's configured
 *   default, else unknown → the > 12 °C limit (the stricter one; Dongguan's water is rarely <= 12 °C)
 *   with note `temperature-unknown`.
 * - Total phosphorus by build date (Table 1 item 9): built before 2006-01-01 vs from 2006-01-01.
 *   Unknown build date → the from-2006 limit (stricter) with note `build-date-unknown`.
 * - pH 6–9 (Table 1 item 11). "-" cells (TN for class 2 and 3, NH3-N for class 3) are not controlled.
 * - A daily mean equal to the limit complies (limits are maxima).
 */

export const PLANT_CLASSES = ['1A', '1B', '2', '3'] as const
/** GB 18918-2002 discharge class. */
export type PlantClass = (typeof PLANT_CLASSES)[number]

export const WASTEWATER_ITEMS = ['cod', 'bod5', 'ss', 'tn', 'nh3n', 'tp', 'ph'] as const
export type WastewaterItem = (typeof WASTEWATER_ITEMS)[number]

type PerClass = Readonly<Record<PlantClass, number | undefined>>

/** GB 18918-2002 Table 1, daily mean maxima, mg/L (undefined = "-", not controlled). */
export const GB18918_LIMITS: {
  cod: PerClass
  bod5: PerClass
  ss: PerClass
  tn: PerClass
  nh3n: { warm: PerClass; cold: PerClass }
  tp: { before2006: PerClass; from2006: PerClass }
} = {
  cod: { '1A': 50, '1B': 60, '2': 100, '3': 120 }, // item 1
  bod5: { '1A': 10, '1B': 20, '2': 30, '3': 60 }, // item 2
  ss: { '1A': 10, '1B': 20, '2': 30, '3': 50 }, // item 3
  tn: { '1A': 15, '1B': 20, '2': undefined, '3': undefined }, // item 7
  nh3n: {
    warm: { '1A': 5, '1B': 8, '2': 25, '3': undefined }, // item 8, water > 12 °C
    cold: { '1A': 8, '1B': 15, '2': 30, '3': undefined }, // item 8, bracketed, water <= 12 °C
  },
  tp: {
    before2006: { '1A': 1, '1B': 1.5, '2': 3, '3': 5 }, // item 9, built before 2006-01-01
    from2006: { '1A': 0.5, '1B': 1, '2': 3, '3': 5 }, // item 9, built from 2006-01-01
  },
}

/** GB 18918-2002 Table 1 item 11: pH 6–9. */
export const WASTEWATER_PH_RANGE = [6, 9] as const
/** GB 18918-2002 Table 1 note: the bracketed NH3-N limit applies at water temperature <= 12 °C. */
export const NH3N_COLD_MAX_C = 12
/** GB 18918-2002 Table 1 item 9: the TP limits change for plants built from this date. */
export const TP_BUILD_CUTOFF = '2006-01-01'

/** A plant's configuration for GB 18918-2002. */
export interface PlantConfig {
  /** Discharge class; default 1A. */
  cls?: PlantClass
  /** Build date `YYYY-MM-DD` (Station.builtDate). */
  builtDate?: string
  /** Water temperature assumed when the plant does not measure it, °C. */
  defaultWaterTempC?: number
}

export type WastewaterNote = 'temperature-unknown' | 'build-date-unknown'

/** The limits that apply to a plant on a day. */
export interface WastewaterLimits {
  cls: PlantClass
  /** Upper limits, mg/L; absent items are not controlled for the class. */
  max: Partial<Record<Exclude<WastewaterItem, 'ph'>, number>>
  ph: readonly [number, number]
  /** The temperature that chose the NH3-N limit, or undefined when unknown. */
  waterTempC: number | undefined
  notes: WastewaterNote[]
}

/**
 * The GB 18918-2002 Table 1 limits of a plant for a day with the given daily mean water temperature.
 * @example wastewaterLimits({}, 12).max.nh3n === 8 // class 1A, bracketed limit at 12 °C
 */
export function wastewaterLimits(plant: PlantConfig, waterTempC?: number): WastewaterLimits {
  const cls = plant.cls ?? '1A'
  const notes: WastewaterNote[] = []
  const temp = waterTempC !== undefined && Number.isFinite(waterTempC) ? waterTempC : plant.defaultWaterTempC
  if (temp === undefined) notes.push('temperature-unknown')
  const cold = temp !== undefined && temp <= NH3N_COLD_MAX_C
  const built = plant.builtDate
  if (built === undefined || !/^\d{4}-\d{2}-\d{2}/.test(built)) notes.push('build-date-unknown')
  const before2006 = built !== undefined && /^\d{4}-\d{2}-\d{2}/.test(built) && built.slice(0, 10) < TP_BUILD_CUTOFF
  const max: WastewaterLimits['max'] = {}
  const put = (item: Exclude<WastewaterItem, 'ph'>, v: number | undefined): void => {
    if (v !== undefined) max[item] = v
  }
  put('cod', GB18918_LIMITS.cod[cls])
  put('bod5', GB18918_LIMITS.bod5[cls])
  put('ss', GB18918_LIMITS.ss[cls])
  put('tn', GB18918_LIMITS.tn[cls])
  put('nh3n', (cold ? GB18918_LIMITS.nh3n.cold : GB18918_LIMITS.nh3n.warm)[cls])
  put('tp', (before2006 ? GB18918_LIMITS.tp.before2006 : GB18918_LIMITS.tp.from2006)[cls])
  return { cls, max, ph: WASTEWATER_PH_RANGE, waterTempC: temp, notes }
}

/** One item's daily compliance. */
export interface WastewaterItemResult {
  item: WastewaterItem
  value: number
  /** Upper limit, or for pH the range. */
  limit: number | readonly [number, number]
  ok: boolean
}

/** A plant-day's compliance. */
export interface WastewaterCompliance {
  /** All checked items comply; undefined when no controlled item had a value. */
  compliant: boolean | undefined
  items: WastewaterItemResult[]
  exceeding: WastewaterItem[]
  limits: WastewaterLimits
}

/**
 * Daily-mean compliance of a plant's effluent with GB 18918-2002 Table 1.
 * @example checkWastewater({ cod: 45, nh3n: 5.2 }, { cls: '1A' }, 20).exceeding // ['nh3n']
 */
export function checkWastewater(
  dailyMeans: Partial<Record<WastewaterItem, number>>,
  plant: PlantConfig = {},
  waterTempC?: number,
): WastewaterCompliance {
  const limits = wastewaterLimits(plant, waterTempC)
  const items: WastewaterItemResult[] = []
  for (const item of WASTEWATER_ITEMS) {
    const value = dailyMeans[item]
    if (value === undefined || !Number.isFinite(value)) continue
    if (item === 'ph') {
      items.push({ item, value, limit: limits.ph, ok: value >= limits.ph[0] && value <= limits.ph[1] })
      continue
    }
    const limit = limits.max[item]
    if (limit === undefined) continue
    items.push({ item, value, limit, ok: value <= limit })
  }
  const exceeding = items.filter((x) => !x.ok).map((x) => x.item)
  return { compliant: items.length === 0 ? undefined : exceeding.length === 0, items, exceeding, limits }
}

/** Narrow a configured class string (Station.standardClass) to a PlantClass, or undefined. */
export function maybePlantClass(v: unknown): PlantClass | undefined {
  return typeof v === 'string' && (PLANT_CLASSES as readonly string[]).includes(v) ? (v as PlantClass) : undefined
}
