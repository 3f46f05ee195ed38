/**
 * Drinking-water sources in the monthly and annual reports: per source and GB 3838-2002 item, the
 * period mean of the daily means, its class and whether it meets the source's target class; per
 * source its class (worst class item, the 2011 assessment practice unless the station says
 * `all-items`) and compliance; the city's compliance rate. The same method as the drinking-water
 * target (shared/src/targets/drinking-water.ts), one source at a time.
 */
import type { Cell, Section } from '../../../shared/src/protocol/http/reports'
import { WATER_ITEMS, assessWater, maybeWaterClass, type WaterItem } from '../../../shared/src/standards/surface-water'
import { METRICS } from '../../../shared/src/domain/metric-catalog'
import { col, completeness, fig, n, periodDayCount, section, stationsOf, type BuildContext } from './report-parts'

const CLASS_NAMES: Record<string, string> = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ', V: 'Ⅴ', 'worse-than-V': '劣Ⅴ' }
const itemInfo = (item: WaterItem) => METRICS.water.find((m) => m.key === item)

/** The drinking-water section of a month or a year. */
export async function waterSection(ctx: BuildContext): Promise<Section> {
  const sources = stationsOf(ctx, 'water')
  const perSource: Cell[][] = []
  const perItem: Cell[][] = []
  let received = 0
  let assessed = 0
  let compliant = 0
  for await (const { station, records } of ctx.days.each('water', sources, ctx.period)) {
    received += records.length
    const sum: Partial<Record<WaterItem, number>> = {}
    const cnt: Partial<Record<WaterItem, number>> = {}
    for (const r of records) {
      for (const item of WATER_ITEMS) {
        const x = r.values[item]
        if (x === undefined || !Number.isFinite(x)) continue
        sum[item] = (sum[item] ?? 0) + x
        cnt[item] = (cnt[item] ?? 0) + 1
      }
    }
    const means: Partial<Record<WaterItem, number>> = {}
    for (const item of WATER_ITEMS) if (cnt[item]) means[item] = sum[item]! / cnt[item]!
    const target = maybeWaterClass(station.standardClass) ?? 'III'
    const a = assessWater(means, station.waterBody ?? 'river', target, station.waterClassMethod)
    const name = { zh: station.nameZh, en: station.nameEn }
    if (a.compliant !== undefined) {
      assessed++
      if (a.compliant) compliant++
    }
    perSource.push([
      station.id,
      name,
      records.length,
      a.cls ? CLASS_NAMES[a.cls]! : null,
      CLASS_NAMES[target]!,
      a.compliant === undefined ? null : a.compliant ? { zh: '达标', en: 'compliant' } : { zh: '不达标', en: 'non-compliant' },
      a.exceeding.join(', ') || (a.compliant === undefined ? null : '—'),
    ])
    for (const x of a.items) {
      const info = itemInfo(x.item)
      perItem.push([
        station.id,
        { zh: info?.zh ?? x.item, en: info?.en ?? x.item },
        info?.unit ?? '',
        x.value,
        CLASS_NAMES[x.cls]!,
        n(x.limit),
        x.inClass ? (x.exceeds ? { zh: '超标', en: 'exceeds' } : { zh: '达标', en: 'meets' }) : { zh: '单独评价', en: 'beside the class' },
        n(x.multiple),
      ])
    }
  }
  return section(
    ctx,
    'drinking-water',
    { zh: '集中式饮用水水源地', en: 'Drinking-water sources' },
    sources.map((s) => s.id),
    {
      completeness: completeness(received, sources.length * periodDayCount(ctx.period)),
      figures: [
        fig('compliancePct', '水源地水质达标率', 'Sources compliance rate', assessed > 0 ? (100 * compliant) / assessed : null, '%', 1),
        fig('compliant', '达标水源地数', 'Compliant sources', compliant, undefined, 0),
        fig('assessed', '评价水源地数', 'Sources assessed', assessed, undefined, 0),
      ],
      tables: [
        {
          id: 'sources',
          title: { zh: '各水源地水质类别', en: 'Class of each source' },
          columns: [
            col('station', '站点编号', 'Station'),
            col('name', '水源地', 'Source'),
            col('days', '有效天数', 'Days with data', undefined, 0),
            col('class', '水质类别', 'Class'),
            col('target', '目标类别', 'Target class'),
            col('compliant', '是否达标', 'Compliant'),
            col('exceeding', '超标项目', 'Items worse than target'),
          ],
          rows: perSource,
        },
        {
          id: 'items',
          title: { zh: '各水源地分项目评价', en: 'Each source and item' },
          columns: [
            col('station', '站点编号', 'Station'),
            col('item', '项目', 'Item'),
            col('unit', '单位', 'Unit'),
            col('mean', '期间均值', 'Period mean', undefined, 3),
            col('class', '类别', 'Class'),
            col('limit', '目标类别限值', 'Target-class limit', undefined, 3),
            col('result', '评价', 'Result'),
            col('multiple', '超标倍数', 'Exceedance multiple', undefined, 2),
          ],
          rows: perItem,
        },
      ],
      notes: [
        {
          zh: '按GB 3838-2002表1单因子评价：各项目取期间日均值的算术平均，水质类别取参与定类项目的最差类别（《地表水环境质量评价办法（试行）》2011：水温、总氮、粪大肠菌群不参与定类，湖库总氮单独评价）；目标类别为站点配置类别，未配置取Ⅲ类（GB 3838-2002 §4.3）。',
          en: 'GB 3838-2002 Table 1 single-factor assessment: each item’s period mean of its daily means; the class is the worst class of the class items (2011 assessment practice: water temperature, TN and fecal coliform stay out of the class, lake TN is assessed beside it); the target is the station’s configured class, else class III (GB 3838-2002 §4.3).',
        },
      ],
    },
  )
}
