/**
 * Wastewater plant effluent evaluation, GB 18918-2002 Table 1 (daily mean values), when a clock hour
 * closes. Each item's hourly mean enters its ring; the rule value is the mean of the valid hourly
 * means of the CST day so far (standards/dailyMeans):
 *
 * - during the day, the day-to-date mean is an early warning, observed once the day has
 *   {@link DAY_TO_DATE_MIN_HOURS} valid hours (a plant upset shows within hours, not at midnight);
 * - at the day's end (the hour ending 24:00 CST) the value is the daily mean, observed only when the
 *   day has >= 20 valid hourly means (GB 3095-2012 Table 4's 24-h rule applied by analogy; (check)
 *   HJ 355/356 for the exact completeness rule of wastewater online monitoring).
 *
 * One rule per item carries both, so an upset opens one alert, not two. NH3-N: the limit follows the
 * day's mean water temperature when the plant reports `temp` (> 12 °C vs <= 12 °C, Table 1 note),
 * else the > 12 °C limit. TP: by build date (Station.builtDate). Class: Station.standardClass, default 1A.
 */
import { MIN_HOURS_PER_DAY } from '../standards/daily-means'
import { NH3N_COLD_MAX_C } from '../standards/wastewater'
import { HOUR_MS, cstDay, cstDayStart } from '../standards/time'
import type { Observation } from './alert-book'
import { DAY_TO_DATE_MIN_HOURS, WASTEWATER_METRICS, WASTEWATER_UPPER_ITEMS, wastewaterRules } from './standard-rules'
import type { StationState } from './standard-state'

/** The NH3-N rule for the day's water temperature (standard limit unless the station overrides it). */
function nh3nRule(s: StationState, tempC: number) {
  const key = Number.isNaN(tempC) ? 'unknown' : tempC <= NH3N_COLD_MAX_C ? 'cold' : 'warm'
  return s.rules.variant('wastewater.nh3n.1d', key, () =>
    wastewaterRules(s.station, Number.isNaN(tempC) ? undefined : tempC).find((r) => r.id === 'wastewater.nh3n.1d'),
  )
}

/** Close the clock hour starting at `hour`: record the hourly means, observe the day-to-date or daily means. */
export function wastewaterHourClosed(s: StationState, hour: number, out: Observation[]): void {
  for (const item of WASTEWATER_METRICS) {
    const m = s.metric(item)
    m.hours.push(hour, m.samples.hourMean(hour, s.intervalMs).mean)
  }
  const end = hour + HOUR_MS
  const dayEnd = end === cstDayStart(cstDay(hour) + 1)
  const minHours = dayEnd ? MIN_HOURS_PER_DAY : DAY_TO_DATE_MIN_HOURS
  const temp = s.metric('temp').hours.dayToDate(1).mean
  for (const item of [...WASTEWATER_UPPER_ITEMS, 'ph'] as const) {
    const d = s.metric(item).hours.dayToDate(minHours)
    const rule = item === 'nh3n' ? nh3nRule(s, temp) : s.rules.get(`wastewater.${item}.1d`)
    const what = dayEnd ? 'daily mean' : 'day-to-date mean (early warning)'
    s.emit(out, rule, d.mean, end, `${what} of ${d.hours} valid hourly means`)
  }
}
