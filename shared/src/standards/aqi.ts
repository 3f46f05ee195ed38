/**
 * Air quality index (HJ 633-2012): hourly (real-time) and daily AQI, primary and exceeding pollutants,
 * level, category and colour.
 *
 * - AQI = max of the pollutants' IAQIs (HJ 633-2012 §4.3 formula (2)).
 * - Primary pollutant(s): the pollutant(s) with the largest IAQI when AQI > 50 (HJ 633-2012 §4.4).
 * - Exceeding pollutants: IAQI > 100 (HJ 633-2012 §4.4).
 * - Daily AQI: 24-h means of SO2, NO2, CO, PM10, PM2.5, the daily max 1-h O3 and the daily max 8-h O3
 *   (HJ 633-2012 §5.1; 1-h columns of SO2/NO2/CO are not used, Table 1 note (3)).
 * - Hourly (real-time) AQI: the six 1-h values only: SO2, NO2, CO and O3 against their 1-h breakpoints,
 *   PM10 and PM2.5 1-h values against the 24-h breakpoints (HJ 633-2012 Table 1 has no 1-h PM
 *   column). Which values the real-time report indexes is not spelled out by HJ 633-2012's table;
 *   this is the national real-time release practice (China National Environmental Monitoring Centre), checked
 *   row by row against its published station-hours: `fixtures/cnemc-hours.json`. The O3 8-h moving
 *   mean and the PM 24-h moving means are published beside the hourly AQI, not indexed in it (with
 *   the 8-h O3 indexed too, 16 of those 31 hours come out wrong, summer AQIs up to 59 points high).
 *   {@link hourlyAqi} is the one definition: the rules engine, the server and the browser call it.
 * - O3 in the daily AQI: the larger of the daily max 1-h and daily max 8-h IAQIs; O3 8-h above 800
 *   has no IAQI and the 1-h IAQI is used (HJ 633-2012 Table 1 note (2)). SO2 1-h above 800 → the SO2
 *   24-h IAQI (note (1)); in real time that is the 24-h moving mean, which must then be supplied.
 * - Completeness (option `requireAll`): the daily AQI is undefined unless all six pollutants have a
 *   value (a day missing a pollutant cannot be judged good); the hourly AQI by default uses what it has
 *   and lists the rest in `missing`.
 */
import { aqiLevel, type AqiLevel, type IaqiColumn } from './aqi-table'
import { iaqi } from './iaqi'

/** The six pollutants of the AQI (HJ 633-2012 §5). */
export const AIR_POLLUTANTS = ['so2', 'no2', 'co', 'pm10', 'pm25', 'o3'] as const
export type AirPollutant = (typeof AIR_POLLUTANTS)[number]

/**
 * Concentrations for an hourly AQI (µg/m³, CO mg/m³); absent or NaN = missing. Deliberately no O3
 * 8-h or PM 24-h field: they are not indexed in the real-time AQI (see the file doc).
 */
export interface HourlyAqiInput {
  so2_1h?: number
  no2_1h?: number
  co_1h?: number
  o3_1h?: number
  pm10_1h?: number
  pm25_1h?: number
  /** SO2 24-h moving mean, used only for the SO2 1-h > 800 substitution (HJ 633-2012 Table 1 note (1)). */
  so2_24h?: number
}

/** Concentrations for a daily AQI (µg/m³, CO mg/m³); absent or NaN = missing. */
export interface DailyAqiInput {
  so2_24h?: number
  no2_24h?: number
  co_24h?: number
  pm10_24h?: number
  pm25_24h?: number
  /** Daily maximum 1-h O3. */
  o3_1h?: number
  /** Daily maximum 8-h O3. */
  o3_8h?: number
}

/** Why a result deviates from the plain table lookup. */
export type AqiNote = 'so2-1h-above-800' | 'so2-1h-above-800-no-24h' | 'o3-8h-above-800' | 'capped-at-500'

/** An AQI with everything shown beside it. */
export interface AqiResult {
  /** Undefined when no pollutant has a value, or `requireAll` and one is missing. */
  aqi: number | undefined
  iaqi: Partial<Record<AirPollutant, number>>
  /** Which input field each IAQI came from (e.g. `so2: 'so2_24h'` after the > 800 substitution). */
  basis: Partial<Record<AirPollutant, string>>
  primary: AirPollutant[]
  exceeding: AirPollutant[]
  level: AqiLevel | undefined
  missing: AirPollutant[]
  notes: AqiNote[]
}

/** Options of {@link hourlyAqi}. */
export interface HourlyAqiOptions {
  /** Undefined AQI unless all six pollutants have an IAQI; default false. */
  requireAll?: boolean
}

type Candidate = { field: string; column: IaqiColumn; c: number | undefined }

class Builder {
  readonly r: AqiResult = { aqi: undefined, iaqi: {}, basis: {}, primary: [], exceeding: [], level: undefined, missing: [], notes: [] }

  /** Set a pollutant's IAQI from the best of its candidates (largest IAQI wins; later wins ties). */
  set(p: AirPollutant, candidates: Candidate[]): void {
    for (const k of candidates) {
      if (k.c === undefined || Number.isNaN(k.c)) continue
      const o = iaqi(k.column, k.c)
      if (!o.ok) {
        if (o.reason === 'beyond-column' && k.column === 'o3_8h') this.note('o3-8h-above-800')
        continue
      }
      if (o.capped) this.note('capped-at-500')
      const cur = this.r.iaqi[p]
      if (cur === undefined || o.value >= cur) {
        this.r.iaqi[p] = o.value
        this.r.basis[p] = k.field
      }
    }
  }

  note(n: AqiNote): void {
    if (!this.r.notes.includes(n)) this.r.notes.push(n)
  }

  finish(requireAll: boolean): AqiResult {
    const r = this.r
    let max = -1
    for (const p of AIR_POLLUTANTS) {
      const v = r.iaqi[p]
      if (v === undefined) r.missing.push(p)
      else if (v > max) max = v
    }
    if (max < 0 || (requireAll && r.missing.length > 0)) return r
    r.aqi = max
    r.level = aqiLevel(max)
    for (const p of AIR_POLLUTANTS) {
      const v = r.iaqi[p]
      if (v === undefined) continue
      if (max > 50 && v === max) r.primary.push(p) // HJ 633-2012 §4.4
      if (v > 100) r.exceeding.push(p) // HJ 633-2012 §4.4
    }
    return r
  }
}

/**
 * Hourly (real-time) AQI of one station-hour from its six 1-h values (HJ 633-2012 §5.2 as the
 * national real-time release applies it; see the file doc).
 * @example hourlyAqi({ pm25_1h: 80, o3_1h: 120 }).aqi // 107
 */
export function hourlyAqi(input: HourlyAqiInput, opts: HourlyAqiOptions = {}): AqiResult {
  const b = new Builder()
  const so2 = input.so2_1h
  if (so2 !== undefined && so2 > 800) {
    // HJ 633-2012 Table 1 note (1): SO2 1-h above 800 → use the SO2 24-h IAQI.
    b.note('so2-1h-above-800')
    if (input.so2_24h === undefined || Number.isNaN(input.so2_24h)) b.note('so2-1h-above-800-no-24h')
    b.set('so2', [{ field: 'so2_24h', column: 'so2_24h', c: input.so2_24h }])
  } else {
    b.set('so2', [{ field: 'so2_1h', column: 'so2_1h', c: so2 }])
  }
  b.set('no2', [{ field: 'no2_1h', column: 'no2_1h', c: input.no2_1h }])
  b.set('co', [{ field: 'co_1h', column: 'co_1h', c: input.co_1h }])
  // No 1-h PM column in HJ 633-2012 Table 1: the 1-h values are indexed on the 24-h breakpoints.
  b.set('pm10', [{ field: 'pm10_1h', column: 'pm10_24h', c: input.pm10_1h }])
  b.set('pm25', [{ field: 'pm25_1h', column: 'pm25_24h', c: input.pm25_1h }])
  b.set('o3', [{ field: 'o3_1h', column: 'o3_1h', c: input.o3_1h }])
  return b.finish(opts.requireAll ?? false)
}

/**
 * Daily AQI (HJ 633-2012 §5.1). With `requireAll` (default true) the AQI is undefined unless SO2, NO2,
 * CO, PM10, PM2.5 and O3 (either O3 statistic) all have a value.
 * @example dailyAqi({ so2_24h: 10, no2_24h: 30, co_24h: 0.8, pm10_24h: 60, pm25_24h: 40, o3_8h: 120, o3_1h: 150 }).aqi // 67
 */
export function dailyAqi(input: DailyAqiInput, opts: { requireAll?: boolean } = {}): AqiResult {
  const b = new Builder()
  b.set('so2', [{ field: 'so2_24h', column: 'so2_24h', c: input.so2_24h }])
  b.set('no2', [{ field: 'no2_24h', column: 'no2_24h', c: input.no2_24h }])
  b.set('co', [{ field: 'co_24h', column: 'co_24h', c: input.co_24h }])
  b.set('pm10', [{ field: 'pm10_24h', column: 'pm10_24h', c: input.pm10_24h }])
  b.set('pm25', [{ field: 'pm25_24h', column: 'pm25_24h', c: input.pm25_24h }])
  b.set('o3', [
    { field: 'o3_1h', column: 'o3_1h', c: input.o3_1h },
    { field: 'o3_8h', column: 'o3_8h', c: input.o3_8h },
  ])
  return b.finish(opts.requireAll ?? true)
}
