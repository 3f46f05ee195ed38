/**
 * The public daily report's summary (until the reports' daily air report is linked): one CST day's
 * daily AQI, level and primary pollutant per air station (HJ 633-2012 §5.1), from the same daily
 * aggregates as the targets (server/src/targets/daily-aggregates.ts: 24-h means with >= 20 valid
 * hours, daily max 1-h and max 8-h O3, valid data only). The city line is the daily AQI of the
 * stations' mean daily values (HJ 663-2013: a city's concentration is the mean of its points).
 */
import { dailyAqi, type DailyAqiInput } from '../../../shared/src/standards/aqi'
import { cstDate, cstDayStart } from '../../../shared/src/standards/time'
import type { Series, Store } from '../../../shared/src/ports/store'
import type { Station } from '../../../shared/src/domain/station'
import type { PublicDailyBody, PublicDailyStation } from '../../../shared/src/protocol/http/public'
import { DAY_INPUTS, airDays } from '../targets/daily-aggregates'

/** Each air station's day values (keys of DailyAqiInput), by station id. */
async function dayValues(
  store: Pick<Store, 'series' | 'seriesMany'>,
  stations: readonly Station[],
  day: number,
): Promise<Map<string, DailyAqiInput>> {
  const q = {
    metrics: [...DAY_INPUTS.air.metrics],
    from: cstDayStart(day),
    to: cstDayStart(day + 1),
    every: '1h' as const,
    fn: 'mean' as const,
    validOnly: true,
  }
  let byStation: Map<string, Series[]>
  if (store.seriesMany && stations.length > 1) byStation = await store.seriesMany({ ...q, stationIds: stations.map((s) => s.id) })
  else byStation = new Map(await Promise.all(stations.map(async (s) => [s.id, await store.series({ ...q, stationId: s.id })] as const)))
  const out = new Map<string, DailyAqiInput>()
  for (const s of stations) {
    const d = airDays(s.id, byStation.get(s.id) ?? [], { first: day, last: day })[0]
    if (d) out.set(s.id, d.values as DailyAqiInput)
  }
  return out
}

/** The mean of each daily statistic over the stations that have it. */
function meanDay(days: readonly DailyAqiInput[]): DailyAqiInput {
  const sum: Record<string, number> = {}
  const n: Record<string, number> = {}
  for (const d of days) {
    for (const [k, v] of Object.entries(d)) {
      if (typeof v !== 'number' || !Number.isFinite(v)) continue
      sum[k] = (sum[k] ?? 0) + v
      n[k] = (n[k] ?? 0) + 1
    }
  }
  return Object.fromEntries(Object.keys(sum).map((k) => [k, sum[k]! / n[k]!])) as DailyAqiInput
}

/** One CST day's daily AQI per air station and for the city (the body without its data label). */
export async function dailySummary(
  store: Pick<Store, 'series' | 'seriesMany'>,
  stations: readonly Station[],
  day: number,
): Promise<Omit<PublicDailyBody, 'data'>> {
  const values = await dayValues(store, stations, day)
  const lines: PublicDailyStation[] = stations.map((s) => {
    const v = values.get(s.id)
    const r = v ? dailyAqi(v) : undefined
    const l = r?.aqi !== undefined ? r.level : undefined
    return {
      id: s.id,
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      aqi: l ? r!.aqi! : null,
      level: l?.level ?? null,
      category: l ? { zh: l.zh, en: l.en } : null,
      color: l?.hex ?? null,
      primary: l ? [...r!.primary] : [],
    }
  })
  const complete = [...values.values()].filter((v) => dailyAqi(v).aqi !== undefined)
  const city = complete.length ? dailyAqi(meanDay(complete)) : undefined
  return {
    day: cstDate(day),
    city:
      city?.aqi !== undefined && city.level
        ? {
            aqi: city.aqi,
            level: city.level.level,
            category: { zh: city.level.zh, en: city.level.en },
            color: city.level.hex,
            primary: [...city.primary],
          }
        : null,
    stations: lines,
  }
}
