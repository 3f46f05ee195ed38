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
  /** Epoch ms: the data's time of the observation that opened the alert (issue 10). */
  openedAt: number
  /** When the alert was last changed here (processing time; orders snapshots). */
  updatedAt: number
  /**
   * When envmon learnt of the alert and announced it (processing time): the receipt of its opening
   * observation for data on time; the end of the backlog for an exceedance still going on at the
   * end of a backlog; the receipt of the clearing observation for a historical one. Absent in
   * alerts persisted before issue 10 (read as `openedAt`).
   */
  detectedAt?: number
  /**
   * True for a historical exceedance: opened and cleared by late data (older than
   * `LATE_DATA_AFTER` when processed), i.e. already over when its data arrived. It is recorded
   * but pages nobody. Absent or false: a live alert.
   */
  historical?: boolean
  /**
   * Internal to the rules engine: opened by late data and not yet classified (historical if late
   * data clears it, live if it is still going on at the end of the backlog). Never announced.
   */
  held?: boolean
  /** Time of the observation that last changed the alert (the data's time). */
  observedAt: number
  /** Worst value seen while open. */
  peak: number
  message: string
  acknowledged?: AlertAction
  resolved?: AlertAction & { auto: boolean }
}

/** Wire shape of an alert (contract: times as ISO strings; `detectedAt` and `historical` always present). */
export interface AlertEvent extends Omit<
  Alert,
  'openedAt' | 'updatedAt' | 'observedAt' | 'detectedAt' | 'historical' | 'held' | 'acknowledged' | 'resolved'
> {
  openedAt: string
  updatedAt: string
  detectedAt: string
  historical: boolean
  observedAt: string
  acknowledged?: { by: string; at: string; note?: string }
  resolved?: { by: string; at: string; note?: string; auto: boolean }
  /**
   * **[added, issue 13]** Set by the HTTP API when a review mark later left out the data the alert
   * was opened on ("data invalidated by review"); the alert itself is kept as it was.
   */
  review?: { invalidated: true; markId: string; reason: string; by: string }
}

/** Convert an alert to its wire shape. */
export function toAlertEvent(a: Alert): AlertEvent {
  const iso = (t: number) => new Date(t).toISOString()
  const { held: _held, ...rest } = a
  const e: AlertEvent = {
    ...rest,
    openedAt: iso(a.openedAt),
    updatedAt: iso(a.updatedAt),
    detectedAt: iso(a.detectedAt ?? a.openedAt),
    historical: a.historical === true,
    observedAt: iso(a.observedAt),
    acknowledged: undefined,
    resolved: undefined,
  }
  if (a.acknowledged) e.acknowledged = { ...a.acknowledged, at: iso(a.acknowledged.at) }
  else delete e.acknowledged
  if (a.resolved) e.resolved = { ...a.resolved, at: iso(a.resolved.at) }
  else delete e.resolved
  return e
}

/** An alert as persisted before issue 10 read with today's fields (`detectedAt` = `openedAt`, not historical). */
export function withAlertDefaults(a: Alert): Alert {
  return a.detectedAt === undefined || a.historical === undefined
    ? { ...a, detectedAt: a.detectedAt ?? a.openedAt, historical: a.historical === true }
    : a
}
