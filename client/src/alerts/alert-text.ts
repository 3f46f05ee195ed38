/**
 * How an alert reads to an operator: station name, metric label, value against limit with unit,
 * window. Shared by the alert table, the sidebar cards and the station panel.
 */
import type { AlertEvent } from '../../../shared/src/domain/alert'
import { stationStore } from '../data/live'
import type { Lang } from '../i18n/dict'
import type { Translate } from '../i18n/i18n'
import { formatValue, metricLabel, metricUnit, stationName, windowLabel } from '../ui/labels'

/** The station name of an alert (the id when the station is unknown). */
export function alertStationName(a: AlertEvent, lang: Lang): string {
  return stationName(stationStore.get(a.stationId), lang, a.stationId)
}

/** `86 / 75 µg/m³` (value / limit, unit once). */
export function valueVsLimit(a: AlertEvent): string {
  const unit = metricUnit(a.kind, a.metric)
  return `${formatValue(a.kind, a.metric, a.value)} / ${formatValue(a.kind, a.metric, a.limit)}${unit ? ` ${unit}` : ''}`
}

/** The searchable text of an alert, in both languages. */
export function alertHaystack(a: AlertEvent, t: Translate): string {
  const s = stationStore.get(a.stationId)
  return [
    a.stationId,
    s?.nameZh,
    s?.nameEn,
    s?.town,
    s?.townEn,
    a.metric,
    metricLabel(a.kind, a.metric, 'zh', t),
    metricLabel(a.kind, a.metric, 'en', t),
    a.message,
    a.rule,
  ].join(' ')
}

/** Metric and window, e.g. `PM2.5 · 1 h`. */
export function metricAndWindow(a: AlertEvent, lang: Lang, t: Translate): string {
  return `${metricLabel(a.kind, a.metric, lang, t)} · ${windowLabel(a.window, t)}`
}
