/**
 * HJ 633-2012 Table 1: IAQI breakpoints (concentrations in µg/m³, CO in mg/m³), as data.
 *
 * Row r of every column corresponds to `IAQI_ROWS[r]`. Shorter columns end where HJ 633-2012 stops the
 * column: SO2 1-h at 800 (note (1): above 800 use the SO2 24-h IAQI) and O3 8-h at 800 (note (2):
 * above 800 use the O3 1-h IAQI). The 1-h SO2, NO2, CO columns are for real-time (hourly) reporting
 * only; daily reports use the 24-h columns (HJ 633-2012 Table 1 note (3)).
 */

/** The IAQI value of each breakpoint row (HJ 633-2012 Table 1, first column). */
export const IAQI_ROWS: readonly number[] = [0, 50, 100, 150, 200, 300, 400, 500]

/** The concentration columns of HJ 633-2012 Table 1. */
export const IAQI_COLUMNS = ['so2_24h', 'so2_1h', 'no2_24h', 'no2_1h', 'pm10_24h', 'co_24h', 'co_1h', 'o3_1h', 'o3_8h', 'pm25_24h'] as const
export type IaqiColumn = (typeof IAQI_COLUMNS)[number]

/** HJ 633-2012 Table 1 breakpoints per column, row r ↔ IAQI_ROWS[r]. */
export const IAQI_BREAKPOINTS: Readonly<Record<IaqiColumn, readonly number[]>> = {
  so2_24h: [0, 50, 150, 475, 800, 1600, 2100, 2620],
  so2_1h: [0, 150, 500, 650, 800], // note (1): > 800 → SO2 24-h IAQI
  no2_24h: [0, 40, 80, 180, 280, 565, 750, 940],
  no2_1h: [0, 100, 200, 700, 1200, 2340, 3090, 3840],
  pm10_24h: [0, 50, 150, 250, 350, 420, 500, 600],
  co_24h: [0, 2, 4, 14, 24, 36, 48, 60], // mg/m³
  co_1h: [0, 5, 10, 35, 60, 90, 120, 150], // mg/m³
  o3_1h: [0, 160, 200, 300, 400, 800, 1000, 1200],
  o3_8h: [0, 100, 160, 215, 265, 800], // note (2): > 800 → O3 1-h IAQI
  pm25_24h: [0, 35, 75, 115, 150, 250, 350, 500],
}

/** Unit of each column (HJ 633-2012 Table 1 header). */
export function iaqiColumnUnit(column: IaqiColumn): 'µg/m³' | 'mg/m³' {
  return column === 'co_24h' || column === 'co_1h' ? 'mg/m³' : 'µg/m³'
}

/** AQI levels I..VI (HJ 633-2012 Table 2). */
export type AqiLevelId = 'I' | 'II' | 'III' | 'IV' | 'V' | 'VI'

/** One AQI level: range, category and official colour (HJ 633-2012 Table 2). */
export interface AqiLevel {
  level: AqiLevelId
  /** Inclusive AQI range; `max` is Infinity for VI. */
  min: number
  max: number
  zh: string
  en: string
  /** Official RGB colour (HJ 633-2012 Table 2). */
  rgb: readonly [number, number, number]
  /** `#rrggbb` of `rgb`. */
  hex: string
}

const level = (lv: AqiLevelId, min: number, max: number, zh: string, en: string, rgb: readonly [number, number, number]): AqiLevel => ({
  level: lv,
  min,
  max,
  zh,
  en,
  rgb,
  hex: `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`,
})

/** HJ 633-2012 Table 2: AQI levels, categories and colours. */
export const AQI_LEVELS: readonly AqiLevel[] = [
  level('I', 0, 50, '优', 'excellent', [0, 228, 0]),
  level('II', 51, 100, '良', 'good', [255, 255, 0]),
  level('III', 101, 150, '轻度污染', 'lightly polluted', [255, 126, 0]),
  level('IV', 151, 200, '中度污染', 'moderately polluted', [255, 0, 0]),
  level('V', 201, 300, '重度污染', 'heavily polluted', [153, 0, 76]),
  level('VI', 301, Infinity, '严重污染', 'severely polluted', [126, 0, 35]),
]

/**
 * The level of an (integer) AQI (HJ 633-2012 Table 2), or undefined for a negative or non-finite AQI.
 * @example aqiLevel(101).zh === '轻度污染'
 */
export function aqiLevel(aqi: number): AqiLevel | undefined {
  if (!(aqi >= 0) || !Number.isFinite(aqi)) return undefined
  for (const l of AQI_LEVELS) if (aqi <= l.max) return l
  return undefined
}
