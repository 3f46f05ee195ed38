/**
 * Display names and number formats for metrics, windows and data flags, from the shared METRICS
 * catalog (units, zh/en labels, digits) and the UI dictionary for derived quantities.
 */
import { metricInfo, type MetricInfo } from '../../../shared/src/domain/metric-catalog'
import type { StationKind } from '../../../shared/src/domain/station'
import type { Lang, MessageKey } from '../i18n/dict'
import type { Translate } from '../i18n/i18n'

const DERIVED: Readonly<Record<string, MessageKey>> = {
  aqi: 'metric.aqi',
  class: 'metric.class',
  status: 'metric.status',
  silence: 'metric.silence',
  tce: 'metric.tce',
  bod5: 'metric.bod5',
}
const WINDOWS: Readonly<Record<string, MessageKey>> = {
  instant: 'window.instant',
  '1h': 'window.1h',
  '8h': 'window.8h',
  '24h': 'window.24h',
  '1d': 'window.1d',
}
const FLAGS = new Set(['N', 'F', 'M', 'S', 'D', 'C', 'T', 'B'])

/** The catalog entry of a metric, if the contract defines it for the kind. */
export function metricMeta(kind: StationKind, metric: string): MetricInfo | undefined {
  return metricInfo(kind, metric)
}

/**
 * The display label of a metric: the catalog's zh/en name, a dictionary name for derived
 * quantities (aqi, class…), or the raw key (unknown HJ 212 codes are kept, never hidden).
 */
export function metricLabel(kind: StationKind, metric: string, lang: Lang, t: Translate): string {
  const m = metricInfo(kind, metric)
  if (m) return m[lang]
  const d = DERIVED[metric]
  return d ? t(d) : metric
}

/** The unit of a metric ('' when it has none, like pH or AQI). */
export function metricUnit(kind: StationKind, metric: string): string {
  return metricInfo(kind, metric)?.unit ?? ''
}

/**
 * A value with the catalog's decimal places (2 for unknown metrics), no unit.
 * @example formatValue('air', 'co', 1.234) === '1.23'
 */
export function formatValue(kind: StationKind, metric: string, v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—'
  const digits = metricInfo(kind, metric)?.digits ?? (Number.isInteger(v) ? 0 : 2)
  return v.toFixed(digits)
}

/** A value followed by its unit, e.g. `35 µg/m³`. */
export function formatWithUnit(kind: StationKind, metric: string, v: number | undefined): string {
  const unit = metricUnit(kind, metric)
  const s = formatValue(kind, metric, v)
  return unit && s !== '—' ? `${s} ${unit}` : s
}

/** The label of an averaging window (`1h`, `instant`…), the raw window when unknown. */
export function windowLabel(window: string, t: Translate): string {
  const k = WINDOWS[window]
  return k ? t(k) : window
}

/** Whether a data flag marks a value that is not normal measurement data (anything but N). */
export function isFlagged(flag: string | undefined): boolean {
  return flag !== undefined && flag !== '' && flag !== 'N'
}

/** The meaning of an HJ 212 data flag (F stopped, M maintenance…), the raw flag when unknown. */
export function flagMeaning(flag: string, t: Translate): string {
  return FLAGS.has(flag) ? t(`flag.${flag}` as MessageKey) : flag
}

/** The kind's display name. */
export function kindLabel(kind: StationKind, t: Translate): string {
  return t(`kind.${kind}` as MessageKey)
}

/** A station's name in the UI language. */
export function stationName(s: { nameZh: string; nameEn: string } | undefined, lang: Lang, fallback = ''): string {
  if (!s) return fallback
  return lang === 'zh' ? s.nameZh || s.nameEn : s.nameEn || s.nameZh
}

/** A station's town in the UI language. */
export function townName(s: { town: string; townEn?: string }, lang: Lang): string {
  return lang === 'en' && s.townEn ? s.townEn : s.town
}
