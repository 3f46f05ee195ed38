/**
 * Alerts: one per (station, rule) at a time, with a lifecycle open → acknowledged → resolved.
 */
import type { StationKind } from './station'

export type AlertState = 'open' | 'acknowledged' | 'resolved'
export type Severity = 'info' | 'warning' | 'critical'
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical']

/** Who acknowledged or resolved, when, and why. */
export interface AlertAction {
  by: string
  at: number
  note?: string
}

/** An alert as stored and as sent on the socket `alert` event and the MQTT alerts topic. */
export interface Alert {
  id: string
  stationId: string
  kind: StationKind
  /** Metric key or derived quantity (e.g. `pm25`, `aqi`, `class`, `status`). */
  metric: string
  /** Rule id (e.g. `air.pm25.24h`, `station.offline`). */
  rule: string
  severity: Severity
  state: AlertState
  /** The value that opened or last updated the alert. */
  value: number
  /** The limit it is compared with. */
  limit: number
  /** Averaging window of the value (e.g. `1h`, `24h`, `8h`, `instant`, `1d`). */
  window: string
  /** Epoch ms. */
  openedAt: number
  updatedAt: number
  /** Time of the observation that triggered the alert (may be earlier than openedAt for late data). */
  observedAt: number
  /** Worst value seen while open. */
  peak: number
  message: string
  acknowledged?: AlertAction
  resolved?: AlertAction & { auto: boolean }
}

/** Wire shape of an alert (contract: times as ISO strings). */
export interface AlertEvent extends Omit<Alert, 'openedAt' | 'updatedAt' | 'observedAt' | 'acknowledged' | 'resolved'> {
  openedAt: string
  updatedAt: string
  observedAt: string
  acknowledged?: { by: string; at: string; note?: string }
  resolved?: { by: string; at: string; note?: string; auto: boolean }
}

/** Convert an alert to its wire shape. */
export function toAlertEvent(a: Alert): AlertEvent {
  const iso = (t: number) => new Date(t).toISOString()
  const e: AlertEvent = { ...a, openedAt: iso(a.openedAt), updatedAt: iso(a.updatedAt), observedAt: iso(a.observedAt), acknowledged: undefined, resolved: undefined }
  if (a.acknowledged) e.acknowledged = { ...a.acknowledged, at: iso(a.acknowledged.at) }
  else delete e.acknowledged
  if (a.resolved) e.resolved = { ...a.resolved, at: iso(a.resolved.at) }
  else delete e.resolved
  return e
}
