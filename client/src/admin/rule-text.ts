/**
 * Rule values as the rules table shows them: the unit of the rule's metric (the shared METRICS
 * catalog, or the derived quantity's), limits with the comparison's sign, the standard value an
 * override replaced (from the rule's `source`), an energy rule's conversion factors with their
 * sources (from the `source`), durations in minutes. Pure.
 */
import { metricInfo, type MetricInfo } from '../../../shared/src/domain/metric-catalog'
import { STATION_KINDS, type StationKind } from '../../../shared/src/domain/station'
import type { EnergyCarrier } from '../../../shared/src/standards/energy-conversion'
import { CARRIER_NAMES } from '../../../shared/src/standards/energy-factors'
import type { Rule, RuleOverride } from '../data/admin-types'
import type { Lang, MessageKey } from '../i18n/dict'
import type { Translate } from '../i18n/i18n'
import { metricLabel } from '../ui/labels'

/**
 * Units of what rules judge but the METRICS catalog does not list: derived quantities (AQI and
 * class have none) and BOD5, which water and wastewater rules judge (GB 3838-2002, GB 18918-2002).
 */
const DERIVED_UNITS: Readonly<Record<string, string>> = { tce: 'tce', silence: 'min', bod5: 'mg/L' }

/**
 * The catalog entry of a rule's metric: the kind's, else another kind's (water rules judge COD,
 * which the catalog lists for wastewater only).
 */
function ruleMetricInfo(kind: StationKind, metric: string): MetricInfo | undefined {
  return metricInfo(kind, metric) ?? STATION_KINDS.map((k) => metricInfo(k, metric)).find(Boolean)
}

/**
 * The unit of a rule's metric for a station kind ('' when it has none).
 * @example ruleUnit('air', 'pm25') === 'µg/m³'
 */
export function ruleUnit(kind: StationKind, metric: string): string {
  return ruleMetricInfo(kind, metric)?.unit || DERIVED_UNITS[metric] || ''
}

/**
 * The name of a rule's metric in the UI language (another kind's catalog name when the kind lacks it).
 * @example ruleMetricLabel('water', 'cod', 'en', t) === 'COD'
 */
export function ruleMetricLabel(kind: StationKind, metric: string, lang: Lang, t: Translate): string {
  const m = metricInfo(kind, metric) ? undefined : ruleMetricInfo(kind, metric)
  return m ? m[lang] : metricLabel(kind, metric, lang, t)
}

/** A limit without float noise: 3.6000000000000005 → `3.6`. */
export function formatNumber(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—'
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)))
}

const withUnit = (s: string, unit: string) => (unit ? `${s} ${unit}` : s)

/**
 * The limit of a rule: `> 75 µg/m³` (breach above), `< 5 mg/L` (below), `6–9` (outside the range).
 * @example formatRuleLimit({ comparison: 'outside', low: 6, limit: 9 }, '') === '6–9'
 */
export function formatRuleLimit(r: Pick<Rule, 'comparison' | 'limit' | 'low'>, unit: string): string {
  if (r.comparison === 'outside') return withUnit(`${formatNumber(r.low)}–${formatNumber(r.limit)}`, unit)
  return withUnit(`${r.comparison === 'below' ? '<' : '>'} ${formatNumber(r.limit)}`, unit)
}

/**
 * The clear level (hysteresis) of a rule: `≤ 67.5 µg/m³`, `≥ 5.5 mg/L`, `6.2–8.8`; the limit itself when the rule has none.
 * @example formatRuleClear({ comparison: 'above', limit: 100, clear: 90 }, '') === '≤ 90'
 */
export function formatRuleClear(r: Pick<Rule, 'comparison' | 'limit' | 'low' | 'clear' | 'clearLow'>, unit: string): string {
  const clear = r.clear ?? r.limit
  if (r.comparison === 'outside') return withUnit(`${formatNumber(r.clearLow ?? r.low)}–${formatNumber(clear)}`, unit)
  return withUnit(`${r.comparison === 'below' ? '≥' : '≤'} ${formatNumber(clear)}`, unit)
}

/**
 * The standard's value that a per-station limit replaced, as the server writes it into the source
 * (`…; limit set per station (rules.json), standard value 75`), or undefined.
 * @example standardValue('GB 3095-2012 Table 1, grade II; limit set per station (rules.json), standard value 75') === '75'
 */
export function standardValue(source: string): string | undefined {
  return /standard value (\S+)\s*$/.exec(source)?.[1]
}

/** The per-station note the server appends to an overridden rule's source. */
const OVERRIDE_NOTE = /;\s*(limit set per station|settings adjusted per station)\b.*$/
/** The conversion factors of an energy rule's source (standards/describeConversion): `; factors: a · b`. */
const FACTORS = /;\s*factors: (.*?)(?=;\s*(?:limit set per station|settings adjusted per station)\b|$)/

/**
 * The source without the server's note about per-station settings (the table marks overrides itself)
 * and without an energy rule's factor list ({@link ruleFactors} lists it apart).
 */
export function standardSource(source: string): string {
  return source.replace(OVERRIDE_NOTE, '').replace(FACTORS, '')
}

/** One conversion factor of an energy rule: carrier, factor with unit, and where it comes from. */
export interface RuleFactor {
  /** The carrier's metric key, when the name is one of ours. */
  carrier?: EnergyCarrier
  name: string
  /** `0.1229 kgce/kWh` */
  factor: string
  /** `default: GB/T 2589-2020 Appendix A, …` or the unit's own free text. */
  source: string
  /** The default factor (not the unit's own). */
  isDefault: boolean
}

const CARRIER_BY_NAME = new Map(Object.entries(CARRIER_NAMES).map(([k, v]) => [v, k as EnergyCarrier]))

/**
 * The conversion factors an energy rule's source names (GB/T 2589-2020), in order; [] for other rules.
 * @example ruleFactors('…, equivalent basis; factors: electricity 0.1229 kgce/kWh (default: GB/T 2589-2020 Appendix A)')[0].factor === '0.1229 kgce/kWh'
 */
export function ruleFactors(source: string): RuleFactor[] {
  const list = FACTORS.exec(source)?.[1]
  if (!list) return []
  return list.split(' · ').flatMap((part) => {
    const m = /^(.+?) ([-\d.e+]+ kgce\/\S+) \((.*)\)$/.exec(part.trim())
    if (!m) return []
    const carrier = CARRIER_BY_NAME.get(m[1]!)
    return [
      {
        ...(carrier ? { carrier } : {}),
        name: m[1]!,
        factor: m[2]!,
        source: m[3]!.replace(/^default: /, ''),
        isDefault: m[3]!.startsWith('default: '),
      },
    ]
  })
}

/**
 * A factor as one line of the rules table, the carrier named in the UI language:
 * `用电量 0.3 kgce/kWh · quota decision 2026` or `Electricity 0.1229 kgce/kWh · default, GB/T 2589-2020 …`.
 */
export function formatRuleFactor(f: RuleFactor, lang: Lang, t: Translate): string {
  const name = f.carrier ? metricLabel('energy', f.carrier, lang, t) : f.name
  return `${name} ${f.factor} · ${f.isDefault ? `${t('admin.r.factorDefault')}, ` : ''}${f.source}`
}

/** Minutes of a duration in ms, without float noise (undefined and 0 stay as they are). */
export function msToMinutes(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : Number((ms / 60_000).toPrecision(12))
}

/** The overridden fields of an override, in the form's order (for the "overridden" column). */
export function overriddenFields(o: RuleOverride | undefined): (keyof RuleOverride)[] {
  if (!o) return []
  const order: (keyof RuleOverride)[] = ['enabled', 'limit', 'low', 'clear', 'clearLow', 'severity', 'steps', 'minDurationMs', 'minCount']
  return order.filter((k) => o[k] !== undefined)
}

const FIELD_LABELS: Readonly<Record<keyof RuleOverride, MessageKey>> = {
  enabled: 'admin.r.enabled',
  limit: 'admin.r.limit',
  low: 'admin.r.low',
  clear: 'admin.r.clear',
  clearLow: 'admin.r.clearLow',
  severity: 'admin.r.severity',
  steps: 'admin.r.steps',
  minDurationMs: 'admin.r.minDurationShort',
  minCount: 'admin.r.minCount',
}

/**
 * What an override sets, for the table and the saved note: `Limit 60 µg/m³, Severity 严重`.
 * @example describeOverride({ limit: 60, minDurationMs: 600_000 }, 'µg/m³', translator('en')) === 'Limit 60 µg/m³, Min. duration 10 min'
 */
export function describeOverride(o: RuleOverride | undefined, unit: string, t: Translate): string {
  if (!o) return ''
  const value = (k: keyof RuleOverride): string => {
    switch (k) {
      case 'enabled':
        return o.enabled ? '✓' : '✗'
      case 'severity':
        return t(`severity.${o.severity!}`)
      case 'steps':
        return (o.steps ?? []).map((s) => `${t(`severity.${s.severity}`)} ${formatNumber(s.at)}`).join(' / ')
      case 'minDurationMs':
        return t('admin.r.minutes', { n: formatNumber(msToMinutes(o.minDurationMs)) })
      case 'minCount':
        return String(o.minCount)
      default:
        return withUnit(formatNumber(o[k]), unit)
    }
  }
  return overriddenFields(o)
    .map((k) => `${t(FIELD_LABELS[k])} ${value(k)}`)
    .join(', ')
}
