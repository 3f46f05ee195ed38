/**
 * The targets report: every city target for the period (the targets board's computation,
 * server/src/targets), its value, status and method, and what drives it: the stations and days
 * counted, those excluded and why, and the per-station breakdown where a target is judged per
 * station. A month or a year is evaluated as a closed period; a day as its month to that day's end.
 */
import type { Bilingual, Cell, Section } from '../../../shared/src/protocol/http/reports'
import { cstDayStart } from '../../../shared/src/standards/time'
import type { ResolvedPeriod } from '../targets/calendar-period'
import type { TargetsBody } from '../../../shared/src/protocol/http/targets'
import { col, completeness, fig, n, section, type BuildContext } from './report-parts'

const STATUS: Record<string, Bilingual> = {
  met: { zh: '达标', en: 'met' },
  'at-risk': { zh: '有风险', en: 'at risk' },
  missed: { zh: '未达标', en: 'missed' },
  'no-data': { zh: '无数据', en: 'no data' },
}

/** The period the targets are evaluated over. */
export function targetsPeriod(ctx: BuildContext): ResolvedPeriod {
  const p = ctx.period
  if (p.grain === 'year') return { name: 'year', from: p.from, to: p.to, asOf: p.to }
  if (p.grain === 'month') return { name: 'month', from: p.from, to: p.to, asOf: p.to }
  const first = new Date(p.from + 8 * 3_600_000)
  const monthFirst = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1) / 86_400_000
  const nextMonth = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1) / 86_400_000
  return { name: 'month', from: cstDayStart(monthFirst), to: cstDayStart(nextMonth), asOf: p.to }
}

/** The targets section from a computed targets body. */
export function targetsSection(ctx: BuildContext, body: TargetsBody): Section {
  const summary: Cell[][] = []
  const drivers: Cell[][] = []
  let withValue = 0
  for (const t of body.targets) {
    if (t.value !== null) withValue++
    summary.push([
      t.id,
      t.title,
      n(t.value),
      t.unit,
      `${t.comparator} ${t.target}`,
      STATUS[t.status] ?? t.status,
      t.counted.stations.length,
      t.counted.days?.length ?? null,
      t.method,
    ])
    for (const b of t.breakdown ?? [])
      drivers.push([t.id, b.id, b.value, b.target, b.ok ? { zh: '是', en: 'yes' } : { zh: '否', en: 'no' }, null])
    for (const x of t.counted.excluded ?? []) drivers.push([t.id, x.id, null, null, { zh: '剔除', en: 'excluded' }, x.why])
    if (!t.breakdown?.length) for (const s of t.counted.stations) drivers.push([t.id, s, null, null, { zh: '计入', en: 'counted' }, null])
  }
  const stations = [...new Set(body.targets.flatMap((t) => t.counted.stations))]
  return section(ctx, 'targets', { zh: '城市目标完成情况', en: 'City targets' }, stations, {
    completeness: completeness(withValue, body.targets.length),
    figures: [
      fig('met', '达标目标数', 'Targets met', body.targets.filter((t) => t.status === 'met').length, undefined, 0),
      fig('targets', '目标总数', 'Targets', body.targets.length, undefined, 0),
      fig('completedDays', '计入天数', 'Completed days', body.period.completedDays, undefined, 0),
    ],
    tables: [
      {
        id: 'targets',
        title: { zh: '目标一览', en: 'Targets' },
        columns: [
          col('id', '目标', 'Target'),
          col('title', '名称', 'Title'),
          col('value', '完成值', 'Value', undefined, 2),
          col('unit', '单位', 'Unit'),
          col('target', '目标值', 'Target'),
          col('status', '状态', 'Status'),
          col('stations', '计入站点数', 'Stations counted', undefined, 0),
          col('days', '计入天数', 'Days counted', undefined, 0),
          col('method', '计算方法', 'Method'),
        ],
        rows: summary,
      },
      {
        id: 'drivers',
        title: { zh: '目标的站点与天数明细', en: 'Stations and days driving each target' },
        columns: [
          col('target', '目标', 'Target'),
          col('id', '站点/日期', 'Station / day'),
          col('value', '值', 'Value', undefined, 2),
          col('limit', '定额/目标类别', 'Allowance / target', undefined, 2),
          col('ok', '是否达标', 'OK'),
          col('why', '说明', 'Why'),
        ],
        rows: drivers,
      },
    ],
    notes: [
      {
        zh: `评价期 ${body.period.from} 至 ${body.period.to}（截至 ${body.period.asOf}）。各目标的计算方法见“计算方法”列。`,
        en: `Evaluated over ${body.period.from} to ${body.period.to} (as of ${body.period.asOf}). Each target’s method is in its Method column.`,
      },
    ],
  })
}
