/**
 * Key energy-using units in the monthly and annual reports: each unit's consumption in tce against
 * its annual quota pro-rated to the period's days (the energy-quota target's method,
 * shared/src/targets/energy-quota.ts, GB/T 2589-2020 conversion), one unit at a time.
 */
import type { Cell, Section } from '../../../shared/src/protocol/http/reports'
import { energyQuotaCompliance } from '../../../shared/src/targets/energy-quota'
import { col, completeness, fig, periodDayCount, section, stationsOf, type BuildContext } from './report-parts'

/** The energy section of a month or a year. */
export async function energySection(ctx: BuildContext): Promise<Section> {
  const units = stationsOf(ctx, 'energy')
  const ev = { period: { from: ctx.period.from, to: ctx.period.to } }
  const rows: Cell[][] = []
  let received = 0
  let within = 0
  let assessed = 0
  let consumed = 0
  let allowed = 0
  let method = ''
  for await (const { station, records } of ctx.days.each('energy', units, ctx.period)) {
    received += records.length
    const r = energyQuotaCompliance([station], records, ev)
    method ||= r.method
    const b = r.breakdown?.[0]
    const why = r.counted.excluded?.[0]?.why
    if (b) {
      assessed++
      if (b.ok) within++
      consumed += b.value
      allowed += b.target
    }
    rows.push([
      station.id,
      { zh: station.nameZh, en: station.nameEn },
      station.quotaTce ?? null,
      b ? b.target : null,
      b ? b.value : null,
      b && b.target > 0 ? (100 * b.value) / b.target : null,
      b ? (b.ok ? { zh: '未超定额', en: 'within' } : { zh: '超定额', en: 'over' }) : (why ?? null),
    ])
  }
  return section(
    ctx,
    'energy',
    { zh: '重点用能单位', en: 'Key energy-using units' },
    units.map((s) => s.id),
    {
      completeness: completeness(received, units.length * periodDayCount(ctx.period)),
      figures: [
        fig('withinPct', '定额达标率', 'Units within quota', assessed > 0 ? (100 * within) / assessed : null, '%', 1),
        fig('consumedTce', '综合能耗', 'Consumption', assessed > 0 ? consumed : null, 'tce', 1),
        fig('allowanceTce', '期间定额', 'Allowance for the period', assessed > 0 ? allowed : null, 'tce', 1),
      ],
      tables: [
        {
          id: 'units',
          title: { zh: '各用能单位能耗与定额', en: 'Each unit against its quota' },
          columns: [
            col('station', '单位编号', 'Unit'),
            col('name', '单位名称', 'Name'),
            col('quota', '年度定额', 'Annual quota', 'tce', 0),
            col('allowance', '期间定额', 'Allowance for the period', 'tce', 1),
            col('consumed', '综合能耗', 'Consumption', 'tce', 1),
            col('share', '占定额比例', 'Share of allowance', '%', 1),
            col('result', '结果', 'Result'),
          ],
          rows,
          chart: { column: 'share', limit: 100 },
        },
      ],
      notes: [
        {
          zh: '综合能耗按GB/T 2589-2020折标准煤（单位自有折算系数优先），年度定额按期间天数折算。',
          en: 'Consumption converted to tce per GB/T 2589-2020 (a unit’s own factors first); the annual quota pro-rated to the period’s days.',
        },
        ...(method ? [{ zh: method, en: method }] : []),
      ],
    },
  )
}
