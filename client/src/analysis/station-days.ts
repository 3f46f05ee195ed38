/**
 * An air station's daily AQI statistics for each CST day of a span, from its `every=1h` (N/S only)
 * series: 24-h means of SO2, NO2, CO, PM10, PM2.5 (>= 20 valid hours, GB 3095-2012 Table 4), the
 * daily max 8-h O3 and daily max 1-h O3 (shared/src/standards/ozone.ts). The same computation as
 * the targets board's station-days (server/src/targets/daily-aggregates.ts airDays), so the two
 * agree. Pure.
 */
import type { DailyAqiInput } from '../../../shared/src/standards/aqi'
import { dailyMeans, MIN_HOURS_PER_DAY } from '../../../shared/src/standards/daily-means'
import { dailyMax1h, dailyMax8hO3 } from '../../../shared/src/standards/ozone'
import { cstDayStart } from '../../../shared/src/standards/time'
import { hourGrid } from '../data/hourly-grid'

/** The metrics to request for {@link airStationDays}. */
export const DAY_METRICS: readonly string[] = ['so2', 'no2', 'co', 'pm10', 'pm25', 'o3']

/**
 * Daily statistics for CST days first..last (inclusive), index k = day first + k; a day without
 * any valid statistic is an empty object.
 * @example airStationDays(r.series, day0, day0 + 30)[0].pm25_24h
 */
export function airStationDays(
  series: readonly { metric: string; t: number[]; v: number[] }[],
  first: number,
  last: number,
): DailyAqiInput[] {
  const from = cstDayStart(first)
  const to = cstDayStart(last + 1)
  const grid = (m: string) =>
    hourGrid(
      series.find((s) => s.metric === m),
      from,
      to,
    )
  const means = (['so2', 'no2', 'co', 'pm10', 'pm25'] as const).map(
    (p) => [`${p}_24h` as const, dailyMeans(grid(p), MIN_HOURS_PER_DAY)] as const,
  )
  const o3 = grid('o3')
  const o3_8h = dailyMax8hO3(o3)
  const o3_1h = dailyMax1h(o3)
  const out: DailyAqiInput[] = []
  for (let k = 0; k <= last - first; k++) {
    const d: DailyAqiInput = {}
    for (const [key, s] of means) if (Number.isFinite(s.v[k])) d[key] = s.v[k]
    if (Number.isFinite(o3_8h.v[k])) d.o3_8h = o3_8h.v[k]
    if (Number.isFinite(o3_1h.v[k])) d.o3_1h = o3_1h.v[k]
    out.push(d)
  }
  return out
}
