/**
 * Delivery status of an alert's notices, as `GET /api/alerts/:id` serves it in `deliveries`
 * (built by server/src/notify/status.ts from the outbox; shown by client/src/alerts).
 * No secrets: the channel is its display label.
 */

/** Delivery state of one notice. `cancelled`: deferred, then overtaken or the alert resolved first. */
export type DeliveryState = 'pending' | 'sent' | 'failed' | 'cancelled'

/** Why a notice exists. */
export type NoticeKind = 'opened' | 'escalated' | 'step' | 'reminder' | 'resolved' | 'digest'

/** Delivery status of one notice. Times are ISO 8601. */
export interface DeliveryView {
  recipient: string
  recipientName?: string
  /** Display label of the channel (address or URL host). */
  channel: string
  channelType: 'email' | 'webhook'
  kind: NoticeKind
  /** `opened`, `severity:<s>`, `step:<k>`, `reminder:<n>`, `resolved`. */
  event: string
  step: number
  state: DeliveryState
  attempts: number
  lastError?: string
  sentAt?: string
  createdAt: string
  /** Deferred by quiet hours until then (equals createdAt when not deferred). */
  notBefore: string
  /** Pending items: when the next attempt is due. */
  nextAttemptAt?: string
}
