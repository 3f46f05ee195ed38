/**
 * Air quality target: the good-days ratio (优良天数比例) against a configurable national/provincial
 * target (default 90 %), with the count of grade-II days.
 *
 * City daily values: for each completed CST day, each statistic (SO2, NO2, CO, PM10, PM2.5 24-h means,
 * daily max 8-h O3, daily max 1-h O3) is the arithmetic mean over the listed stations that have it
 * (HJ 663-2013 city value = mean of its stations; note: for O3 HJ 663-2013 takes the 8-h max of the city
 * hourly mean series, while here it is the mean of station daily maxima — close, not identical; pass a
 * single pseudo-station with city statistics to follow HJ 663-2013 exactly). The city daily AQI is
 * HJ 633-2012's, requiring all six pollutants; a day is good with AQI <= 100, and a grade-II day when no
 * GB 3095-2012 Table 1 grade-II limit is exceeded (the same days, since the IAQI-100 breakpoints are the
 * grade-II limits; both are reported).
 *
 *   ratio = 100 × good days / days with a valid daily AQI
 *
 * Status in progress: `missed` when even all remaining days good cannot reach the target
 * ((good + R) / (valid + R) < target), `met` when even all remaining days bad cannot miss it
 * (good / (valid + R) >= target) or the ratio is above target by >= `marginPct` points, else at-risk.
 */
import { dailyExceedances } from '../standards/air-limits'
import { dailyAqi, type DailyAqiInput } from '../standards/aqi'
import { periodDays } from './period-days'
import { judge } from './status'
import type { DailyAggregate, Evaluation, TargetResult } from './types'

const KEYS: readonly (keyof DailyAqiInput)[] = ['so2_24h', 'no2_24h', 'co_24h', 'pm10_24h', 'pm25_24h', 'o3_8h', 'o3_1h']

/** Options of {@link airGoodDays}. */
export interface AirGoodDaysOptions extends Evaluation {
  /** Default 90 (%). */
  targetPct?: number
  /** At-risk margin, percentage points; default 2. */
  marginPct?: number
}

/**
 * Good-days ratio of the city over a period from station daily statistics (keys of DailyAqiInput).
 * @example airGoodDays(['A1'], daily, { period, targetPct: 90 }).detail?.goodDays
 */
export function airGoodDays(stations: string[], daily: DailyAggregate[], opts: AirGoodDaysOptions): TargetResult {
  const target = opts.targetPct ?? 90
  const pd = periodDays(opts)
  const isStation = new Set(stations)
  const sums = new Map<string, { sum: number[]; n: number[] }>()
  const seen = new Set<string>()
  for (const d of daily) {
    if (!isStation.has(d.stationId)) continue
    let s = sums.get(d.day)
    if (!s) sums.set(d.day, (s = { sum: KEYS.map(() => 0), n: KEYS.map(() => 0) }))
    KEYS.forEach((k, j) => {
      const x = d.values[k]
      if (x === undefined || !Number.isFinite(x)) return
      s.sum[j]! += x
      s.n[j]!++
      seen.add(d.stationId)
    })
  }
  let good = 0
  let valid = 0
  let gradeII = 0
  const counted: string[] = []
  const excluded: { id: string; why: string }[] = []
  for (const day of pd.completed) {
    const s = sums.get(day)
    const city: DailyAqiInput = {}
    KEYS.forEach((k, j) => {
      if (s && s.n[j]! > 0) city[k] = s.sum[j]! / s.n[j]!
    })
    const r = dailyAqi(city)
    if (r.aqi === undefined) {
      excluded.push({ id: day, why: `no valid daily AQI (missing ${r.missing.join(', ')})` })
      continue
    }
    counted.push(day)
    valid++
    if (r.aqi <= 100) good++
    if (dailyExceedances(city, 'II').length === 0) gradeII++
  }
  const value = valid > 0 ? (100 * good) / valid : null
  const R = pd.remaining
  const reachable = (100 * (good + R)) / (valid + R) >= target
  const secure = valid + R > 0 && (100 * good) / (valid + R) >= target
  return {
    id: 'air-good-days',
    title: { zh: '空气质量优良天数比例', en: 'Air quality good-days ratio' },
    value,
    target,
    comparator: '>=',
    unit: '%',
    status: judge(value, target, '>=', { inProgress: pd.inProgress, margin: opts.marginPct ?? 2, reachable, secure }),
    period: opts.period,
    method:
      `City daily statistics = mean over stations; HJ 633-2012 daily AQI of the six pollutants; ` +
      `${good} good day(s) (AQI <= 100) / ${valid} day(s) with a valid AQI; ${gradeII} day(s) met GB 3095-2012 grade II; ` +
      `${R} day(s) of the period remain.`,
    counted: { stations: stations.filter((s) => seen.has(s)), days: counted, excluded },
    detail: { goodDays: good, validDays: valid, gradeIIDays: gradeII, remainingDays: R },
  }
}
