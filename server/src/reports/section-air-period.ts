/**
 * The air section of the monthly and annual reports (HJ 663-2013 period assessment): the city's
 * good-days ratio and grade-II days, the period means, CO P95 and O3 P90, the composite index, their
 * month-on-month and year-on-year changes, the city's daily AQI, and the rankings of stations and
 * towns by composite index (shared/src/reports/air-period.ts has the formulas).
 *
 * One pass over the stations per period: each station's days are reduced to its period statistics
 * and added to the city's and its town's daily sums, then dropped.
 */
import type { Station } from '../../../shared/src/domain/station'
import type { Cell, Section, Table } from '../../../shared/src/protocol/http/reports'
import { airPeriodStats, minDaysFor, type AirPeriodStats } from '../../../shared/src/reports/air-period'
import { CityDays } from '../../../shared/src/reports/city-days'
import { change, rankBy } from '../../../shared/src/reports/ranking'
import { previousPeriod, yearBefore, type ReportPeriod } from '../../../shared/src/reports/report-period'
import { dailyAqi, type DailyAqiInput } from '../../../shared/src/standards/aqi'
import { cstDate, parseCstDate } from '../../../shared/src/standards/time'
import { POLLUTANT_NAMES } from './pollutants'
import { monthSpans } from './station-days'
import { col, completeness, fig, n, periodDayCount, section, stationsOf, type BuildContext } from './report-parts'

/** What one pass over a period's stations gives. */
interface PeriodPass {
  city: CityDays
  stations: { station: Station; stats: AirPeriodStats }[]
  towns: Map<string, { city: CityDays; stations: number }>
  /** Station-days with a valid daily AQI. */
  validStationDays: number
}

async function pass(ctx: BuildContext, p: ReportPeriod, stations: Station[], detail: boolean): Promise<PeriodPass> {
  const days = periodDayCount(p)
  const city = new CityDays(p.first, days)
  const out: PeriodPass = { city, stations: [], towns: new Map(), validStationDays: 0 }
  const minDays = minDaysFor(p)
  for await (const { station, records } of ctx.days.each('air', stations, p)) {
    let town = detail ? out.towns.get(station.town) : undefined
    if (detail && !town) out.towns.set(station.town, (town = { city: new CityDays(p.first, days), stations: 0 }))
    if (town) town.stations++
    const inputs: DailyAqiInput[] = []
    for (const r of records) {
      const day = parseCstDate(r.day)!
      city.add(day, r.values)
      town?.city.add(day, r.values)
      inputs.push(r.values as DailyAqiInput)
    }
    const stats = airPeriodStats(inputs, minDays)
    out.validStationDays += stats.validDays
    if (detail) out.stations.push({ station, stats })
  }
  return out
}

/** The figures compared between periods, with their labels and units. */
const COMPARED = [
  ['goodPct', '优良天数比例', 'Good-days ratio', '%', 1],
  ['gradeIIDays', '达二级标准天数', 'Grade-II days', undefined, 0],
  ['pm25', 'PM₂.₅ 平均浓度', 'PM₂.₅ mean', 'µg/m³', 0],
  ['pm10', 'PM₁₀ 平均浓度', 'PM₁₀ mean', 'µg/m³', 0],
  ['so2', 'SO₂ 平均浓度', 'SO₂ mean', 'µg/m³', 0],
  ['no2', 'NO₂ 平均浓度', 'NO₂ mean', 'µg/m³', 0],
  ['co95', 'CO 24小时平均第95百分位数', 'CO 24-h mean, 95th percentile', 'mg/m³', 1],
  ['o3p90', 'O₃ 日最大8小时平均第90百分位数', 'O₃ daily max 8-h, 90th percentile', 'µg/m³', 0],
  ['composite', '综合指数', 'Composite index', undefined, 2],
] as const

const STAT_COLUMNS = [
  col('validDays', '有效天数', 'Valid days', undefined, 0),
  col('goodPct', '优良天数比例', 'Good-days ratio', '%', 1),
  col('pm25', 'PM₂.₅', 'PM₂.₅', 'µg/m³', 0),
  col('pm10', 'PM₁₀', 'PM₁₀', 'µg/m³', 0),
  col('so2', 'SO₂', 'SO₂', 'µg/m³', 0),
  col('no2', 'NO₂', 'NO₂', 'µg/m³', 0),
  col('co95', 'CO-95per', 'CO P95', 'mg/m³', 1),
  col('o3p90', 'O₃-8h-90per', 'O₃ 8-h P90', 'µg/m³', 0),
  col('composite', '综合指数', 'Composite index', undefined, 2),
]

const statCells = (s: AirPeriodStats): Cell[] => [
  s.validDays,
  n(s.goodPct),
  n(s.pm25),
  n(s.pm10),
  n(s.so2),
  n(s.no2),
  n(s.co95),
  n(s.o3p90),
  n(s.composite),
]

/** The air section of a month or a year. */
export async function airPeriodSection(ctx: BuildContext): Promise<Section> {
  const p = ctx.period
  const stations = stationsOf(ctx, 'air')
  const cur = await pass(ctx, p, stations, true)
  const minDays = minDaysFor(p)
  const cityStats = airPeriodStats(cur.city.all(), minDays)
  const yoyP = yearBefore(p)
  const yoy = airPeriodStats((await pass(ctx, yoyP, stations, false)).city.all(), minDaysFor(yoyP))
  const momP = p.grain === 'month' ? previousPeriod(p) : undefined
  const mom = momP ? airPeriodStats((await pass(ctx, momP, stations, false)).city.all(), minDaysFor(momP)) : undefined

  const changes: Table = {
    id: 'city',
    title: { zh: '全市空气质量及同比、环比', en: 'City air quality, year-on-year and month-on-month' },
    columns: [
      col('figure', '指标', 'Figure'),
      col('unit', '单位', 'Unit'),
      col('value', p.text, p.text, undefined, 2),
      ...(momP
        ? [
            col('mom', `环比 ${momP.text}`, `Previous month ${momP.text}`, undefined, 2),
            col('momDelta', '环比变化', 'Change', undefined, 2),
            col('momPct', '环比变化率', 'Change rate', '%', 1),
          ]
        : []),
      col('yoy', `同比 ${yoyP.text}`, `Year before ${yoyP.text}`, undefined, 2),
      col('yoyDelta', '同比变化', 'Change', undefined, 2),
      col('yoyPct', '同比变化率', 'Change rate', '%', 1),
    ],
    rows: COMPARED.map(([key, zh, en, unit]) => {
      const v = n(cityStats[key])
      const y = change(v, n(yoy[key]))
      const m = mom ? change(v, n(mom[key])) : undefined
      return [{ zh, en }, unit ?? '', v, ...(m ? [m.previous, m.delta, m.pct] : []), y.previous, y.delta, y.pct]
    }),
  }

  const ranks = rankBy(cur.stations, (x) => x.stats.composite, 'ascending')
  const stationRows = cur.stations
    .map(
      (x, i) =>
        [ranks[i] ?? null, x.station.id, { zh: x.station.nameZh, en: x.station.nameEn }, x.station.town, ...statCells(x.stats)] as Cell[],
    )
    .sort(byRank)
  const townStats = [...cur.towns].map(([town, t]) => ({ town, stations: t.stations, stats: airPeriodStats(t.city.all(), minDays) }))
  const townRanks = rankBy(townStats, (x) => x.stats.composite, 'ascending')
  const townRows = townStats.map((x, i) => [townRanks[i] ?? null, x.town, x.stations, ...statCells(x.stats)] as Cell[]).sort(byRank)

  // A year: each month's statistics (a month's validity rule), charted by good-days ratio.
  const months: Cell[][] = []
  if (p.grain === 'year') {
    for (const m of monthSpans(p)) {
      const days: DailyAqiInput[] = []
      for (let d = m.first; d <= m.last; d++) {
        const x = cur.city.day(d - p.first)
        if (Object.keys(x).length > 0) days.push(x)
      }
      const st = airPeriodStats(days, minDaysFor({ grain: 'month', first: m.first, last: m.last }))
      months.push([cstDate(m.first).slice(0, 7), st.validDays, st.goodDays, n(st.goodPct), n(st.pm25), n(st.pm10), n(st.co95), n(st.o3p90)])
    }
  }
  const daily: Cell[][] = []
  for (let i = 0; i < cur.city.days; i++) {
    const d = cur.city.day(i)
    const r = dailyAqi(d)
    daily.push([
      cstDate(p.first + i),
      n(r.aqi),
      r.level ? { zh: r.level.zh, en: r.level.en } : null,
      r.primary.map((x) => POLLUTANT_NAMES[x]).join(', ') || null,
      n(d.pm25_24h),
      n(d.pm10_24h),
      n(d.o3_8h),
      n(d.co_24h),
    ])
  }

  return section(
    ctx,
    'air',
    { zh: '环境空气质量', en: 'Ambient air quality' },
    stations.map((s) => s.id),
    {
      completeness: completeness(cur.validStationDays, stations.length * periodDayCount(p)),
      figures: [
        fig('goodPct', '优良天数比例', 'Good-days ratio', cityStats.goodPct, '%', 1),
        fig('goodDays', '优良天数', 'Good days', cityStats.goodDays, undefined, 0),
        fig('validDays', '有效天数', 'Valid days', cityStats.validDays, undefined, 0),
        fig('gradeIIDays', '达二级标准天数', 'Grade-II days', cityStats.gradeIIDays, undefined, 0),
        fig('pm25', 'PM₂.₅ 平均浓度', 'PM₂.₅ mean', cityStats.pm25, 'µg/m³', 0),
        fig('pm10', 'PM₁₀ 平均浓度', 'PM₁₀ mean', cityStats.pm10, 'µg/m³', 0),
        fig('co95', 'CO 第95百分位数', 'CO 95th percentile', cityStats.co95, 'mg/m³', 1),
        fig('o3p90', 'O₃ 第90百分位数', 'O₃ 90th percentile', cityStats.o3p90, 'µg/m³', 0),
        fig('composite', '综合指数', 'Composite index', cityStats.composite, undefined, 2),
      ],
      tables: [
        changes,
        {
          id: 'stations',
          title: { zh: '站点排名（按综合指数，由优到差）', en: 'Stations ranked by composite index (cleanest first)' },
          columns: [
            col('rank', '排名', 'Rank', undefined, 0),
            col('station', '站点编号', 'Station'),
            col('name', '站点名称', 'Name'),
            col('town', '镇街', 'Town'),
            ...STAT_COLUMNS,
          ],
          rows: stationRows,
          chart: { column: 'pm25', limit: 35 },
        },
        {
          id: 'towns',
          title: { zh: '镇街排名（按综合指数）', en: 'Towns ranked by composite index' },
          columns: [
            col('rank', '排名', 'Rank', undefined, 0),
            col('town', '镇街', 'Town'),
            col('stations', '站点数', 'Stations', undefined, 0),
            ...STAT_COLUMNS,
          ],
          rows: townRows,
          chart: { column: 'composite' },
        },
        ...(p.grain === 'year'
          ? [
              {
                id: 'months',
                title: { zh: '全市逐月空气质量', en: 'City air quality by month' },
                columns: [
                  col('month', '月份', 'Month'),
                  col('validDays', '有效天数', 'Valid days', undefined, 0),
                  col('goodDays', '优良天数', 'Good days', undefined, 0),
                  col('goodPct', '优良天数比例', 'Good-days ratio', '%', 1),
                  col('pm25', 'PM₂.₅', 'PM₂.₅', 'µg/m³', 0),
                  col('pm10', 'PM₁₀', 'PM₁₀', 'µg/m³', 0),
                  col('co95', 'CO-95per', 'CO P95', 'mg/m³', 1),
                  col('o3p90', 'O₃-8h-90per', 'O₃ 8-h P90', 'µg/m³', 0),
                ],
                rows: months,
                chart: { column: 'goodPct' },
              } satisfies Table,
            ]
          : []),
        {
          id: 'daily',
          title: { zh: '全市逐日空气质量', en: 'City daily air quality' },
          columns: [
            col('day', '日期', 'Day'),
            col('aqi', 'AQI', 'AQI', undefined, 0),
            col('level', '级别', 'Level'),
            col('primary', '首要污染物', 'Primary pollutant'),
            col('pm25', 'PM₂.₅', 'PM₂.₅', 'µg/m³', 0),
            col('pm10', 'PM₁₀', 'PM₁₀', 'µg/m³', 0),
            col('o3_8h', 'O₃ 日最大8小时', 'O₃ daily max 8-h', 'µg/m³', 0),
            col('co', 'CO', 'CO', 'mg/m³', 1),
          ],
          rows: daily,
          ...(p.grain === 'month' ? { chart: { column: 'aqi', limit: 100 } } : {}),
        },
      ],
      notes: [
        {
          zh: `按HJ 663-2013评价：全市日值为各站点日统计值的算术平均；优良天数比例=AQI≤100天数/有效天数（六项齐全）；CO取24小时平均第95百分位数、O₃取日最大8小时平均第90百分位数，百分位数按k=1+(n−1)p线性插值；统计有效性需≥${minDays}个有效日（${cityStats.enoughDays ? '满足' : '不满足'}）。综合指数=Σ浓度/二级标准（城市环境空气质量排名技术规定）。`,
          en: `Assessed per HJ 663-2013: city days are the mean of the stations’ daily statistics; good-days ratio = days with AQI ≤ 100 / valid days (all six pollutants); CO is the 95th percentile of the 24-h means and O₃ the 90th percentile of the daily max 8-h means, percentiles by k = 1 + (n − 1)p with linear interpolation; the period statistics need ≥ ${minDays} valid days (${cityStats.enoughDays ? 'met' : 'not met'}). Composite index = Σ concentration / grade-II limit (the national city ranking rules).`,
        },
      ],
    },
  )
}

function byRank(a: Cell[], b: Cell[]): number {
  const x = a[0] as number | null
  const y = b[0] as number | null
  if (x === y) return String(a[1]).localeCompare(String(b[1]))
  if (x === null) return 1
  if (y === null) return -1
  return x - y
}
