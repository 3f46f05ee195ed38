/**
 * Which towns drove a month's bad air days: for each town and each CST day, the town's daily AQI
 * (HJ 633-2012, all six pollutants required) from the mean of its stations' daily statistics (the
 * city value method of HJ 663-2013, applied to the town's stations); the city's own daily AQI from
 * all stations, as the good-days target computes it (shared/src/targets/air-good-days.ts). A day is
 * bad with AQI > 100. Towns rank by bad days, then by how many of them were also city bad days,
 * then by the worst AQI. Pure.
 */
import { dailyAqi, type AirPollutant, type DailyAqiInput } from '../../../shared/src/standards/aqi'
import type { AqiLevelId } from '../../../shared/src/standards/aqi-table'

const KEYS: readonly (keyof DailyAqiInput)[] = ['so2_24h', 'no2_24h', 'co_24h', 'pm10_24h', 'pm25_24h', 'o3_8h', 'o3_1h']

/** A station's days: index k ↔ the k-th day of the month. */
export interface StationDays {
  stationId: string
  town: string
  days: readonly DailyAqiInput[]
}

/** One town's month. */
export interface TownBadDays {
  town: string
  stations: number
  /** Daily AQI per day (NaN = no valid AQI). */
  aqi: Float64Array
  validDays: number
  badDays: number
  /** Bad days by HJ 633-2012 level (III..VI). */
  byLevel: Record<'III' | 'IV' | 'V' | 'VI', number>
  /** Bad days of the town that were also bad days of the city. */
  cityOverlap: number
  worstAqi: number
  /** Day index of the worst AQI (-1 when none). */
  worstDay: number
  /** How often each pollutant was primary on the town's bad days. */
  primary: Partial<Record<AirPollutant, number>>
}

/** The month's result. */
export interface BadDaysResult {
  towns: TownBadDays[]
  /** The city's daily AQI per day (NaN = no valid AQI). */
  cityAqi: Float64Array
  cityValidDays: number
  cityBadDays: number
}

/** The mean of each statistic over the days that have it (undefined when none has any). */
function meanDay(days: readonly (DailyAqiInput | undefined)[]): DailyAqiInput {
  const out: DailyAqiInput = {}
  for (const k of KEYS) {
    let sum = 0
    let n = 0
    for (const d of days) {
      const x = d?.[k]
      if (x !== undefined && Number.isFinite(x)) {
        sum += x
        n++
      }
    }
    if (n > 0) out[k] = sum / n
  }
  return out
}

function levelOf(aqi: number): AqiLevelId {
  return aqi <= 50 ? 'I' : aqi <= 100 ? 'II' : aqi <= 150 ? 'III' : aqi <= 200 ? 'IV' : aqi <= 300 ? 'V' : 'VI'
}

/**
 * Bad days per town and for the city over `dayCount` days.
 * @example badDaysByTown(stationDays, 31).towns[0].town // the town with the most bad days
 */
export function badDaysByTown(stations: readonly StationDays[], dayCount: number): BadDaysResult {
  const cityAqi = new Float64Array(dayCount).fill(Number.NaN)
  let cityValidDays = 0
  let cityBadDays = 0
  for (let k = 0; k < dayCount; k++) {
    const a = dailyAqi(meanDay(stations.map((s) => s.days[k]))).aqi
    if (a === undefined) continue
    cityAqi[k] = a
    cityValidDays++
    if (a > 100) cityBadDays++
  }
  const byTown = new Map<string, StationDays[]>()
  for (const s of stations) byTown.set(s.town, [...(byTown.get(s.town) ?? []), s])
  const towns: TownBadDays[] = []
  for (const [town, list] of byTown) {
    const r: TownBadDays = {
      town,
      stations: list.length,
      aqi: new Float64Array(dayCount).fill(Number.NaN),
      validDays: 0,
      badDays: 0,
      byLevel: { III: 0, IV: 0, V: 0, VI: 0 },
      cityOverlap: 0,
      worstAqi: Number.NaN,
      worstDay: -1,
      primary: {},
    }
    for (let k = 0; k < dayCount; k++) {
      const res = dailyAqi(meanDay(list.map((s) => s.days[k])))
      if (res.aqi === undefined) continue
      r.aqi[k] = res.aqi
      r.validDays++
      if (!(res.aqi <= r.worstAqi)) {
        r.worstAqi = res.aqi
        r.worstDay = k
      }
      if (res.aqi <= 100) continue
      r.badDays++
      r.byLevel[levelOf(res.aqi) as 'III']++
      if (cityAqi[k]! > 100) r.cityOverlap++
      for (const p of res.primary) r.primary[p] = (r.primary[p] ?? 0) + 1
    }
    towns.push(r)
  }
  towns.sort(
    (a, b) =>
      b.badDays - a.badDays || b.cityOverlap - a.cityOverlap || (b.worstAqi || 0) - (a.worstAqi || 0) || a.town.localeCompare(b.town),
  )
  return { towns, cityAqi, cityValidDays, cityBadDays }
}

/** The pollutant most often primary on a town's bad days, if any. */
export function mainPollutant(t: Pick<TownBadDays, 'primary'>): AirPollutant | undefined {
  let best: AirPollutant | undefined
  for (const [p, n] of Object.entries(t.primary) as [AirPollutant, number][]) if (!best || n > t.primary[best]!) best = p
  return best
}
