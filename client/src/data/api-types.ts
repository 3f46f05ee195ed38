/**
 * Wire shapes of the HTTP API (server/src/http/api.ts) as the client reads them. Built on the
 * shared pure domain types so a contract change shows up as a type error here.
 */
import type { AlertEvent, Severity } from '../../../shared/src/domain/alert'
import type { Station, StationStatus } from '../../../shared/src/domain/station'
import type { AqiSummary } from '../../../shared/src/protocol/events'

/** One metric's latest value as the API reports it. */
export interface LatestMetric {
  value: number
  /** ISO 8601. */
  ts: string
  /** HJ 212 data flag (N when the station sent none). */
  flag: string
}

/** GET /api/stations item. */
export interface StationView extends Station {
  /** Chinese name (same as nameZh). */
  name: string
  status: StationStatus
  /** ISO 8601. */
  statusSince: string
  latest?: { ts: string; values: Record<string, LatestMetric> }
  /** Air stations only, when the server has computed it. */
  aqi?: AqiSummary
  activeAlerts: number
}

/** A rule as GET /api/stations/:id shows it. */
export interface RuleView {
  id: string
  metric: string
  window: string
  comparison: 'above' | 'below' | 'outside'
  limit: number
  low?: number
  clear?: number
  severity: Severity
  /** Standard the limit comes from, e.g. `GB 3095-2012 Table 1, grade II`. */
  source: string
  title: { zh: string; en: string }
}

/** GET /api/stations/:id. */
export interface StationDetail extends StationView {
  openAlerts: AlertEvent[]
  rules: RuleView[]
}

/** One series of GET /api/stations/:id/series (columnar, t ascending, epoch ms). */
export interface SeriesWire {
  metric: string
  t: number[]
  v: number[]
  flags?: string[]
}

/** GET /api/stations/:id/series. */
export interface SeriesResponse {
  stationId: string
  from: string
  to: string
  every: string
  series: SeriesWire[]
}

/** GET /api/alerts. */
export interface AlertsResponse {
  alerts: AlertEvent[]
  total: number
}

/** The `status` filter of GET /api/alerts. */
export type AlertStatusQuery = 'open' | 'acknowledged' | 'resolved' | 'active' | 'all'

/** Delivery status of one notification of an alert (server/src/notify/status.ts). */
export interface DeliveryView {
  recipient: string
  recipientName?: string
  /** Display label of the channel (address or URL host). */
  channel: string
  channelType: string
  kind: string
  /** `opened`, `severity:<s>`, `step:<k>`, `reminder:<n>`, `resolved`. */
  event: string
  step: number
  state: 'pending' | 'sent' | 'failed' | 'cancelled' | string
  attempts: number
  lastError?: string
  sentAt?: string
  createdAt: string
  notBefore: string
  nextAttemptAt?: string
}

/** GET /api/alerts/:id. */
export interface AlertDetail extends AlertEvent {
  deliveries: DeliveryView[]
}
