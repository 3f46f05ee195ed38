/**
 * A station's last 24 hours of hourly AQI and its six pollutants' latest 1-h values for the public
 * page, from the store's hourly buckets of valid (N/S-flagged) data through the standards library
 * (HJ 633-2012 real-time AQI: the six 1-h values; shared/src/standards/aqi.ts). Also the city's
 * AQI: the AQI of the mean concentrations over the city's stations (HJ 663-2013 takes a city's
 * concentration as the arithmetic mean of its monitoring points).
 */
import { AIR_POLLUTANTS, hourlyAqi, type AirPollutant, type HourlyAqiInput } from '../../../shared/src/standards/aqi'
import { HOUR_MS } from '../../../shared/src/standards/time'
import type { Series } from '../../../shared/src/ports/store'
import type { PublicAqiHour } from '../../../shared/src/protocol/http/public'

/** Concentrations of one hour, by pollutant. */
export type HourValues = Partial<Record<AirPollutant, number>>

/** The hourly AQI input of one hour's 1-h values. */
export const hourlyInput = (v: HourValues): HourlyAqiInput => ({
  so2_1h: v.so2,
  no2_1h: v.no2,
  co_1h: v.co,
  o3_1h: v.o3,
  pm10_1h: v.pm10,
  pm25_1h: v.pm25,
})

/** The values of each hour in [from, from + hours h) (hours without data: empty). */
export function hourValues(series: readonly Series[], from: number, hours: number): HourValues[] {
  const out: HourValues[] = Array.from({ length: hours }, () => ({}))
  for (const s of series) {
    if (!(AIR_POLLUTANTS as readonly string[]).includes(s.metric)) continue
    for (let i = 0; i < s.t.length; i++) {
      const k = Math.round((s.t[i]! - from) / HOUR_MS)
      if (k >= 0 && k < hours && Number.isFinite(s.v[i]!)) out[k]![s.metric as AirPollutant] = s.v[i]!
    }
  }
  return out
}

/** Each hour's AQI, level and colour (null fields: no value that hour), oldest first. */
export function aqiHours(values: readonly HourValues[], from: number): PublicAqiHour[] {
  return values.map((v, k) => {
    const r = hourlyAqi(hourlyInput(v))
    const ts = new Date(from + k * HOUR_MS).toISOString()
    return r.aqi === undefined
      ? { ts, aqi: null, level: null, color: null }
      : { ts, aqi: r.aqi, level: r.level?.level ?? null, color: r.level?.hex ?? null }
  })
}

/** The newest hour with any value: its index and values, or undefined. */
export function newestHour(values: readonly HourValues[]): { index: number; values: HourValues } | undefined {
  for (let k = values.length - 1; k >= 0; k--) if (Object.keys(values[k]!).length > 0) return { index: k, values: values[k]! }
  return undefined
}

/** The mean of each pollutant over the stations that have it (HJ 663-2013: city = mean of its points). */
export function meanValues(stations: readonly HourValues[]): HourValues {
  const sum: HourValues = {}
  const n: Partial<Record<AirPollutant, number>> = {}
  for (const v of stations) {
    for (const p of AIR_POLLUTANTS) {
      const x = v[p]
      if (x === undefined) continue
      sum[p] = (sum[p] ?? 0) + x
      n[p] = (n[p] ?? 0) + 1
    }
  }
  const out: HourValues = {}
  for (const p of AIR_POLLUTANTS) if (n[p]) out[p] = sum[p]! / n[p]!
  return out
}
