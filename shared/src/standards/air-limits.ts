/**
 * GB 3095-2012 concentration limits (Table 1 basic items; Table 2 for NOx), grade I and II, per
 * averaging period, as data; and the per-pollutant exceedance check of a day.
 *
 * Grade II applies to residential, commercial, industrial and rural areas (GB 3095-2012 §4.1–4.2, the
 * city's areas); grade I to nature reserves. A value equal to the limit complies (limits are maxima).
 */
import type { DailyAqiInput } from './aqi'

export type AirLimitPollutant = 'so2' | 'no2' | 'co' | 'o3' | 'pm10' | 'pm25' | 'nox'
/** `8h-max`: the daily maximum 8-h moving mean (O3). */
export type AveragingPeriod = 'annual' | '24h' | '8h-max' | '1h'
export type AirGrade = 'I' | 'II'

/** One row of GB 3095-2012 Table 1 / Table 2. */
export interface AirLimit {
  pollutant: AirLimitPollutant
  period: AveragingPeriod
  gradeI: number
  gradeII: number
  unit: 'µg/m³' | 'mg/m³'
}

const row = (
  pollutant: AirLimitPollutant,
  period: AveragingPeriod,
  gradeI: number,
  gradeII: number,
  unit: 'µg/m³' | 'mg/m³' = 'µg/m³',
): AirLimit => ({
  pollutant,
  period,
  gradeI,
  gradeII,
  unit,
})

/** GB 3095-2012 Table 1 (SO2, NO2, CO, O3, PM10, PM2.5) and Table 2 (NOx). */
export const GB3095_LIMITS: readonly AirLimit[] = [
  row('so2', 'annual', 20, 60),
  row('so2', '24h', 50, 150),
  row('so2', '1h', 150, 500),
  row('no2', 'annual', 40, 40),
  row('no2', '24h', 80, 80),
  row('no2', '1h', 200, 200),
  row('co', '24h', 4, 4, 'mg/m³'),
  row('co', '1h', 10, 10, 'mg/m³'),
  row('o3', '8h-max', 100, 160),
  row('o3', '1h', 160, 200),
  row('pm10', 'annual', 40, 70),
  row('pm10', '24h', 50, 150),
  row('pm25', 'annual', 15, 35),
  row('pm25', '24h', 35, 75),
  row('nox', 'annual', 50, 50), // Table 2
  row('nox', '24h', 100, 100), // Table 2
  row('nox', '1h', 250, 250), // Table 2
]

/**
 * The GB 3095-2012 limit of a pollutant and period for a grade, or undefined when the standard sets none
 * (e.g. CO annual).
 * @example airLimit('pm25', '24h') === 75
 */
export function airLimit(pollutant: AirLimitPollutant, period: AveragingPeriod, grade: AirGrade = 'II'): number | undefined {
  const r = GB3095_LIMITS.find((x) => x.pollutant === pollutant && x.period === period)
  return r === undefined ? undefined : grade === 'I' ? r.gradeI : r.gradeII
}

/** Whether `value` exceeds the limit (strictly above; equal complies). False when there is no limit or no value. */
export function exceedsAirLimit(pollutant: AirLimitPollutant, period: AveragingPeriod, value: number, grade: AirGrade = 'II'): boolean {
  const limit = airLimit(pollutant, period, grade)
  return limit !== undefined && Number.isFinite(value) && value > limit
}

/** One exceeded limit of a day. */
export interface AirExceedance {
  pollutant: AirLimitPollutant
  period: AveragingPeriod
  value: number
  limit: number
  /** (value - limit) / limit, the exceedance multiple (超标倍数). */
  multiple: number
}

/**
 * The GB 3095-2012 limits a day's statistics exceed: the 24-h means of SO2, NO2, CO, PM10, PM2.5, the
 * daily max 8-h O3 and the daily max 1-h O3. A day meets grade II when the list is empty and all are
 * present; for these inputs that is the same as a daily AQI <= 100, because HJ 633-2012's IAQI-100
 * breakpoints are the grade-II limits.
 */
export function dailyExceedances(day: DailyAqiInput, grade: AirGrade = 'II'): AirExceedance[] {
  const out: AirExceedance[] = []
  const check = (pollutant: AirLimitPollutant, period: AveragingPeriod, value: number | undefined): void => {
    if (value === undefined || !exceedsAirLimit(pollutant, period, value, grade)) return
    const limit = airLimit(pollutant, period, grade)!
    out.push({ pollutant, period, value, limit, multiple: (value - limit) / limit })
  }
  check('so2', '24h', day.so2_24h)
  check('no2', '24h', day.no2_24h)
  check('co', '24h', day.co_24h)
  check('pm10', '24h', day.pm10_24h)
  check('pm25', '24h', day.pm25_24h)
  check('o3', '8h-max', day.o3_8h)
  check('o3', '1h', day.o3_1h)
  return out
}
