/**
 * Air quality of a period (a month or a year) from daily statistics, as HJ 663-2013 evaluates a
 * period, for a station or for the city (city days: city-days.ts):
 *
 * - good days (daily AQI ≤ 100, HJ 633-2012 levels I–II) over days with a valid daily AQI (all six
 *   pollutants), and grade-II days (no GB 3095-2012 grade-II 24-h / 8-h / 1-h limit exceeded);
 * - the period means of SO2, NO2, PM10 and PM2.5: the arithmetic mean of the valid daily means;
 * - CO: the 95th percentile of the 24-h means; O3: the 90th percentile of the daily maximum 8-h
 *   means (HJ 663-2013, percentile.ts);
 * - whether the period has enough valid days for its statistics (HJ 663-2013 / GB 3095-2012 Table 4:
 *   ≥ 27 days in a month, ≥ 25 in February, ≥ 324 in a year; standards/annual.ts);
 * - the composite index (环境空气质量综合指数, 城市环境空气质量排名技术规定, 环办监测〔2018〕19号;
 *   check): Σ C_i / S_i over SO2, NO2, PM10, PM2.5 (period means over the grade-II annual limits 60,
 *   40, 70, 35 µg/m³), CO P95 over the 24-h limit 4 mg/m³ and O3 P90 over the 8-h limit 160 µg/m³.
 *   Lower is cleaner; stations and towns are ranked by it.
 */
import { dailyExceedances } from '../standards/air-limits'
import { dailyAqi, type DailyAqiInput } from '../standards/aqi'
import { MIN_DAYS_FEBRUARY, MIN_DAYS_PER_MONTH, MIN_DAYS_PER_YEAR } from '../standards/annual'
import { hjPercentile } from './percentile'
import type { ReportPeriod } from './report-period'

/** A period's air statistics (null: no value). */
export interface AirPeriodStats {
  /** Days with any statistic. */
  days: number
  /** Days with a valid daily AQI. */
  validDays: number
  goodDays: number
  gradeIIDays: number
  /** 100 × goodDays / validDays. */
  goodPct: number | null
  so2: number | null
  no2: number | null
  pm10: number | null
  pm25: number | null
  /** CO 24-h mean, 95th percentile, mg/m³. */
  co95: number | null
  /** O3 daily maximum 8-h mean, 90th percentile, µg/m³. */
  o3p90: number | null
  composite: number | null
  /** Enough valid days for the period statistics (HJ 663-2013). */
  enoughDays: boolean
  /** The days needed for `enoughDays`. */
  minDays: number
}

/** The composite index's divisors (GB 3095-2012 grade II). */
export const COMPOSITE_DIVISORS = { so2: 60, no2: 40, pm10: 70, pm25: 35, co95: 4, o3p90: 160 } as const

/** Valid days a period needs for its statistics. */
export function minDaysFor(p: Pick<ReportPeriod, 'grain' | 'first' | 'last'>): number {
  if (p.grain === 'year') return MIN_DAYS_PER_YEAR
  if (p.grain === 'month') return p.last - p.first + 1 === 28 || p.last - p.first + 1 === 29 ? MIN_DAYS_FEBRUARY : MIN_DAYS_PER_MONTH
  return 1
}

const num = (x: number) => (Number.isFinite(x) ? x : null)

/**
 * A period's statistics from its days' statistics (one entry per day with data; missing fields =
 * missing statistics).
 * @example airPeriodStats(days, 27).goodPct
 */
export function airPeriodStats(days: readonly DailyAqiInput[], minDays: number): AirPeriodStats {
  const sums = { so2: 0, no2: 0, pm10: 0, pm25: 0 }
  const ns = { so2: 0, no2: 0, pm10: 0, pm25: 0 }
  const co: number[] = []
  const o3: number[] = []
  let validDays = 0
  let goodDays = 0
  let gradeIIDays = 0
  let any = 0
  for (const d of days) {
    let has = false
    for (const k of ['so2', 'no2', 'pm10', 'pm25'] as const) {
      const x = d[`${k}_24h`]
      if (x === undefined || !Number.isFinite(x)) continue
      sums[k] += x
      ns[k]++
      has = true
    }
    if (d.co_24h !== undefined && Number.isFinite(d.co_24h)) {
      co.push(d.co_24h)
      has = true
    }
    if (d.o3_8h !== undefined && Number.isFinite(d.o3_8h)) {
      o3.push(d.o3_8h)
      has = true
    }
    if (has || (d.o3_1h !== undefined && Number.isFinite(d.o3_1h))) any++
    const aqi = dailyAqi(d).aqi
    if (aqi === undefined) continue
    validDays++
    if (aqi <= 100) goodDays++
    if (dailyExceedances(d, 'II').length === 0) gradeIIDays++
  }
  const mean = (k: keyof typeof sums) => (ns[k] > 0 ? sums[k] / ns[k] : null)
  const s = {
    so2: mean('so2'),
    no2: mean('no2'),
    pm10: mean('pm10'),
    pm25: mean('pm25'),
    co95: num(hjPercentile(co, 0.95)),
    o3p90: num(hjPercentile(o3, 0.9)),
  }
  let composite: number | null = 0
  for (const k of Object.keys(COMPOSITE_DIVISORS) as (keyof typeof COMPOSITE_DIVISORS)[]) {
    const x = s[k]
    composite = x === null || composite === null ? null : composite + x / COMPOSITE_DIVISORS[k]
  }
  return {
    days: any,
    validDays,
    goodDays,
    gradeIIDays,
    goodPct: validDays > 0 ? (100 * goodDays) / validDays : null,
    ...s,
    composite,
    enoughDays: validDays >= minDays,
    minDays,
  }
}
