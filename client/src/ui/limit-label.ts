/**
 * Short labels of a rule's limit for chart limit lines, from the rule's `source` text:
 * `GB 3095-2012 Table 1, grade II` + window + limit + unit → `GB 3095-2012 Ⅱ级 1h 200 µg/m³`.
 */
import type { Lang } from '../i18n/dict'

/** What a limit line needs of a rule. */
export interface LimitRule {
  id: string
  window: string
  comparison: 'above' | 'below' | 'outside'
  limit: number
  low?: number
  source: string
}

/** One limit line: its value and label. */
export interface LimitLine {
  value: number
  label: string
  /** Which side of an `outside` rule, or the single limit. */
  side: 'upper' | 'lower' | 'single'
}

const ROMAN: Readonly<Record<string, string>> = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ', V: 'Ⅴ' }

/** `GB 3095-2012`, `GB 18918-2002`, `HJ 633-2012`… at the start of a source, or the first words. */
function standardOf(source: string): string {
  const m = /^((?:GB|HJ|GB\/T)\s*[\d.]+-\d{4})/.exec(source.trim())
  return m ? m[1]! : source.split(',')[0]!.trim()
}

function gradeOf(source: string, lang: Lang): string {
  const grade = /\bgrade (I{1,3}|IV|V)\b/.exec(source)
  if (grade) return lang === 'zh' ? `${ROMAN[grade[1]!]}级` : `grade ${grade[1]}`
  const cls = /\bclass (I{1,3}|IV|V)\b/.exec(source)
  if (cls) return lang === 'zh' ? `${ROMAN[cls[1]!]}类` : `class ${cls[1]}`
  const plant = /\bclass (1A|1B|2|3)\b/.exec(source)
  if (plant) return lang === 'zh' ? { '1A': '一级A', '1B': '一级B', '2': '二级', '3': '三级' }[plant[1]!]! : `class ${plant[1]}`
  return ''
}

/** The averaging window the limit belongs to: `24-h limit` in the source, the id suffix, or the window. */
function windowOf(rule: LimitRule): string {
  const fromSource = /\b(\d+)-h limit/.exec(rule.source)
  if (fromSource) return `${fromSource[1]}h`
  const fromId = /\.(\d+h)$/.exec(rule.id)
  if (fromId) return fromId[1]!
  return rule.window === 'instant' ? '' : rule.window
}

const num = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6))))

/**
 * The limit line(s) of a rule, labelled for the chart.
 * @example limitLines({ id: 'air.no2.1h', window: 'instant', comparison: 'above', limit: 200, source: 'GB 3095-2012 Table 1, grade II' }, 'µg/m³', 'zh')
 * // [{ value: 200, label: 'GB 3095-2012 Ⅱ级 1h 200 µg/m³', side: 'single' }]
 */
export function limitLines(rule: LimitRule, unit: string, lang: Lang): LimitLine[] {
  const head = [standardOf(rule.source), gradeOf(rule.source, lang), windowOf(rule)].filter(Boolean).join(' ')
  const label = (v: number, prefix = '') => `${head} ${prefix}${num(v)}${unit ? ` ${unit}` : ''}`.replace(/\s+/g, ' ').trim()
  if (rule.comparison === 'outside' && rule.low !== undefined) {
    return [
      { value: rule.limit, label: label(rule.limit, lang === 'zh' ? '上限 ' : 'max '), side: 'upper' },
      { value: rule.low, label: label(rule.low, lang === 'zh' ? '下限 ' : 'min '), side: 'lower' },
    ]
  }
  const prefix = rule.comparison === 'below' ? '≥ ' : ''
  return [{ value: rule.limit, label: label(rule.limit, prefix), side: 'single' }]
}
