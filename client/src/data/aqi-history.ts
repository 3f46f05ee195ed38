/**
 * Hourly AQI history of an air station computed in the browser from its hourly means (the API
 * serves the current AQI only) with the one shared definition, standards/aqi.ts `hourlyAqi`: the
 * six 1-h means (HJ 633-2012 §5.2 as the national real-time release applies it; no 8-h O3 or 24-h
 * PM input), and the 24-h SO2 moving mean only for the SO2 > 800 substitution. Columnar output. Pure.
 */
import { hourlyAqi, AIR_POLLUTANTS } from '../../../shared/src/standards/aqi'
import { movingMeans24h } from '../../../shared/src/standards/daily-means'
import { hourGrid } from './hourly-grid'

/** Hourly AQI, columnar: `aqi[i]` for the hour starting `t[i]` (NaN = no pollutant). */
export interface AqiHistory {
  t: Float64Array
  aqi: Float64Array
  /** Primary pollutant(s) per hour, comma-joined ('' when AQI <= 50 or missing). */
  primary: string[]
  len: number
}

/** The metrics to request (every=1h) for {@link aqiHistory}. */
export const AQI_METRICS: readonly string[] = AIR_POLLUTANTS

/**
 * Hourly AQI over [from, to) from `every=1h` series of the six pollutants.
 * @example aqiHistory(response.series, from, to).aqi
 */
export function aqiHistory(series: readonly { metric: string; t: number[]; v: number[] }[], from: number, to: number): AqiHistory {
  const grid = (m: string) => hourGrid(series.find((s) => s.metric === m), from, to)
  const so2 = grid('so2')
  const no2 = grid('no2')
  const co = grid('co')
  const pm10 = grid('pm10')
  const pm25 = grid('pm25')
  const o3 = grid('o3')
  const so2_24h = movingMeans24h(so2)
  const len = so2.len
  const aqi = new Float64Array(len)
  const primary: string[] = new Array<string>(len)
  for (let i = 0; i < len; i++) {
    const r = hourlyAqi({ so2_1h: so2.v[i], no2_1h: no2.v[i], co_1h: co.v[i], o3_1h: o3.v[i], pm10_1h: pm10.v[i], pm25_1h: pm25.v[i], so2_24h: so2_24h[i] })
    aqi[i] = r.aqi ?? Number.NaN
    primary[i] = r.primary.join(',')
  }
  return { t: so2.t, aqi, primary, len }
}
