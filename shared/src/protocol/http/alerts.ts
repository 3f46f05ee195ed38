/**
 * Alerts as `GET /api/alerts` and `GET /api/alerts/:id` serve them (server/src/http/api.ts).
 */
import type { AlertEvent } from '../../domain/alert'
import type { DeliveryView } from './deliveries'

/** The `status` filter of GET /api/alerts. */
export const ALERT_STATUS_QUERIES = ['open', 'acknowledged', 'resolved', 'active', 'all'] as const
export type AlertStatusQuery = (typeof ALERT_STATUS_QUERIES)[number]

/** GET /api/alerts: the page asked for (`limit`), and how many matched. */
export interface AlertsResponse {
  alerts: AlertEvent[]
  total: number
}

/** GET /api/alerts/:id: the alert and the delivery status of its notices. */
export interface AlertDetail extends AlertEvent {
  deliveries: DeliveryView[]
}
