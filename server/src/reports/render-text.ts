/** Picking a report's text in one language, and formatting numbers for the PDF. */
import type { Bilingual, Cell, Column, ReportLang } from '../../../shared/src/protocol/http/reports'

/** The text of `b` in `lang`. */
export function pick(b: Bilingual, lang: ReportLang): string {
  return lang === 'zh' ? b.zh : b.en
}

/** A column header with its unit: `PM₂.₅ (µg/m³)`. */
export function header(c: Column, lang: ReportLang): string {
  return c.unit ? `${pick(c.label, lang)} (${c.unit})` : pick(c.label, lang)
}

/** A cell as text (numbers rounded to the column's digits); empty for null. */
export function cellText(v: Cell, c: Column | undefined, lang: ReportLang): string {
  if (v === null) return '—'
  if (typeof v === 'number') return c?.digits !== undefined ? v.toFixed(c.digits) : String(Math.round(v * 1000) / 1000)
  if (typeof v === 'string') return v
  return pick(v, lang)
}

/** Fixed texts of the rendered documents. */
export const TEXT = {
  status: { reviewed: { zh: '已审核', en: 'Reviewed' }, provisional: { zh: '暂定（未审核）', en: 'Provisional (not reviewed)' } },
  completeness: { zh: '数据完整率', en: 'Data completeness' },
  generated: { zh: '生成时间', en: 'Generated' },
  version: { zh: '版本', en: 'Version' },
  inputs: { zh: '输入数据版本', en: 'Inputs version' },
  dataStatus: { zh: '数据状态', en: 'Data status' },
  figures: { zh: '主要指标', en: 'Key figures' },
  notes: { zh: '说明', en: 'Notes' },
  value: { zh: '数值', en: 'Value' },
  unit: { zh: '单位', en: 'Unit' },
  figure: { zh: '指标', en: 'Figure' },
  chartTop: { zh: '（图中仅示前 {n} 行）', en: ' (chart shows the first {n} rows)' },
} as const satisfies Record<string, Bilingual | Record<string, Bilingual>>
