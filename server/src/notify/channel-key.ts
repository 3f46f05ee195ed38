/**
 * Stable identities of a recipient's channels. The outbox keys deliveries by (alert, event,
 * recipient, channel key) and never stores a channel's URL or secret: webhook URLs of WeCom and
 * DingTalk robots carry their access token, so the key is a hash and the label drops the query.
 */
import { createHash } from 'node:crypto'
import type { ChannelSpec } from './model'

/** Channel types. */
export type ChannelType = ChannelSpec['type']

/**
 * The dedupe identity of a channel: `email:<address>` or `webhook:<16 hex of sha256(url)>`.
 * @example channelKey({ type: 'email', to: 'Ops@Example.cn' }) // 'email:ops@example.cn'
 */
export function channelKey(c: ChannelSpec): string {
  if (c.type === 'email') return `email:${c.to.toLowerCase()}`
  return `webhook:${createHash('sha256').update(c.url).digest('hex').slice(0, 16)}`
}

/**
 * A label safe to show on the alert API: the address, or the webhook format and its URL without
 * query string (which may hold a robot token).
 */
export function channelLabel(c: ChannelSpec): string {
  if (c.type === 'email') return `email ${c.to}`
  try {
    const u = new URL(c.url)
    return `${c.format} webhook ${u.origin}${u.pathname}`
  } catch {
    return `${c.format} webhook`
  }
}
