/**
 * The webhook channel: POSTs a JSON body with the envmon signature headers (and DingTalk's URL
 * signing), with a timeout on the whole exchange. 2xx is success; for WeCom and DingTalk robots,
 * which answer 200 with `{ errcode, errmsg }`, only `errcode: 0` is. 408, 429 and 5xx are
 * retried; other statuses are permanent failures. Error messages never include the URL's query
 * (robot tokens live there).
 */
import type { WebhookFormat } from '../model'
import { DeliveryError } from './delivery-error'
import { dingtalkSignedUrl, signBody } from './webhook-format'

/** One POST. */
export interface WebhookRequest {
  url: string
  format: WebhookFormat
  secret?: string
  body: unknown
  /** Stable across retries (`X-Envmon-Delivery`). */
  deliveryId: string
  /** Epoch ms of this attempt (`X-Envmon-Timestamp`, DingTalk `timestamp`). */
  timestamp: number
}

/** Posts webhooks. */
export interface WebhookSender {
  post(req: WebhookRequest): Promise<void>
}

const MAX_RESPONSE_CHARS = 2048

function where(url: string): string {
  try {
    const u = new URL(url)
    return `${u.origin}${u.pathname}`
  } catch {
    return 'webhook'
  }
}

/**
 * A webhook sender using the built-in fetch.
 * @example await createWebhookSender({ timeoutMs: 5000 }).post({ url, format: 'generic', body, deliveryId, timestamp: Date.now() })
 */
export function createWebhookSender(opts: { timeoutMs: number }): WebhookSender {
  return {
    async post(req) {
      const raw = JSON.stringify(req.body)
      const url = req.format === 'dingtalk' && req.secret ? dingtalkSignedUrl(req.url, req.secret, req.timestamp) : req.url
      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'envmon-notify/1',
        'x-envmon-timestamp': String(req.timestamp),
        'x-envmon-delivery': req.deliveryId,
      }
      if (req.secret) headers['x-envmon-signature'] = signBody(req.secret, raw)
      const signal = AbortSignal.timeout(opts.timeoutMs)
      let status: number
      let text: string
      try {
        const res = await fetch(url, { method: 'POST', headers, body: raw, signal, redirect: 'manual' })
        status = res.status
        text = (await res.text()).slice(0, MAX_RESPONSE_CHARS)
      } catch (e) {
        const err = e as Error & { cause?: { code?: string } }
        if (err.name === 'TimeoutError' || err.name === 'AbortError')
          throw new DeliveryError('timeout', `${where(req.url)}: no answer within ${opts.timeoutMs} ms`, false)
        throw new DeliveryError('network', `${where(req.url)}: ${err.cause?.code ?? err.message}`, false)
      }
      if (status < 200 || status >= 300) {
        const retry = status === 408 || status === 429 || status >= 500
        throw new DeliveryError('http-status', `${where(req.url)}: HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ''}`, !retry)
      }
      if (req.format === 'wecom' || req.format === 'dingtalk') {
        let ans: { errcode?: unknown; errmsg?: unknown } | undefined
        try {
          ans = JSON.parse(text) as typeof ans
        } catch {
          ans = undefined
        }
        // The robots answer HTTP 200 even on errors (bad token, bad sign, rate limit).
        if (!ans || ans.errcode !== 0)
          throw new DeliveryError(
            'robot-error',
            `${req.format} robot: ${ans ? `errcode ${String(ans.errcode)}: ${String(ans.errmsg)}` : `unexpected answer ${text.slice(0, 200)}`}`,
            false,
          )
      }
    },
  }
}
