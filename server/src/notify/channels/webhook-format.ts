/**
 * Webhook bodies and signatures, pure.
 *
 * - `generic`: our JSON (`GenericWebhookBody`), the alert in its contract wire shape.
 * - `wecom`: a WeCom (企业微信) group robot markdown message, `{ msgtype: 'markdown', markdown: { content } }`.
 * - `dingtalk`: a DingTalk (钉钉) group robot markdown message, `{ msgtype: 'markdown', markdown: { title, text } }`;
 *   with a secret, DingTalk's own "加签" signing: query `timestamp` (ms) and
 *   `sign` = base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)).
 *
 * Every format, when the channel has a secret, also carries `X-Envmon-Signature: sha256=<hex
 * HMAC-SHA256(secret, raw body)>` and `X-Envmon-Timestamp` (epoch ms, also inside the generic
 * body as `sentAt`, so the signature covers it and a receiver can reject stale replays).
 */
import { createHmac } from 'node:crypto'
import { toAlertEvent, type AlertEvent } from '../../../../shared/src/domain/alert'
import type { Station } from '../../../../shared/src/domain/station'
import type { TransitionType } from '../../../../shared/src/rules/alert-book'
import type { NoticeText } from '../message'
import type { OutboxItem } from '../outbox'

/** WeCom limits markdown content to 4096 bytes of UTF-8. */
const WECOM_MAX_BYTES = 4096

/** Body of a `generic` webhook (version 1). */
export interface GenericWebhookBody {
  version: 1
  /** Stable delivery id (the same on every retry): receivers dedupe on it. */
  deliveryId: string
  /** Why this was sent: `opened`, `escalated`, `step`, `reminder`, `resolved`, `digest` (late data, issue 10). */
  kind: OutboxItem['kind']
  /** Event id within the alert (`opened`, `severity:critical`, `step:1`, `reminder:2`, `resolved`). */
  event: string
  step: number
  transition: TransitionType | null
  alert: AlertEvent
  station: Pick<Station, 'id' | 'kind' | 'nameZh' | 'nameEn' | 'town' | 'townEn' | 'lon' | 'lat'> | null
  url: string
  /** ISO time of this attempt (equals X-Envmon-Timestamp). */
  sentAt: string
  text: { subject: string; body: string }
  /** Kind `digest` only: the backlog it reports (times ISO); `alert` is then its first historical exceedance. */
  digest?: {
    backlogId: string
    stationId: string
    dataFrom: string
    dataTo: string
    readings: number
    exceedanceCount: number
    exceedances: {
      alertId: string
      rule: string
      metric: string
      window: string
      severity: string
      openedAt: string
      resolvedAt: string
      peak: number
      limit: number
    }[]
    ongoing: number
  }
}

/** The generic body. */
export function genericBody(
  item: OutboxItem,
  station: Station | undefined,
  text: NoticeText,
  url: string,
  sentAt: number,
  deliveryId: string,
): GenericWebhookBody {
  return {
    version: 1,
    deliveryId,
    kind: item.kind,
    event: item.event,
    step: item.step,
    transition: item.transition ?? null,
    alert: toAlertEvent(item.alert),
    station: station
      ? {
          id: station.id,
          kind: station.kind,
          nameZh: station.nameZh,
          nameEn: station.nameEn,
          town: station.town,
          townEn: station.townEn,
          lon: station.lon,
          lat: station.lat,
        }
      : null,
    url,
    sentAt: new Date(sentAt).toISOString(),
    text: { subject: text.subject, body: text.text },
    ...(item.digest ? { digest: digestBody(item) } : {}),
  }
}

function digestBody(item: OutboxItem): GenericWebhookBody['digest'] {
  const d = item.digest!
  const iso = (t: number) => new Date(t).toISOString()
  return {
    ...d,
    dataFrom: iso(d.dataFrom),
    dataTo: iso(d.dataTo),
    exceedances: d.exceedances.map((e) => ({ ...e, openedAt: iso(e.openedAt), resolvedAt: iso(e.resolvedAt) })),
  }
}

/** A WeCom group robot markdown message (content cut to WeCom's 4096-byte limit). */
export function wecomBody(text: NoticeText): { msgtype: 'markdown'; markdown: { content: string } } {
  return { msgtype: 'markdown', markdown: { content: truncateUtf8(text.markdown('wecom'), WECOM_MAX_BYTES) } }
}

/** A DingTalk group robot markdown message. */
export function dingtalkBody(text: NoticeText): { msgtype: 'markdown'; markdown: { title: string; text: string } } {
  return { msgtype: 'markdown', markdown: { title: text.title, text: text.markdown('dingtalk') } }
}

/**
 * `sha256=<hex>` HMAC-SHA256 of the raw body with the secret (the `X-Envmon-Signature` header).
 * @example signBody('s3cret', '{"a":1}') // 'sha256=…64 hex…'
 */
export function signBody(secret: string, rawBody: string | Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`
}

/** DingTalk's `sign`: base64(HMAC-SHA256(key = secret, `${timestamp}\n${secret}`)). */
export function dingtalkSign(secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64')
}

/** The robot URL with DingTalk's `timestamp` and `sign` query parameters added. */
export function dingtalkSignedUrl(url: string, secret: string, timestamp: number): string {
  const u = new URL(url)
  u.searchParams.set('timestamp', String(timestamp))
  u.searchParams.set('sign', dingtalkSign(secret, timestamp))
  return u.toString()
}

/** Cut a string to at most `max` UTF-8 bytes without splitting a character. */
export function truncateUtf8(s: string, max: number): string {
  if (Buffer.byteLength(s) <= max) return s
  const ell = '…'
  let out = ''
  let bytes = Buffer.byteLength(ell)
  for (const ch of s) {
    const b = Buffer.byteLength(ch)
    if (bytes + b > max) break
    out += ch
    bytes += b
  }
  return out + ell
}
