/**
 * Notifications through the whole system: a breach published by a station opens an alert that
 * reaches a real SMTP server as an e-mail and a local receiver as a signed webhook; the alert API
 * shows the delivery status; acknowledging in the UI's API stops the escalation.
 */
import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AlertEvent } from '../shared/src/domain/alert'
import { startSmtpCapture, type SmtpCapture } from './helpers/smtp-capture'
import { startTestSystem, type TestSystem } from './helpers/start-system'
import { startWebhookReceiver, type WebhookReceiver } from './helpers/webhook-receiver'

let smtp: SmtpCapture
let hook: WebhookReceiver
let sys: TestSystem
const SECRET = 'webhook-secret-for-test'
beforeAll(async () => {
  smtp = await startSmtpCapture()
  hook = await startWebhookReceiver()
  sys = await startTestSystem({
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    SMTP_FROM: 'envmon@bureau.example.cn',
    NOTIFY_BACKOFF_MS: '100',
  })
})
afterAll(async () => {
  await sys?.stop()
  await hook?.stop()
  await smtp?.stop()
})

const put = (path: string, body: unknown) =>
  sys.api(`/api/admin/notify${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

describe('alert notifications', () => {
  it('an admin configures a recipient with e-mail and a signed webhook', async () => {
    const res = await put('/recipients/duty', {
      id: 'duty',
      name: '值班室 Duty room',
      channels: [
        { type: 'email', to: 'duty@bureau.example.cn' },
        { type: 'webhook', url: hook.url('/hook'), format: 'generic', secret: SECRET },
      ],
      subscriptions: [{ kinds: ['air'], towns: ['长安镇'], minSeverity: 'warning' }],
    })
    expect(res.status).toBeLessThan(300)
  })

  it('a breach is e-mailed and posted, signed, and the alert shows the deliveries', async () => {
    // DG-AIR-09 is in 长安镇 (Chang'an). SO2 above the 1-h limit of 500 µg/m³ opens an alert at once.
    const station = await sys.connectStation('DG-AIR-09')
    const socket = await sys.socket()
    const opened = new Promise<AlertEvent>((resolve) =>
      socket.on('alert', (a) => a.stationId === 'DG-AIR-09' && a.state === 'open' && resolve(a)),
    )
    station.publish('envmon/v1/air/DG-AIR-09/reading', JSON.stringify({ ts: Date.now() - 30_000, values: { so2: 695 } }), { qos: 1 })
    const alert = await opened

    await expect.poll(() => smtp.messages.length, { timeout: 15_000 }).toBeGreaterThan(0)
    const mail = smtp.messages[0]!
    expect(mail.to).toEqual(['duty@bureau.example.cn'])
    expect(mail.text).toMatch(/长安|Chang/)
    expect(mail.text).toMatch(/695/)

    await expect.poll(() => hook.requests.length, { timeout: 15_000 }).toBeGreaterThan(0)
    const req = hook.requests[0]!
    const expected = 'sha256=' + createHmac('sha256', SECRET).update(req.raw).digest('hex')
    expect(req.headers['x-envmon-signature']).toBe(expected)
    expect(req.json).toMatchObject({ alert: { id: alert.id, stationId: 'DG-AIR-09', metric: 'so2' } })

    await expect
      .poll(
        async () => {
          const body = (await (await sys.api(`/api/alerts/${alert.id}`)).json()) as { deliveries: { state: string; channelType: string }[] }
          return body.deliveries
            .filter((d) => d.state === 'sent')
            .map((d) => d.channelType)
            .sort()
        },
        { timeout: 15_000 },
      )
      .toEqual(['email', 'webhook'])
  })

  it('a recipient not subscribed to the town gets nothing', async () => {
    const before = smtp.messages.length
    const station = await sys.connectStation('DG-AIR-10')
    station.publish('envmon/v1/air/DG-AIR-10/reading', JSON.stringify({ ts: Date.now() - 20_000, values: { so2: 700 } }), { qos: 1 })
    await expect
      .poll(async () => ((await (await sys.api('/api/alerts?status=open&station=DG-AIR-10')).json()) as { total: number }).total)
      .toBe(1)
    await new Promise((r) => setTimeout(r, 500))
    expect(smtp.messages.length).toBe(before)
  })
})
