/**
 * Delivery status of an alert's notices as the alert API shows it: who, which channel, why
 * (event and step), where it stands, times as ISO strings. No addresses' secrets: the channel is
 * its display label.
 */
import type { DeliveryView } from '../../../shared/src/protocol/http/deliveries'
import type { OutboxItem } from './outbox'

/** Delivery status of one notice, for the alert API: the wire type (shared/src/protocol/http/deliveries.ts). */
export type DeliveryStatus = DeliveryView

const iso = (t: number) => new Date(t).toISOString()

/** The status of one outbox item. */
export function toDeliveryStatus(i: OutboxItem, recipientName: string | undefined): DeliveryStatus {
  const s: DeliveryStatus = {
    recipient: i.recipientId,
    recipientName,
    channel: i.channelLabel,
    channelType: i.channelType,
    kind: i.kind,
    event: i.event,
    step: i.step,
    state: i.state,
    attempts: i.attempts,
    createdAt: iso(i.createdAt),
    notBefore: iso(i.notBefore),
  }
  if (i.lastError) s.lastError = i.lastError
  if (i.sentAt !== undefined) s.sentAt = iso(i.sentAt)
  if (i.state === 'pending') s.nextAttemptAt = iso(i.nextAttemptAt)
  return s
}
