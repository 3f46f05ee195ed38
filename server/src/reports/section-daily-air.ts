/**
 * The daily air report's section: for the city and each air station, the day's AQI, level,
 * primary pollutant, the six pollutants' daily statistics (24-h means, O3 daily maximum 1-h and
 * maximum 8-h) and the GB 3095-2012 grade-II limits they exceed (HJ 633-2012 §5.1 daily AQI).
 */
import type { Cell, Section, Table } from '../../../shared/src/protocol/http/reports'
import { dailyExceedances } from '../../../shared/src/standards/air-limits'
import { dailyAqi, type DailyAqiInput } from '../../../shared/src/standards/aqi'
import { CityDays } from '../../../shared/src/reports/city-days'
import { col, completeness, fig, n, section, stationsOf, type BuildContext } from './report-parts'
import { POLLUTANT_NAMES } from './pollutants'

const STAT_COLUMNS = [
  col('so2_24h', 'SO₂ 24小时平均', 'SO₂ 24-h mean', 'µg/m³', 0),
  col('no2_24h', 'NO₂ 24小时平均', 'NO₂ 24-h mean', 'µg/m³', 0),
  col('co_24h', 'CO 24小时平均', 'CO 24-h mean', 'mg/m³', 1),
  col('pm10_24h', 'PM₁₀ 24小时平均', 'PM₁₀ 24-h mean', 'µg/m³', 0),
  col('pm25_24h', 'PM₂.₅ 24小时平均', 'PM₂.₅ 24-h mean', 'µg/m³', 0),
  col('o3_1h', 'O₃ 日最大1小时', 'O₃ daily max 1-h', 'µg/m³', 0),
  col('o3_8h', 'O₃ 日最大8小时', 'O₃ daily max 8-h', 'µg/m³', 0),
]

/** The row of one station (or the city) for a day. */
function row(id: string, name: Cell, town: string, d: DailyAqiInput): Cell[] {
  const r = dailyAqi(d)
  const over = dailyExceedances(d, 'II')
  return [
    id,
    name,
    town,
    n(r.aqi),
    r.level ? { zh: r.level.zh, en: r.level.en } : null,
    r.primary.length > 0 ? r.primary.map((p) => POLLUTANT_NAMES[p]).join(', ') : r.aqi !== undefined ? '—' : null,
    ...STAT_COLUMNS.map((c) => n(d[c.key as keyof DailyAqiInput])),
    over.length > 0
      ? over.map((x) => `${POLLUTANT_NAMES[x.pollutant]} ${x.period} ×${(1 + x.multiple).toFixed(2)}`).join('; ')
      : r.aqi !== undefined
        ? '—'
        : null,
  ]
}

/** The daily air section of `ctx.period` (a day). */
export async function dailyAirSection(ctx: BuildContext): Promise<Section> {
  const stations = stationsOf(ctx, 'air')
  const city = new CityDays(ctx.period.first, 1)
  const rows: Cell[][] = []
  let withAqi = 0
  for await (const { station, records } of ctx.days.each('air', stations, ctx.period)) {
    const d = (records[0]?.values ?? {}) as DailyAqiInput
    city.add(ctx.period.first, records[0]?.values ?? {})
    if (dailyAqi(d).aqi !== undefined) withAqi++
    rows.push(row(station.id, { zh: station.nameZh, en: station.nameEn }, station.town, d))
  }
  const cityDay = city.day(0)
  const cityRow = row('CITY', { zh: '全市', en: 'City' }, '', cityDay)
  const cityAqi = dailyAqi(cityDay)
  const table: Table = {
    id: 'stations',
    title: { zh: '各站点日空气质量', en: 'Daily air quality by station' },
    columns: [
      col('station', '站点编号', 'Station'),
      col('name', '站点名称', 'Name'),
      col('town', '镇街', 'Town'),
      col('aqi', 'AQI', 'AQI', undefined, 0),
      col('level', '级别', 'Level'),
      col('primary', '首要污染物', 'Primary pollutant'),
      ...STAT_COLUMNS,
      col('exceedances', '超标项目（二级）', 'Exceedances (grade II)'),
    ],
    rows: [cityRow, ...rows],
    chart: { column: 'aqi', limit: 100 },
  }
  return section(
    ctx,
    'air-daily',
    { zh: '环境空气质量日报', en: 'Daily air quality' },
    stations.map((s) => s.id),
    {
      completeness: completeness(withAqi, stations.length),
      figures: [
        fig('cityAqi', '全市AQI', 'City AQI', n(cityAqi.aqi), undefined, 0),
        fig('stationsWithAqi', '有效AQI站点数', 'Stations with a valid AQI', withAqi, undefined, 0),
        fig('stations', '站点总数', 'Air stations', stations.length, undefined, 0),
      ],
      tables: [table],
      notes: [
        {
          zh: '日AQI按HJ 633-2012计算（六项污染物齐全）；24小时平均需≥20个有效小时（GB 3095-2012）；全市值为各站点日统计值的算术平均（HJ 663-2013）。超标按GB 3095-2012二级浓度限值判定，倍数为浓度/限值。',
          en: 'Daily AQI per HJ 633-2012 (all six pollutants required); a 24-h mean needs ≥ 20 valid hours (GB 3095-2012); the city value is the mean of the stations’ daily statistics (HJ 663-2013). Exceedances against the GB 3095-2012 grade-II limits; the multiple is value / limit.',
        },
      ],
    },
  )
}
