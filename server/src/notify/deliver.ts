/**
 * Deliver one outbox item: look its channel up in the recipient store (the outbox holds no
 * addresses' secrets), render the message from the item's alert snapshot, and hand it to the
 * e-mail or webhook channel. Rejects with a DeliveryError.
 */
import { createHash } from 'node:crypto'
import type { Station } from '../../../shared/src/domain/station'
import { DeliveryError } from './channels/delivery-error'
import type { EmailSender } from './channels/email'
import type { WebhookSender } from './channels/webhook'
import { dingtalkBody, genericBody, wecomBody } from './channels/webhook-format'
import { renderDigest, stationUrl } from './digest'
import { alertUrl, renderNotice } from './message'
import type { OutboxItem } from './outbox'
import type { RecipientStore } from './recipients'

export interface DeliverDeps {
  store: RecipientStore
  station: (id: string) => Station | undefined
  publicUrl: string
  now: () => number
  email: EmailSender
  webhook: WebhookSender
  /** `NOTIFY_SECRET_*` values by name. */
  secrets: Record<string, string>
}

/** A stable opaque id of an item (webhook `deliveryId`, e-mail Message-ID). */
export function deliveryId(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32)
}

/**
 * A function that sends one item.
 * @example const deliver = createDeliver(deps); await deliver(item)
 */
export function createDeliver(d: DeliverDeps): (item: OutboxItem) => Promise<void> {
  return async (item) => {
    const ref = d.store.channel(item.recipientId, item.channelKey)
    if (!ref) throw new DeliveryError('channel-removed', `recipient ${item.recipientId} no longer has channel ${item.channelLabel}`, true)
    const station = d.station(item.alert.stationId)
    const text = item.digest
      ? renderDigest(item.digest, station, d.publicUrl)
      : renderNotice({ kind: item.kind, step: item.step, alert: item.alert, station, publicUrl: d.publicUrl })
    const id = deliveryId(item.key)
    const c = ref.channel
    if (c.type === 'email') {
      await d.email.send({
        to: c.to,
        subject: text.subject,
        text: text.text,
        html: text.html,
        messageId: `<${id}@envmon>`,
        headers: { 'X-Envmon-Delivery': id, 'X-Envmon-Alert': item.alertId },
      })
      return
    }
    let secret = c.secret
    if (!secret && c.secretEnv) {
      secret = d.secrets[c.secretEnv]
      if (!secret) throw new DeliveryError('secret-missing', `${c.secretEnv} is not set in the environment`, true)
    }
    const ts = d.now()
    const body =
      c.format === 'wecom'
        ? wecomBody(text)
        : c.format === 'dingtalk'
          ? dingtalkBody(text)
          : genericBody(
              item,
              station,
              text,
              item.digest ? stationUrl(d.publicUrl, item.digest.stationId) : alertUrl(d.publicUrl, item.alertId),
              ts,
              id,
            )
    await d.webhook.post({ url: c.url, format: c.format, secret, body, deliveryId: id, timestamp: ts })
  }
}
