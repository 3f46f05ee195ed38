/**
 * Wastewater plants in the monthly and annual reports: treated (effluent) volume, reclaimed volume
 * and reuse ratio (targets/daily-aggregates.ts: flow integrated per CST day), and effluent compliance
 * with GB 18918-2002 Table 1 (standards/wastewater.ts) judged on each day's mean of the valid values
 * of each item: a plant-day complies when no checked item exceeds its limit.
 */
import type { Cell, Section } from '../../../shared/src/protocol/http/reports'
import { METRICS } from '../../../shared/src/domain/metric-catalog'
import { WASTEWATER_ITEMS, checkWastewater, maybePlantClass, type WastewaterItem } from '../../../shared/src/standards/wastewater'
import { col, completeness, fig, periodDayCount, section, stationsOf, type BuildContext } from './report-parts'

/** The wastewater section of a month or a year. */
export async function wastewaterSection(ctx: BuildContext): Promise<Section> {
  const plants = stationsOf(ctx, 'wastewater')
  const perPlant: Cell[][] = []
  const perItem: Cell[][] = []
  let received = 0
  let treatedAll = 0
  let reclaimedAll = 0
  let daysAll = 0
  let okAll = 0
  for await (const { station, records } of ctx.days.each('wastewater', plants, ctx.period)) {
    received += records.length
    let treated = 0
    let reclaimed = 0
    for (const r of records) {
      treated += r.treatedM3 ?? 0
      reclaimed += r.reclaimedM3 ?? 0
    }
    const effluent = await ctx.days.effluent(station, ctx.period)
    const plant = { cls: maybePlantClass(station.standardClass), builtDate: station.builtDate }
    let days = 0
    let ok = 0
    const item = new Map<WastewaterItem, { sum: number; n: number; max: number; over: number; limit: number | readonly [number, number] }>()
    for (const values of effluent.values()) {
      const c = checkWastewater(values, plant)
      if (c.compliant === undefined) continue
      days++
      if (c.compliant) ok++
      for (const x of c.items) {
        const s = item.get(x.item) ?? { sum: 0, n: 0, max: -Infinity, over: 0, limit: x.limit }
        s.sum += x.value
        s.n++
        s.max = Math.max(s.max, x.value)
        if (!x.ok) s.over++
        item.set(x.item, s)
      }
    }
    treatedAll += treated
    reclaimedAll += reclaimed
    daysAll += days
    okAll += ok
    perPlant.push([
      station.id,
      { zh: station.nameZh, en: station.nameEn },
      plant.cls ?? '1A',
      records.length,
      records.length > 0 ? treated : null,
      records.length > 0 ? reclaimed : null,
      treated > 0 ? (100 * reclaimed) / treated : null,
      days,
      ok,
      days > 0 ? (100 * ok) / days : null,
    ])
    for (const k of WASTEWATER_ITEMS) {
      const s = item.get(k)
      if (!s) continue
      const info = METRICS.wastewater.find((m) => m.key === k)
      perItem.push([
        station.id,
        { zh: info?.zh ?? k, en: info?.en ?? k },
        info?.unit ?? '',
        s.sum / s.n,
        s.max,
        typeof s.limit === 'number' ? s.limit : `${s.limit[0]}–${s.limit[1]}`,
        s.over,
      ])
    }
  }
  return section(
    ctx,
    'wastewater',
    { zh: '污水处理厂', en: 'Wastewater treatment plants' },
    plants.map((s) => s.id),
    {
      completeness: completeness(received, plants.length * periodDayCount(ctx.period)),
      figures: [
        fig('treatedM3', '处理水量', 'Treated volume', received > 0 ? treatedAll : null, 'm³', 0),
        fig('reclaimedM3', '再生水利用量', 'Reclaimed water', received > 0 ? reclaimedAll : null, 'm³', 0),
        fig('reusePct', '再生水利用率', 'Reuse ratio', treatedAll > 0 ? (100 * reclaimedAll) / treatedAll : null, '%', 1),
        fig('effluentPct', '出水达标率（厂·日）', 'Effluent compliance (plant-days)', daysAll > 0 ? (100 * okAll) / daysAll : null, '%', 1),
      ],
      tables: [
        {
          id: 'plants',
          title: { zh: '各污水处理厂运行情况', en: 'Each plant' },
          columns: [
            col('station', '站点编号', 'Station'),
            col('name', '污水处理厂', 'Plant'),
            col('class', '排放标准', 'Discharge class'),
            col('days', '有水量天数', 'Days with volume', undefined, 0),
            col('treated', '处理水量', 'Treated volume', 'm³', 0),
            col('reclaimed', '再生水量', 'Reclaimed volume', 'm³', 0),
            col('reuse', '再生水利用率', 'Reuse ratio', '%', 1),
            col('effluentDays', '出水评价天数', 'Effluent days assessed', undefined, 0),
            col('compliantDays', '达标天数', 'Compliant days', undefined, 0),
            col('effluentPct', '出水达标率', 'Effluent compliance', '%', 1),
          ],
          rows: perPlant,
          chart: { column: 'treated' },
        },
        {
          id: 'items',
          title: { zh: '出水分项目', en: 'Effluent items' },
          columns: [
            col('station', '站点编号', 'Station'),
            col('item', '项目', 'Item'),
            col('unit', '单位', 'Unit'),
            col('mean', '日均值的平均', 'Mean of daily means', undefined, 2),
            col('max', '最大日均值', 'Highest daily mean', undefined, 2),
            col('limit', '限值', 'Limit'),
            col('over', '超标天数', 'Days over the limit', undefined, 0),
          ],
          rows: perItem,
        },
      ],
      notes: [
        {
          zh: '处理水量为出水流量按时间积分（每日≥20小时覆盖，缺测按当日平均流量补足）；出水按GB 18918-2002表1以各项目有效数据日均值判定，未测水温时氨氮取高温限值。',
          en: 'Treated volume: the effluent flow integrated over time (≥ 20 covered hours a day, gaps filled at the day’s mean rate). Effluent: GB 18918-2002 Table 1 on each item’s daily mean of valid values; without a water temperature the warm-season NH₃-N limit applies.',
        },
      ],
    },
  )
}
