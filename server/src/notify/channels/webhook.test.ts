/**
 * The webhook channel against a real local HTTP receiver: headers, DingTalk URL signing, and how
 * each kind of answer is classified (retry or give up).
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { startWebhookReceiver, type WebhookReceiver } from '../../../../test/helpers/webhook-receiver'
import { DeliveryError } from './delivery-error'
import { createWebhookSender, type WebhookRequest } from './webhook'
import { dingtalkSign, signBody } from './webhook-format'

const T = 1_764_000_000_000
const open: { stop(): Promise<void> }[] = []
afterEach(async () => {
  for (const s of open.splice(0)) await s.stop()
})
async function rx(respond?: Parameters<typeof startWebhookReceiver>[0]): Promise<WebhookReceiver> {
  const r = await startWebhookReceiver(respond)
  open.push(r)
  return r
}
const req = (url: string, over: Partial<WebhookRequest> = {}): WebhookRequest => ({
  url,
  format: 'generic',
  body: { hello: '你好' },
  deliveryId: 'd-1',
  timestamp: T,
  ...over,
})
const send = createWebhookSender({ timeoutMs: 500 })
async function failure(p: Promise<void>): Promise<DeliveryError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  )
  expect(e).toBeInstanceOf(DeliveryError)
  return e as DeliveryError
}

describe('webhook channel', () => {
  it('posts the JSON body with timestamp, delivery id and signature headers', async () => {
    const r = await rx(() => ({ status: 202 }))
    await send.post(req(r.url('/x'), { secret: 's3' }))
    const got = r.requests[0]!
    expect(got.json).toEqual({ hello: '你好' })
    expect(got.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'x-envmon-timestamp': String(T),
      'x-envmon-delivery': 'd-1',
      'x-envmon-signature': signBody('s3', got.raw),
    })
  })

  it('signs the DingTalk URL when a secret is set', async () => {
    const r = await rx()
    await send.post(req(r.url('/robot/send?access_token=t'), { format: 'dingtalk', secret: 'SEC' }))
    expect(Object.fromEntries(r.requests[0]!.query)).toEqual({ access_token: 't', timestamp: String(T), sign: dingtalkSign('SEC', T) })
  })

  it.each([
    [404, true],
    [401, true],
    [408, false],
    [429, false],
    [503, false],
  ])('HTTP %i: permanent=%s', async (status, permanent) => {
    const r = await rx(() => ({ status, body: { error: 'x' } }))
    const e = await failure(send.post(req(r.url())))
    expect(e).toMatchObject({ code: 'http-status', permanent })
    expect(e.message).toContain(`HTTP ${status}`)
  })

  it("a robot answering errcode ≠ 0 is a retryable failure; a generic receiver's body is not inspected", async () => {
    const r = await rx(() => ({ status: 200, body: { errcode: 45009, errmsg: 'api freq out of limit' } }))
    const e = await failure(send.post(req(r.url('/send?key=k'), { format: 'wecom' })))
    expect(e).toMatchObject({ code: 'robot-error', permanent: false, message: 'wecom robot: errcode 45009: api freq out of limit' })
    await expect(send.post(req(r.url('/send?key=k')))).resolves.toBeUndefined()
  })

  it('a refused connection is retryable and its message leaves out the URL query (robot tokens)', async () => {
    const e = await failure(send.post(req('http://127.0.0.1:1/send?key=SECRET-KEY')))
    expect(e).toMatchObject({ code: 'network', permanent: false })
    expect(e.message).not.toContain('SECRET-KEY')
  })

  it('times out a receiver that never answers', async () => {
    const server = createServer(() => {})
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    open.push({
      stop: () =>
        new Promise<void>((r) => {
          server.closeAllConnections()
          server.close(() => r())
        }),
    })
    const e = await failure(send.post(req(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)))
    expect(e).toMatchObject({ code: 'timeout', permanent: false })
  })
})
