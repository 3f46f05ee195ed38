/**
 * Delivery status of an alert's notices as the alert API shows it: who, which channel, why
 * (event and step), where it stands, times as ISO strings. No addresses' secrets: the channel is
 * its display label.
 */
import type { ChannelType } from './channel-key'
import type { DeliveryState, NoticeKind, OutboxItem } from './outbox'

/** Delivery status of one notice, for the alert API. Times are ISO strings. */
export interface DeliveryStatus {
  recipient: string
  recipientName?: string
  channel: string
  channelType: ChannelType
  kind: NoticeKind
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
