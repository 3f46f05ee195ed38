/**
 * Notifications end to end with real parts: a real SMTP server (smtp-server), a real HTTP
 * receiver, the real alert book producing transitions, the notifier's files in a temp dir.
 * Only time is injected (a manual clock, `tick()` runs what is due), except the first test,
 * which runs the production timer loop.
 */
import { createHmac } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AlertBook, type AlertTransition } from '../shared/src/rules/alert-book'
import { createNotifier, notifyConfigFromEnv, type NotifierHandle } from '../server/src/notify/index'
import { NOTIFY_RULES as RULES, NOTIFY_STATIONS as STATIONS } from '../server/src/notify/test-fixtures'
import { startSmtpCapture, type SmtpCapture } from './helpers/smtp-capture'
import { startWebhookReceiver, type WebhookReceiver } from './helpers/webhook-receiver'

const MIN = 60_000
const T0 = Date.parse('2026-11-24T10:00:00+08:00')
let clock = T0
let book: AlertBook
let obs = 0
let dir: string
const cleanups: (() => unknown)[] = []
const log = { error: () => {}, warn: () => {}, info: () => {} }

beforeEach(() => {
  clock = T0
  obs = 0
  let id = 0
  book = new AlertBook(() => `al-${++id}`)
  dir = mkdtempSync(join(tmpdir(), 'notify-'))
})
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
  rmSync(dir, { recursive: true, force: true })
  await vi.waitFor(() => expect(process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP'))).toEqual([]))
})

/** A reading of `value` at a station; returns the transitions the alert book made. */
function observe(stationId: string, value: number): AlertTransition[] {
  const s = STATIONS[stationId]!
  return book.observe({ stationId, kind: s.kind, rule: RULES[s.kind as 'air' | 'water'], value, ts: clock - MIN + ++obs }, clock)
}
function open(n: NotifierHandle, stationId: string, value: number): string {
  const [t] = observe(stationId, value)
  n.onTransition(t!)
  return t!.alert.id
}
function writeBook(b: object): void {
  mkdirSync(join(dir, 'notify'), { recursive: true })
  writeFileSync(join(dir, 'notify', 'recipients.json'), JSON.stringify({ version: 1, ...b }))
}
function notifier(env: Record<string, string> = {}): NotifierHandle {
  const config = notifyConfigFromEnv({ NOTIFY_BACKOFF_MS: '1000', NOTIFY_BACKOFF_MAX_MS: '8000', NOTIFY_TIMEOUT_MS: '3000', ...env })
  return track(
    createNotifier({
      dataDir: dir,
      now: () => clock,
      publicUrl: 'https://envmon.example.cn',
      lookupStation: (id) => STATIONS[id],
      getAlert: (id) => book.get(id),
      config,
      log,
    }),
  )
}
/** Stop it after the test. */
function track<T extends { stop(): Promise<void> }>(x: T): T {
  cleanups.push(() => x.stop())
  return x
}
const smtp = async (opts: Parameters<typeof startSmtpCapture>[0] = {}): Promise<SmtpCapture> => track(await startSmtpCapture(opts))
const receiver = async (...a: Parameters<typeof startWebhookReceiver>): Promise<WebhookReceiver> => track(await startWebhookReceiver(...a))
const hook = (rx: WebhookReceiver, id: string, extra: object = {}) => ({
  id,
  name: id,
  channels: [{ type: 'webhook', url: rx.url(`/${id}`), ...extra }],
  subscriptions: [] as object[],
})
const hits = (rx: WebhookReceiver, path: string) => rx.requests.filter((r) => r.path === `/${path}`)
const smtpEnv = (port: number) => ({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_FROM: '东莞环境监测 <envmon@example.cn>' })

describe('e-mail', () => {
  it('an opened breach reaches a real SMTP server (with auth) and says what, where, how much, when', async () => {
    const server = await smtp({ auth: { user: 'envmon', pass: 'pw-123' } })
    writeBook({ recipients: [{ id: 'ops', name: '值班室', channels: [{ type: 'email', to: 'ops@example.cn' }], subscriptions: [{}] }] })
    const n = notifier({ ...smtpEnv(server.port), SMTP_USER: 'envmon', SMTP_PASS: 'pw-123' })
    n.start()
    const id = open(n, 'DG-AIR-01', 120)
    await vi.waitFor(() => expect(server.messages).toHaveLength(1), { timeout: 10_000 })
    const m = server.messages[0]!
    expect(m).toMatchObject({ from: 'envmon@example.cn', to: ['ops@example.cn'], user: 'envmon' })
    expect(m.subject).toBe('[envmon] 警告 warning · 新告警 New alert · 莞城 Guancheng · 细颗粒物 PM2.5 120 µg/m³')
    for (const s of [
      '站点 Station: 莞城 Guancheng (DG-AIR-01, 莞城街道 Guancheng)',
      '数值 Value: 120 µg/m³',
      '限值 Limit: 75 µg/m³',
      '指标 Metric: 细颗粒物 PM2.5, 1h',
      '告警时间 Opened: 2026-11-24 09:59:00 CST',
      `https://envmon.example.cn/#/alerts/${id}`,
    ])
      expect(m.text).toContain(s)
    expect(m.html).toContain(`href="https://envmon.example.cn/#/alerts/${id}"`)
    expect(m.headers['x-envmon-alert']).toBe(id)
    await vi.waitFor(() =>
      expect(n.statusFor(id)).toMatchObject([
        { recipient: 'ops', channel: 'email ops@example.cn', state: 'sent', attempts: 1, sentAt: new Date(T0).toISOString() },
      ]),
    )
  })
})

describe('webhooks', () => {
  it('a generic webhook is signed: the receiver verifies HMAC-SHA256 of the raw body with the secret', async () => {
    const rx = await receiver(() => ({ status: 204 }))
    writeBook({
      recipients: [
        { ...hook(rx, 'file', { secret: 'whsec-file' }), subscriptions: [{}] },
        { ...hook(rx, 'env', { secretEnv: 'NOTIFY_SECRET_OPS' }), subscriptions: [{}] },
      ],
    })
    const n = notifier({ NOTIFY_SECRET_OPS: 'whsec-env' })
    const id = open(n, 'DG-AIR-01', 120)
    await n.tick()
    for (const [path, secret] of [
      ['file', 'whsec-file'],
      ['env', 'whsec-env'],
    ] as const) {
      const [r] = hits(rx, path)
      expect(r!.headers['x-envmon-signature']).toBe(`sha256=${createHmac('sha256', secret).update(r!.raw).digest('hex')}`)
      expect(r!.headers['x-envmon-timestamp']).toBe(String(T0))
      expect(r!.json).toMatchObject({
        version: 1,
        kind: 'opened',
        transition: 'opened',
        deliveryId: r!.headers['x-envmon-delivery'],
        alert: {
          id,
          stationId: 'DG-AIR-01',
          value: 120,
          limit: 75,
          openedAt: new Date(T0 - MIN + 1).toISOString(),
          detectedAt: new Date(T0).toISOString(),
        },
        station: { nameZh: '莞城', town: '莞城街道' },
        url: `https://envmon.example.cn/#/alerts/${id}`,
        sentAt: new Date(T0).toISOString(),
      })
    }
  })

  it('WeCom and DingTalk robots get markdown; DingTalk with its timestamp and sign parameters', async () => {
    const rx = await receiver()
    const robot = (id: string, c: object) => ({ id, name: id, channels: [{ type: 'webhook', ...c }], subscriptions: [{}] })
    writeBook({
      recipients: [
        robot('wecom', { format: 'wecom', url: rx.url('/cgi-bin/webhook/send?key=wk') }),
        robot('ding', { format: 'dingtalk', url: rx.url('/robot/send?access_token=dt'), secret: 'SECding' }),
      ],
    })
    const n = notifier()
    open(n, 'DG-AIR-01', 120)
    await n.tick()
    const we = hits(rx, 'cgi-bin/webhook/send')[0]!
    expect(we.query.get('key')).toBe('wk')
    expect(we.json).toEqual({
      msgtype: 'markdown',
      markdown: { content: expect.stringContaining('<font color="warning">120 µg/m³</font>') },
    })
    expect(we.headers['x-envmon-signature']).toBeUndefined()
    const dt = hits(rx, 'robot/send')[0]!
    expect(dt.query.get('access_token')).toBe('dt')
    expect(dt.query.get('timestamp')).toBe(String(T0))
    expect(dt.query.get('sign')).toBe(createHmac('sha256', 'SECding').update(`${T0}\nSECding`).digest('base64'))
    expect(dt.json).toEqual({
      msgtype: 'markdown',
      markdown: { title: expect.stringContaining('莞城'), text: expect.stringContaining('**120 µg/m³**') },
    })
  })
})

describe('escalation', () => {
  async function setup(policy: object = {}) {
    const rx = await receiver()
    writeBook({
      recipients: [hook(rx, 'duty'), hook(rx, 'lead'), hook(rx, 'chief')],
      groups: [
        { id: 'duty-officers', name: '值班员', members: ['duty'] },
        { id: 'leads', name: '科长', members: ['lead'] },
      ],
      policies: [
        {
          id: 'default',
          steps: [
            { afterMs: 0, groups: ['duty-officers'] },
            { afterMs: 15 * MIN, groups: ['leads'] },
            { afterMs: 45 * MIN, recipients: ['chief'] },
          ],
          ...policy,
        },
      ],
    })
    return rx
  }

  it('notifies the next group after its delay when nobody acknowledges', async () => {
    const rx = await setup()
    const n = notifier()
    const id = open(n, 'DG-AIR-01', 120)
    await n.tick()
    expect(rx.requests.map((r) => r.path)).toEqual(['/duty'])
    clock = T0 + 15 * MIN - 1
    await n.tick()
    expect(hits(rx, 'lead')).toHaveLength(0)
    clock = T0 + 15 * MIN
    await n.tick()
    await n.tick()
    expect(rx.requests.map((r) => r.path)).toEqual(['/duty', '/lead'])
    expect(hits(rx, 'lead')[0]!.json).toMatchObject({ kind: 'step', step: 1, event: 'step:1' })
    expect(n.statusFor(id).map((s) => `${s.recipient}:${s.event}:${s.state}`)).toEqual(['duty:opened:sent', 'lead:step:1:sent'])
  })

  it('stops when someone acknowledges, and tells those notified of the resolution once', async () => {
    const rx = await setup({ reminderEveryMs: 10 * MIN })
    const n = notifier()
    const id = open(n, 'DG-AIR-01', 120)
    await n.tick()
    clock = T0 + 5 * MIN
    const ack = book.acknowledge(id, 'zhang', 'on it', clock)
    if (ack.ok) n.onTransition(ack.transition)
    clock = T0 + 120 * MIN
    await n.tick()
    expect(rx.requests.map((r) => r.path)).toEqual(['/duty'])
    const [resolved] = observe('DG-AIR-01', 40)
    n.onTransition(resolved!)
    n.onTransition(resolved!)
    await n.tick()
    expect(rx.requests.map((r) => `${r.path} ${(r.json as { kind: string }).kind}`)).toEqual(['/duty opened', '/duty resolved'])
  })

  it('reminds those notified at the interval while unacknowledged', async () => {
    const rx = await setup({ reminderEveryMs: 10 * MIN })
    const n = notifier()
    open(n, 'DG-AIR-01', 120)
    for (const m of [0, 10, 14, 20]) {
      clock = T0 + m * MIN
      await n.tick()
    }
    expect(hits(rx, 'duty').map((r) => (r.json as { event: string }).event)).toEqual(['opened', 'reminder:1', 'reminder:2'])
  })
})

describe('restart', () => {
  it('SMTP down: retries with backoff across a restart, delivered once when the server comes up', async () => {
    const probe = await startSmtpCapture()
    const port = probe.port
    await probe.stop() // nothing listens there now
    writeBook({ recipients: [{ id: 'ops', name: 'ops', channels: [{ type: 'email', to: 'ops@example.cn' }], subscriptions: [{}] }] })
    const n1 = notifier(smtpEnv(port))
    const id = open(n1, 'DG-AIR-01', 120)
    await n1.tick()
    expect(n1.statusFor(id)).toMatchObject([
      {
        state: 'pending',
        attempts: 1,
        lastError: expect.stringMatching(/^network: smtp: .*ECONNREFUSED/),
        nextAttemptAt: new Date(T0 + 1000).toISOString(),
      },
    ])
    clock = T0 + 1000
    await n1.tick()
    expect(n1.statusFor(id)).toMatchObject([{ state: 'pending', attempts: 2, nextAttemptAt: new Date(T0 + 3000).toISOString() }])
    await n1.stop()

    const n2 = notifier(smtpEnv(port))
    await n2.tick() // not due yet: the backoff survived the restart
    expect(n2.statusFor(id)).toMatchObject([{ attempts: 2 }])
    const server = await smtp({ port })
    clock = T0 + 3000
    await n2.tick()
    expect(server.messages).toHaveLength(1)
    expect(n2.statusFor(id)).toMatchObject([{ state: 'sent', attempts: 3, sentAt: new Date(T0 + 3000).toISOString() }])
    await n2.stop()

    const n3 = notifier(smtpEnv(port))
    n3.onTransition({ type: 'opened', alert: book.get(id)! }) // a replayed transition after the restart
    clock = T0 + 60 * MIN
    await n3.tick()
    expect(server.messages).toHaveLength(1)
  })

  it('a kill between planning and sending: the next process delivers it exactly once', async () => {
    const rx = await receiver()
    writeBook({ recipients: [{ ...hook(rx, 'ops'), subscriptions: [{}] }] })
    const killed = notifier()
    const id = open(killed, 'DG-AIR-01', 120) // planned durably, never sent: the process "dies" here
    expect(killed.statusFor(id)).toMatchObject([{ state: 'pending', attempts: 0 }])
    const n2 = notifier()
    n2.start()
    await vi.waitFor(() => expect(rx.requests).toHaveLength(1))
    await n2.stop()
    const n3 = notifier()
    await n3.tick()
    expect(rx.requests).toHaveLength(1)
    expect(n3.statusFor(id)).toMatchObject([{ state: 'sent', attempts: 1 }])
  })

  it('the escalation schedule survives a restart; an acknowledgement made while down stops it', async () => {
    const rx = await receiver()
    const steps = [
      { afterMs: 0, recipients: ['duty'] },
      { afterMs: 15 * MIN, recipients: ['lead'] },
      { afterMs: 45 * MIN, recipients: ['chief'] },
    ]
    writeBook({ recipients: [hook(rx, 'duty'), hook(rx, 'lead'), hook(rx, 'chief')], policies: [{ id: 'p', steps }] })
    const n1 = notifier()
    const id = open(n1, 'DG-AIR-01', 120)
    await n1.tick()
    await n1.stop()
    clock = T0 + 20 * MIN
    const n2 = notifier()
    await n2.tick()
    await n2.tick()
    expect(rx.requests.map((r) => r.path)).toEqual(['/duty', '/lead'])
    await n2.stop()
    book.acknowledge(id, 'li', undefined, T0 + 30 * MIN) // nobody is listening
    clock = T0 + 60 * MIN
    const n3 = notifier()
    await n3.tick()
    expect(rx.requests.map((r) => r.path)).toEqual(['/duty', '/lead'])
  })
})

describe('quiet hours, subscriptions, dedupe', () => {
  it('quiet hours defer a warning to their end but not a critical', async () => {
    clock = Date.parse('2026-11-24T23:00:00+08:00')
    const rx = await receiver()
    writeBook({ recipients: [{ ...hook(rx, 'night'), subscriptions: [{}], quietHours: { start: '22:00', end: '07:00' } }] })
    const n = notifier()
    const warning = open(n, 'DG-AIR-01', 120)
    const critical = open(n, 'DG-AIR-02', 200)
    await n.tick()
    expect(rx.requests.map((r) => (r.json as { alert: { id: string } }).alert.id)).toEqual([critical])
    expect(n.statusFor(warning)).toMatchObject([{ state: 'pending', attempts: 0, notBefore: '2026-11-24T23:00:00.000Z' }])
    expect(n.stats()).toEqual({ items: { pending: 1, sent: 1, failed: 0, cancelled: 0 }, escalations: 0, inFlight: 0 })
    clock = Date.parse('2026-11-25T06:59:59+08:00')
    await n.tick()
    expect(rx.requests).toHaveLength(1)
    clock = Date.parse('2026-11-25T07:00:00+08:00')
    await n.tick()
    expect(rx.requests.map((r) => (r.json as { alert: { id: string } }).alert.id)).toEqual([critical, warning])
  })

  it('subscriptions filter by kind, town and severity', async () => {
    const rx = await receiver()
    const sub = (id: string, s: object) => ({ ...hook(rx, id), subscriptions: [s] })
    writeBook({
      recipients: [
        sub('air', { kinds: ['air'] }),
        sub('guancheng', { towns: ['莞城街道'] }),
        sub('critical', { minSeverity: 'critical' }),
        sub('humen-water', { kinds: ['water'], towns: ['Humen'] }),
      ],
    })
    const n = notifier()
    const a = open(n, 'DG-AIR-01', 120) // air, 莞城, warning
    const b = open(n, 'DG-AIR-02', 200) // air, 虎门, critical
    const c = open(n, 'DG-WAT-01', 3) // water, 莞城, warning
    await n.tick()
    const who = (alertId: string) =>
      rx.requests
        .filter((r) => (r.json as { alert: { id: string } }).alert.id === alertId)
        .map((r) => r.path)
        .sort()
    expect(who(a)).toEqual(['/air', '/guancheng'])
    expect(who(b)).toEqual(['/air', '/critical'])
    expect(who(c)).toEqual(['/guancheng'])
  })

  it('a duplicated transition notifies once; a severity rise once more, also to newly matching subscribers', async () => {
    const rx = await receiver()
    writeBook({
      recipients: [
        { ...hook(rx, 'all'), subscriptions: [{}] },
        { ...hook(rx, 'critical'), subscriptions: [{ minSeverity: 'critical' }] },
      ],
    })
    const n = notifier()
    const [opened] = observe('DG-AIR-01', 120)
    n.onTransition(opened!)
    n.onTransition(opened!)
    await n.tick()
    const [escalated] = observe('DG-AIR-01', 180)
    expect(escalated!.type).toBe('escalated')
    n.onTransition(escalated!)
    n.onTransition(escalated!)
    await n.tick()
    expect(rx.requests.map((r) => `${r.path} ${(r.json as { event: string }).event}`)).toEqual([
      '/all opened',
      '/all severity:critical',
      '/critical severity:critical',
    ])
  })
})
