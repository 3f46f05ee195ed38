/**
 * Stations as `GET /api/stations` and `GET /api/stations/:id` serve them (server/src/http/api.ts):
 * the public station fields, live status, latest values, AQI, and for one station its open alerts
 * and the rules that apply.
 */
import type { AlertEvent, Severity } from '../../domain/alert'
import type { Station, StationStatus } from '../../domain/station'
import type { AqiSummary } from '../events'

/** One metric's latest value. */
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
