/**
 * The standards rules: which windowed quantity each station kind is judged on, the limit from the
 * national standard, severity steps, clear level (hysteresis) and minimum count. Pure data builders;
 * the evaluator (standards-evaluator.ts) computes the values, overrides (standard-overrides.ts) adjust
 * the rules per station.
 *
 * Severity steps (all rules open as `warning`):
 * - air concentrations: `critical` once the concentration alone would give an IAQI above 200 (the
 *   HJ 633-2012 Table 1 IAQI-200 breakpoint of the same column), i.e. heavy pollution (重度污染,
 *   Table 2 level V), the level at which the city's heavy-pollution emergency plan acts;
 * - hourly AQI: opens above 100 (level III 轻度污染 or worse, HJ 633-2012 Table 2: the hour is no
 *   longer "good", the good-days boundary) and is `critical` above 200 (level V, heavy pollution);
 * - water items and class: `critical` when worse than class V (劣Ⅴ, no use function, GB 3838-2002 §4);
 * - effluent: `critical` above twice the limit (超标倍数 > 1). Our choice: GB 18918-2002 sets no
 *   escalation, this is a common enforcement threshold; override per station if the bureau's differs.
 * Hysteresis: concentration rules clear at 90 % of an upper limit (110 % of a lower one); classes are
 * integers and clear as soon as the class is back within the target.
 */
import type { Station, StationKind } from '../domain/station'
import { airLimit, type AirGrade, type AirLimitPollutant } from '../standards/air-limits'
import { IAQI_BREAKPOINTS, type IaqiColumn } from '../standards/aqi-table'
import { describeConversion, unitConversion } from '../standards/energy-factors'
import { isClassItem, maybeWaterClass, waterClassRank, waterLimit, type WaterItem } from '../standards/surface-water'
import { maybePlantClass, wastewaterLimits, type WastewaterItem } from '../standards/wastewater'
import type { Rule } from './rule'

/** Pollutants with a GB 3095-2012 1-h limit (moving 1-h mean rules). */
export const AIR_1H = ['so2', 'no2', 'co', 'o3'] as const
/** Pollutants with a GB 3095-2012 24-h limit (24-h moving mean rules). */
export const AIR_24H = ['pm25', 'pm10', 'so2', 'no2', 'co'] as const
/** The AQI pollutants the evaluator keeps hourly means of. */
export const AIR_METRICS = ['so2', 'no2', 'co', 'o3', 'pm10', 'pm25'] as const
/** GB 3838-2002 items judged per hourly mean (pH and DO handled apart: range and lower limit). */
export const WATER_UPPER_ITEMS = ['codmn', 'cod', 'bod5', 'nh3n', 'tp', 'tn'] as const satisfies readonly WaterItem[]
export const WATER_METRICS = ['ph', 'do', ...WATER_UPPER_ITEMS] as const
/** GB 18918-2002 Table 1 items judged on daily means; `temp` chooses the NH3-N limit. */
export const WASTEWATER_UPPER_ITEMS = ['cod', 'bod5', 'ss', 'tn', 'nh3n', 'tp'] as const satisfies readonly WastewaterItem[]
export const WASTEWATER_METRICS = [...WASTEWATER_UPPER_ITEMS, 'ph', 'temp'] as const

/** Metrics the standards engine watches per kind: instant rules on these are superseded. */
export const STANDARD_METRICS: Readonly<Record<StationKind, readonly string[]>> = {
  air: [...AIR_METRICS],
  water: [...WATER_METRICS],
  wastewater: [...WASTEWATER_METRICS],
  energy: ['elec_kwh', 'gas_m3', 'steam_t', 'water_m3', 'coal_t'],
}

type Title = Rule['title']

const NAMES: Readonly<Record<string, Title>> = {
  so2: { zh: '二氧化硫', en: 'SO₂' },
  no2: { zh: '二氧化氮', en: 'NO₂' },
  co: { zh: '一氧化碳', en: 'CO' },
  o3: { zh: '臭氧', en: 'O₃' },
  pm10: { zh: '可吸入颗粒物', en: 'PM10' },
  pm25: { zh: '细颗粒物', en: 'PM2.5' },
  ph: { zh: 'pH', en: 'pH' },
  do: { zh: '溶解氧', en: 'Dissolved oxygen' },
  codmn: { zh: '高锰酸盐指数', en: 'Permanganate index' },
  cod: { zh: '化学需氧量', en: 'COD' },
  bod5: { zh: '五日生化需氧量', en: 'BOD5' },
  nh3n: { zh: '氨氮', en: 'Ammonia nitrogen' },
  tp: { zh: '总磷', en: 'Total phosphorus' },
  tn: { zh: '总氮', en: 'Total nitrogen' },
  ss: { zh: '悬浮物', en: 'Suspended solids' },
}

const name = (m: string): Title => NAMES[m] ?? { zh: m, en: m }

/** An upper-limit rule opening as warning, critical past `critical`, clearing at 90 % of the limit. */
function upper(
  id: string,
  kind: StationKind,
  metric: string,
  window: string,
  limit: number,
  critical: number | undefined,
  title: Title,
  source: string,
): Rule {
  const r: Rule = { id, kind, metric, window, comparison: 'above', limit, clear: limit * 0.9, severity: 'warning', source, title }
  if (critical !== undefined) r.steps = [{ at: critical, severity: 'critical' }]
  return r
}

/** HJ 633-2012 Table 1: the concentration of a column at IAQI 200 (row 4). */
const iaqi200 = (column: IaqiColumn) => IAQI_BREAKPOINTS[column][4]!

/** The air grade of a station: I for nature reserves (standardClass `I`), else II (GB 3095-2012 §4.2). */
export function airGradeOf(station: Pick<Station, 'standardClass'>): AirGrade {
  return station.standardClass === 'I' ? 'I' : 'II'
}

/** Air rules: 1-h, 24-h and O3 8-h limits of GB 3095-2012 Table 1, and the HJ 633-2012 hourly AQI. */
export function airRules(station: Pick<Station, 'standardClass'>): Rule[] {
  const grade = airGradeOf(station)
  const g = `GB 3095-2012 Table 1, grade ${grade}`
  const out: Rule[] = []
  for (const p of AIR_1H) {
    const n = name(p)
    out.push(
      upper(
        `air.${p}.1h`,
        'air',
        p,
        '1h',
        airLimit(p, '1h', grade)!,
        iaqi200(`${p}_1h`),
        { zh: `${n.zh} 1 小时平均浓度超标`, en: `${n.en} 1-h mean above limit` },
        `${g}, 1-h mean (moving mean of any 1 hour, §3; N/S data only)`,
      ),
    )
  }
  for (const p of AIR_24H) {
    const n = name(p)
    out.push(
      upper(
        `air.${p}.24h`,
        'air',
        p,
        '24h',
        airLimit(p as AirLimitPollutant, '24h', grade)!,
        iaqi200(`${p}_24h`),
        { zh: `${n.zh} 24 小时平均浓度超标`, en: `${n.en} 24-h mean above limit` },
        `${g}, 24-h mean (moving, >= 20 valid hourly means, Table 4)`,
      ),
    )
  }
  out.push(
    upper(
      'air.o3.8h',
      'air',
      'o3',
      '8h',
      airLimit('o3', '8h-max', grade)!,
      iaqi200('o3_8h'),
      { zh: '臭氧 8 小时滑动平均浓度超标', en: 'O₃ 8-h mean above limit' },
      `${g}, O3 daily max 8-h mean (8-h moving mean, >= 6 valid hours, Table 4)`,
    ),
  )
  out.push({
    id: 'air.aqi.1h',
    kind: 'air',
    metric: 'aqi',
    window: '1h',
    comparison: 'above',
    limit: 100,
    clear: 90,
    severity: 'warning',
    steps: [{ at: 200, severity: 'critical' }],
    source: 'HJ 633-2012 §5.2 hourly AQI; > 100 level III+ (polluted), > 200 level V (heavy pollution), Table 2',
    title: { zh: '空气质量指数超过 100(污染)', en: 'Hourly AQI above 100 (polluted)' },
  })
  return out
}

/** GB 3838-2002 target class of a station (its standardClass, else III) and its rank 1..5. */
export function waterTargetOf(station: Pick<Station, 'standardClass'>) {
  const target = maybeWaterClass(station.standardClass) ?? 'III'
  return { target, rank: waterClassRank(target) + 1 }
}

/** What the class rule's source says about the class items. */
const CLASS_ITEMS_TEXT = {
  assessment:
    'class items per 地表水环境质量评价办法(试行) (2011): water temperature, TN and fecal coliform excluded, lake TN reported beside the class',
  'all-items': 'class over all items, lake TN included (station setting all-items)',
} as const

/**
 * Water rules: the station class (single-factor, worst class item, GB 3838-2002 Table 1; the class
 * items by the station's waterClassMethod) as a number (I = 1 … V = 5, worse than V = 6) vs the
 * target class rank, and each item's hourly mean vs the target class limit (lake/reservoir TP and TN
 * limits for lakes). A lake's TN keeps its own rule under the 2011 practice: it is evaluated and
 * reported beside the class and alerts as its own indicator (docs/standards.md).
 */
export function waterRules(station: Pick<Station, 'standardClass' | 'waterBody' | 'waterClassMethod'>): Rule[] {
  const { target, rank } = waterTargetOf(station)
  const body = station.waterBody ?? 'river'
  const method = station.waterClassMethod ?? 'assessment'
  const src = `GB 3838-2002 Table 1, class ${target}${body === 'lake' ? ' (lake, reservoir)' : ''}, hourly mean`
  const out: Rule[] = [
    {
      id: 'water.class',
      kind: 'water',
      metric: 'class',
      window: '1h',
      comparison: 'above',
      limit: rank,
      clear: rank,
      severity: 'warning',
      steps: [{ at: 5, severity: 'critical' }],
      minCount: 2,
      source: `GB 3838-2002 Table 1, single-factor class of hourly means vs class ${target} (I=1 … V=5, worse than V=6); ${CLASS_ITEMS_TEXT[method]}`,
      title: { zh: `水质类别劣于 ${target} 类`, en: `Water class worse than ${target}` },
    },
    {
      id: 'water.ph.1h',
      kind: 'water',
      metric: 'ph',
      window: '1h',
      comparison: 'outside',
      low: 6,
      limit: 9,
      clearLow: 6.2,
      clear: 8.8,
      severity: 'warning',
      source: 'GB 3838-2002 Table 1 item 2, pH 6–9, hourly mean',
      title: { zh: 'pH 超出 6–9', en: 'pH outside 6–9' },
    },
  ]
  const doLimit = waterLimit('do', target, body)!
  out.push({
    id: 'water.do.1h',
    kind: 'water',
    metric: 'do',
    window: '1h',
    comparison: 'below',
    limit: doLimit,
    clear: doLimit * 1.1,
    severity: 'warning',
    steps: [{ at: waterLimit('do', 'V', body)!, severity: 'critical' }],
    source: src,
    title: { zh: `溶解氧低于 ${target} 类标准`, en: `Dissolved oxygen below class ${target}` },
  })
  for (const item of WATER_UPPER_ITEMS) {
    const limit = waterLimit(item, target, body)
    if (limit === undefined) continue // TN is assessed for lakes and reservoirs only
    const n = name(item)
    const apart = !isClassItem(item, method)
    const title = apart
      ? { zh: `${n.zh}超 ${target} 类(单独评价,不参与定类)`, en: `${n.en} above class ${target} (reported beside the class)` }
      : { zh: `${n.zh}超 ${target} 类`, en: `${n.en} above class ${target}` }
    const itemSrc = apart ? `${src}; evaluated beside the class, not in it (地表水环境质量评价办法(试行), 2011)` : src
    out.push(upper(`water.${item}.1h`, 'water', item, '1h', limit, waterLimit(item, 'V', body), title, itemSrc))
  }
  return out
}

/** Early warning: a day-to-date mean is observed once the day has this many valid hours. */
export const DAY_TO_DATE_MIN_HOURS = 4

/**
 * Wastewater rules: effluent daily means (CST day) vs GB 18918-2002 Table 1 for the plant's class
 * (standardClass, default 1A), with TP by build date and NH3-N by the water temperature
 * (> 12 °C limit when unknown).
 */
export function wastewaterRules(station: Pick<Station, 'standardClass' | 'builtDate'>, waterTempC?: number): Rule[] {
  const lim = wastewaterLimits({ cls: maybePlantClass(station.standardClass) ?? '1A', builtDate: station.builtDate }, waterTempC)
  const base = `GB 18918-2002 Table 1, class ${lim.cls}, daily mean (CST day; day-to-date mean as early warning)`
  const out: Rule[] = []
  for (const item of WASTEWATER_UPPER_ITEMS) {
    const limit = lim.max[item]
    if (limit === undefined) continue // "-": not controlled for the class
    let src = base
    if (item === 'nh3n')
      src +=
        lim.waterTempC === undefined ? ', water temperature unknown: > 12 °C limit' : `, water ${lim.waterTempC > 12 ? '> 12' : '<= 12'} °C`
    if (item === 'tp')
      src += lim.notes.includes('build-date-unknown')
        ? ', build date unknown: from-2006 limit'
        : `, plant built ${(station.builtDate ?? '').slice(0, 10) < '2006-01-01' ? 'before' : 'from'} 2006-01-01`
    const n = name(item)
    out.push(
      upper(
        `wastewater.${item}.1d`,
        'wastewater',
        item,
        '1d',
        limit,
        2 * limit,
        { zh: `出水${n.zh}日均值超 ${lim.cls} 标准`, en: `Effluent ${n.en} daily mean above class ${lim.cls}` },
        src,
      ),
    )
  }
  out.push({
    id: 'wastewater.ph.1d',
    kind: 'wastewater',
    metric: 'ph',
    window: '1d',
    comparison: 'outside',
    low: lim.ph[0],
    limit: lim.ph[1],
    clearLow: 6.2,
    clear: 8.8,
    severity: 'warning',
    source: `${base}, pH 6–9 (item 11)`,
    title: { zh: '出水 pH 日均值超出 6–9', en: 'Effluent pH daily mean outside 6–9' },
  })
  return out
}

/**
 * Energy rule: a key unit's consumption of the CST day so far (counters → tce, GB/T 2589-2020, with
 * the unit's own factors where set, standards/energy-factors) vs its annual quota (Station.quotaTce)
 * pro-rated to one day. No rule without a quota. The source names the basis and every factor with
 * where it comes from.
 */
export function energyRules(station: Pick<Station, 'quotaTce' | 'energyBasis' | 'energyFactors'>, daysInYear = 365): Rule[] {
  const q = station.quotaTce
  if (q === undefined || !(q > 0)) return []
  const limit = q / daysInYear
  return [
    {
      id: 'energy.quota.1d',
      kind: 'energy',
      metric: 'tce',
      window: '1d',
      comparison: 'above',
      limit,
      clear: limit,
      severity: 'warning',
      source: `annual quota ${q} tce pro-rated per CST day (${daysInYear} d); consumption in tce per GB/T 2589-2020, ${describeConversion(unitConversion(station))}`,
      title: { zh: '当日能耗超过定额', en: 'Daily energy consumption above quota' },
    },
  ]
}

/** The standard rules of a station (before overrides). */
export function standardRules(station: Station): Rule[] {
  switch (station.kind) {
    case 'air':
      return airRules(station)
    case 'water':
      return waterRules(station)
    case 'wastewater':
      return wastewaterRules(station)
    case 'energy':
      return energyRules(station)
  }
}
