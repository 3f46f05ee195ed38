/**
 * Filtering and ordering of the alert list: by state, severity, station kind, origin (live or
 * historical) and free text.
 * Pure, so the list, the sidebar and the tests share one definition.
 */
import type { AlertEvent, AlertState, Severity } from '../../../shared/src/domain/alert'
import type { StationKind } from '../../../shared/src/domain/station'
import { severityRank } from '../data/alert-store'
import { originMatches, type OriginFilter } from './alert-origin'

/** State filter values: a single state, `active` (open or acknowledged), or all. */
export type StateFilter = AlertState | 'active' | 'all'
/** State filters in display order. */
export const STATE_FILTERS: readonly StateFilter[] = ['active', 'open', 'acknowledged', 'resolved', 'all']

/** The alert list filter. */
export interface AlertFilter {
  state: StateFilter
  severity: Severity | 'all'
  kind: StationKind | 'all'
  /** Live alerts, historical exceedances (late data), or both. */
  origin: OriginFilter
  text: string
}

/** What an operator sees first: every active alert. */
export const DEFAULT_ALERT_FILTER: AlertFilter = { state: 'active', severity: 'all', kind: 'all', origin: 'all', text: '' }

const STATE_ORDER: Record<AlertState, number> = { open: 0, acknowledged: 1, resolved: 2 }

/** Whether an alert's state passes a state filter. */
export function stateMatches(state: AlertState, f: StateFilter): boolean {
  return f === 'all' || (f === 'active' ? state !== 'resolved' : state === f)
}

/**
 * Operator order: open before acknowledged before resolved, then critical first, then newest.
 */
export function compareAlerts(a: AlertEvent, b: AlertEvent): number {
  return (
    STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
    severityRank(b.severity) - severityRank(a.severity) ||
    Date.parse(b.openedAt) - Date.parse(a.openedAt) ||
    a.id.localeCompare(b.id)
  )
}

/**
 * The alerts passing `f`, in operator order.
 * @param haystack the searchable text of an alert (station names, metric label, message…)
 * @example filterAlerts(alerts, { ...DEFAULT_ALERT_FILTER, severity: 'critical' }, (a) => a.message)
 */
export function filterAlerts(alerts: readonly AlertEvent[], f: AlertFilter, haystack: (a: AlertEvent) => string): AlertEvent[] {
  const q = f.text.trim().toLowerCase()
  const out = alerts.filter(
    (a) =>
      stateMatches(a.state, f.state) &&
      (f.severity === 'all' || a.severity === f.severity) &&
      (f.kind === 'all' || a.kind === f.kind) &&
      originMatches(a, f.origin ?? 'all') &&
      (!q || haystack(a).toLowerCase().includes(q)),
  )
  return out.sort(compareAlerts)
}
