/**
 * Air station evaluation (GB 3095-2012, HJ 633-2012):
 *
 * - per reading: the moving 1-h mean of SO2, NO2, CO, O3 (N/S samples of the trailing 60 min) vs
 *   the 1-h limits. GB 3095-2012 §3 defines the 1-h mean as the mean over any 1 hour, so the
 *   trailing hour is one; it equals the clock-hour mean at each hour's end, and it reaches a value
 *   from the first sample, so a breach is seen as it is measured. Fewer than 45 min of sampling in
 *   the window is said in the detail (`partial`, GB 3095-2012 Table 4 validity not yet reached).
 * - when a clock hour closes: its 1-h means (>= 45 min of sampling, Table 4, via
 *   standards/hourlyMeans) enter the 24-slot rings; then the 24-h moving means of PM2.5, PM10, SO2,
 *   NO2, CO (>= 20 valid hours), the O3 8-h moving mean (>= 6 valid hours) and the hourly AQI
 *   are observed at the hour's end. The hourly AQI is standards/aqi.ts `hourlyAqi` of the hour's six
 *   1-h means (national real-time practice on HJ 633-2012 §5.2: the O3 8-h and PM 24-h moving means
 *   are observed beside it, not indexed; the SO2 24-h moving mean is supplied only for the SO2 1-h
 *   > 800 substitution).
 */
import { isValidFlag, type Reading } from '../domain/reading'
import type { AqiSummary } from '../protocol/events'
import { hourlyAqi } from '../standards/aqi'
import { HOUR_MS } from '../standards/time'
import type { Observation } from './alert-book'
import { AIR_1H, AIR_24H, AIR_METRICS } from './standard-rules'
import { fmt, type AqiSnapshot, type StationState } from './standard-state'

/** GB 3095-2012 Table 4: minutes of sampling for a valid 1-h mean. */
const VALID_MINUTES = 45

/** The 1-h rule id of each pollutant (built once: this runs for every reading). */
const RULE_1H = new Map(AIR_1H.map((p) => [p, `air.${p}.1h`]))

/** Observations of one air reading: moving 1-h means of the pollutants it carries. */
export function airReading(s: StationState, r: Reading, added: ReadonlySet<string>, out: Observation[]): void {
  for (const p of AIR_1H) {
    if (!added.has(p) || !isValidFlag(r.flags?.[p])) continue
    const m = s.metric(p).samples.movingMean(r.ts, HOUR_MS, s.intervalMs)
    s.emit(out, s.rules.get(RULE_1H.get(p)!), m.mean, r.ts, () => {
      const partial = m.minutes < VALID_MINUTES ? `; partial: ${fmt(m.minutes)} min of sampling, 45 needed for a valid 1-h mean` : ''
      return `moving 1-h mean of ${m.n} sample(s)${partial}`
    })
  }
}

/** Close the clock hour starting at `hour`: record its 1-h means and observe the windowed rules. */
export function airHourClosed(s: StationState, hour: number, out: Observation[]): void {
  for (const p of AIR_METRICS) {
    const m = s.metric(p)
    m.hours.push(hour, m.samples.hourMean(hour, s.intervalMs).mean)
  }
  const end = hour + HOUR_MS
  for (const p of AIR_24H) {
    const ring = s.metric(p).hours
    s.emit(out, s.rules.get(`air.${p}.24h`), ring.mean24h(), end, `24-h moving mean of ${ring.validHours()} valid hourly means`)
  }
  const o3 = s.metric('o3').hours
  const o3_8h = o3.mean8h()
  s.emit(out, s.rules.get('air.o3.8h'), o3_8h, end, `8-h moving mean of ${o3.validHours(8)} valid hourly means`)
  const last = (p: string) => s.metric(p).hours.last()
  // The six 1-h values only; the O3 8-h mean above is observed beside the AQI, not indexed in it.
  const r = hourlyAqi({
    so2_1h: last('so2'),
    no2_1h: last('no2'),
    co_1h: last('co'),
    o3_1h: last('o3'),
    pm10_1h: last('pm10'),
    pm25_1h: last('pm25'),
    so2_24h: s.metric('so2').hours.mean24h(),
  })
  if (r.aqi === undefined) return
  s.aqi = { hour, result: r }
  const primary = r.primary.length > 0 ? `primary ${r.primary.join(', ')}` : 'no primary pollutant (AQI <= 50)'
  const missing = r.missing.length > 0 ? `; missing ${r.missing.join(', ')}` : ''
  s.emit(out, s.rules.get('air.aqi.1h'), r.aqi, end, `${r.level!.en} (${r.level!.zh}); ${primary}${missing}`)
}

/**
 * The AqiSummary shown on a station and pushed with its readings: the latest hourly AQI, its
 * HJ 633-2012 Table 2 level, category and colour; `ts` is the start of the hour [ts, end), `end`
 * its end (the label CNEMC's release gives the same hour).
 * @example aqiSummary(snapshot).color // '#ffff00' for AQI 51–100
 */
export function aqiSummary(a: AqiSnapshot): AqiSummary {
  const lv = a.result.level!
  return {
    aqi: a.result.aqi!,
    level: lv.level,
    category: { zh: lv.zh, en: lv.en },
    color: lv.hex,
    primary: [...a.result.primary],
    basis: 'hourly',
    ts: new Date(a.hour).toISOString(),
    end: new Date(a.hour + HOUR_MS).toISOString(),
  }
}
