/**
 * Surface water classes (GB 3838-2002 Table 1, basic items), single-factor method.
 *
 * - Each item gets class I..V or worse than V (劣Ⅴ). A value exactly at a limit belongs to the better
 *   class: concentrations compare with <= the limit, dissolved oxygen (higher is better) with >=.
 * - pH: 6–9 for every class, so a pH inside 6–9 is class I (it never makes a station worse) and one
 *   outside is worse than V.
 * - DO class I is 7.5 mg/L; the standard's alternative "or 90 % saturation" is not evaluated (the
 *   contract's stations report mg/L only).
 * - TP: river and lake/reservoir limits differ (Table 1 item 9). TN: lakes and reservoirs only (Table 1
 *   item 10, "湖、库"); rivers don't assess TN, so it is skipped for rivers.
 * - The station (water body) class is the worst item class (single-factor method, GB 3838-2002 §5 "单因子评价" and
 *   the reference). Compliance: class no worse than the target (class III by default: drinking-water
 *   sources, second-grade protection zone, GB 3838-2002 §4.3; or the station's configured class).
 * - Which items decide the class ({@link WaterClassMethod}): by default the national assessment practice,
 *   地表水环境质量评价办法(试行) (环办〔2011〕22号) §2: water temperature, total nitrogen and fecal
 *   coliform do not enter the class, and a lake's or reservoir's TN is evaluated and reported beside it
 *   as its own indicator. Of the items here that leaves TN out (temperature has no class limits and
 *   fecal coliform is not measured). `all-items` (a per-station setting) is the strict reading of
 *   GB 3838-2002: every assessed item, lake TN included, decides the class.
 */
import type { WaterBody, WaterClassMethod } from '../domain/station'

export const WATER_CLASSES = ['I', 'II', 'III', 'IV', 'V', 'worse-than-V'] as const
/** GB 3838-2002 class; `worse-than-V` is 劣Ⅴ. */
export type WaterClass = (typeof WATER_CLASSES)[number]

export const WATER_ITEMS = ['ph', 'do', 'codmn', 'cod', 'bod5', 'nh3n', 'tp', 'tn'] as const
/** Assessed items (contract keys; `cod`, `bod5` are laboratory items some stations report). */
export type WaterItem = (typeof WATER_ITEMS)[number]

/** Limits per class I..V, mg/L (GB 3838-2002 Table 1). Upper limits except `do` (lower limits). */
export const GB3838_LIMITS = {
  do: [7.5, 6, 5, 3, 2], // item 4, >=
  codmn: [2, 4, 6, 10, 15], // item 5
  cod: [15, 15, 20, 30, 40], // item 6
  bod5: [3, 3, 4, 6, 10], // item 7
  nh3n: [0.15, 0.5, 1.0, 1.5, 2.0], // item 8
  tp_river: [0.02, 0.1, 0.2, 0.3, 0.4], // item 9
  tp_lake: [0.01, 0.025, 0.05, 0.1, 0.2], // item 9, lakes and reservoirs
  tn_lake: [0.2, 0.5, 1.0, 1.5, 2.0], // item 10, lakes and reservoirs only
} as const

/** GB 3838-2002 Table 1 item 2: pH 6–9 for all classes. */
export const PH_RANGE = [6, 9] as const

/**
 * Items the 2011 assessment practice evaluates but keeps out of the class (地表水环境质量评价办法(试行)
 * §2: 水温、总氮、粪大肠菌群 are not class items; lake and reservoir TN is reported on its own).
 */
export const OUTSIDE_CLASS_ITEMS: readonly WaterItem[] = ['tn']

/** Whether an item decides the class under a method (default: the 2011 assessment practice). */
export function isClassItem(item: WaterItem, method: WaterClassMethod = 'assessment'): boolean {
  return method === 'all-items' || !OUTSIDE_CLASS_ITEMS.includes(item)
}

/** Rank 0 (I) .. 5 (worse than V). */
export function waterClassRank(c: WaterClass): number {
  return WATER_CLASSES.indexOf(c)
}

function limitsFor(item: Exclude<WaterItem, 'ph'>, body: WaterBody): readonly number[] | undefined {
  if (item === 'tp') return body === 'lake' ? GB3838_LIMITS.tp_lake : GB3838_LIMITS.tp_river
  if (item === 'tn') return body === 'lake' ? GB3838_LIMITS.tn_lake : undefined
  return GB3838_LIMITS[item]
}

/**
 * Class of one item's value, or undefined when the item is not assessed for the body (TN in a river)
 * or the value is not finite.
 * @example classifyWaterItem('nh3n', 1.0) === 'III'
 * @example classifyWaterItem('do', 5) === 'III'
 */
export function classifyWaterItem(item: WaterItem, value: number, body: WaterBody = 'river'): WaterClass | undefined {
  if (!Number.isFinite(value)) return undefined
  if (item === 'ph') return value >= PH_RANGE[0] && value <= PH_RANGE[1] ? 'I' : 'worse-than-V'
  const limits = limitsFor(item, body)
  if (limits === undefined) return undefined
  for (let k = 0; k < 5; k++) {
    const ok = item === 'do' ? value >= limits[k]! : value <= limits[k]!
    if (ok) return WATER_CLASSES[k]
  }
  return 'worse-than-V'
}

/** The item's limit for a class (I..V), or undefined (pH, TN in rivers). */
export function waterLimit(item: WaterItem, cls: Exclude<WaterClass, 'worse-than-V'>, body: WaterBody = 'river'): number | undefined {
  if (item === 'ph') return undefined
  return limitsFor(item, body)?.[waterClassRank(cls)]
}

/** One item's assessment. */
export interface WaterItemResult {
  item: WaterItem
  value: number
  cls: WaterClass
  /** Worse than the target class. */
  exceeds: boolean
  /** The target class limit (undefined for pH). */
  limit: number | undefined
  /** (value - limit) / limit when exceeding (超标倍数); undefined for pH and DO. */
  multiple: number | undefined
  /** Whether the item decides the class (false: evaluated and reported beside it, e.g. lake TN). */
  inClass: boolean
}

/** A station's (or water body's) assessment. */
export interface WaterAssessment {
  /** Worst class of the class items; undefined when no class item was assessable. */
  cls: WaterClass | undefined
  target: Exclude<WaterClass, 'worse-than-V'>
  /** Which items decided the class. */
  method: WaterClassMethod
  compliant: boolean | undefined
  /** Every evaluated item, class items and those reported beside the class. */
  items: WaterItemResult[]
  /** Class items worse than the target class. */
  exceeding: WaterItem[]
  /** Class items with the worst class (定类项目). */
  worstItems: WaterItem[]
  /** Items evaluated and reported beside the class, not in it (lake TN under the 2011 practice). */
  separate: WaterItemResult[]
}

/**
 * Single-factor assessment of one set of item values (GB 3838-2002 Table 1; class = worst class item,
 * the class items chosen by `method`, default the 2011 assessment practice).
 * @example assessWater({ do: 6.5, codmn: 3, nh3n: 0.6, tp: 0.12 }).cls === 'III'
 * @example assessWater({ codmn: 3, tn: 1.9 }, 'lake').cls === 'II' // TN class V, reported in `separate`
 */
export function assessWater(
  values: Partial<Record<WaterItem, number>>,
  body: WaterBody = 'river',
  target: Exclude<WaterClass, 'worse-than-V'> = 'III',
  method: WaterClassMethod = 'assessment',
): WaterAssessment {
  const items: WaterItemResult[] = []
  let worst = -1
  const targetRank = waterClassRank(target)
  for (const item of WATER_ITEMS) {
    const value = values[item]
    if (value === undefined) continue
    const cls = classifyWaterItem(item, value, body)
    if (cls === undefined) continue
    const rank = waterClassRank(cls)
    const limit = waterLimit(item, target, body)
    const exceeds = rank > targetRank
    const multiple = exceeds && limit !== undefined && item !== 'do' ? (value - limit) / limit : undefined
    const inClass = isClassItem(item, method)
    items.push({ item, value, cls, exceeds, limit, multiple, inClass })
    if (inClass && rank > worst) worst = rank
  }
  const cls = worst >= 0 ? WATER_CLASSES[worst] : undefined
  const classItems = items.filter((x) => x.inClass)
  return {
    cls,
    target,
    method,
    compliant: cls === undefined ? undefined : worst <= targetRank,
    items,
    exceeding: classItems.filter((x) => x.exceeds).map((x) => x.item),
    worstItems: classItems.filter((x) => waterClassRank(x.cls) === worst).map((x) => x.item),
    separate: items.filter((x) => !x.inClass),
  }
}

/** Narrow a station's class method setting, or undefined. */
export function maybeWaterClassMethod(v: unknown): WaterClassMethod | undefined {
  return v === 'assessment' || v === 'all-items' ? v : undefined
}

/** Narrow a configured class string (Station.standardClass) to a target class I..V, or undefined. */
export function maybeWaterClass(v: unknown): Exclude<WaterClass, 'worse-than-V'> | undefined {
  return v === 'I' || v === 'II' || v === 'III' || v === 'IV' || v === 'V' ? v : undefined
}
