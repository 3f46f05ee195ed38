/**
 * Late data and backlogs through the whole system (issue 10): a station uploads a 12-h-old backlog
 * as one JSON batch over MQTT. Its exceedance is stored with the data's times, pages nobody (no
 * e-mail, no webhook alert notice, no live alarm) and yields exactly one digest per channel, while
 * a live breach on another station at the same moment is notified at once. A backlog whose last
 * exceedance is still going on opens a live alert dated in the past, detected now. The alert log
 * keeps the new fields across a restart and still loads alerts persisted before them.
 *
 * Real parts (embedded broker, DuckDB, socket.io, SMTP server, webhook receiver); time is injected:
 * a clock fixed on 2026-11-24 20:00 CST that advances with the test.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AlertEvent } from '../shared/src/domain/alert'
import { startSmtpCapture, type SmtpCapture } from './helpers/smtp-capture'
import { startTestSystem, type TestSystem } from './helpers/start-system'
import { startWebhookReceiver, type WebhookReceiver } from './helpers/webhook-receiver'

const MIN = 60_000
const H = 3_600_000
const BASE = Date.parse('2026-11-24T20:00:00+08:00')
const started = Date.now()
const now = () => BASE + (Date.now() - started)
const ENV = { LATE_DATA_AFTER: '600', LATE_DATA_QUIET: '1', NOTIFY_BACKOFF_MS: '100' }

let smtp: SmtpCapture
let hook: WebhookReceiver
let sys: TestSystem
let dir: string
const events: AlertEvent[] = []

async function start(): Promise<TestSystem> {
  const s = await startTestSystem(
    { ...ENV, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_FROM: 'envmon@bureau.example.cn' },
    { now, tickMs: 200 },
    dir,
  )
  const socket = await s.socket()
  socket.on('alert', (a) => events.push(a))
  return s
}

beforeAll(async () => {
  smtp = await startSmtpCapture()
  hook = await startWebhookReceiver(() => ({ status: 204 }))
  dir = mkdtempSync(join(tmpdir(), 'envmon-late-'))
  sys = await start()
  const res = await sys.api('/api/admin/notify/recipients/duty', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: '值班室 Duty room',
      channels: [
        { type: 'email', to: 'duty@bureau.example.cn' },
        { type: 'webhook', url: hook.url('/hook') },
      ],
      subscriptions: [{ kinds: ['air'] }],
    }),
  })
  expect(res.status).toBeLessThan(300)
})
afterAll(async () => {
  await sys?.stop()
  await hook?.stop()
  await smtp?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** Readings every 5 min from `from` for `hours` hours; SO2 at `high` µg/m³ (1-h limit 500) while `isHigh(t)`. */
function batch(
  from: number,
  hours: number,
  isHigh: (t: number) => boolean,
  high = 800,
): { ts: number; values: { so2: number; pm25: number } }[] {
  const out = []
  for (let t = from; t < from + hours * H; t += 5 * MIN) out.push({ ts: t, values: { so2: isHigh(t) ? high : 20, pm25: 30 } })
  return out
}

const alertsOf = async (station: string) =>
  ((await (await sys.api(`/api/alerts?station=${station}`)).json()) as { alerts: AlertEvent[] }).alerts
const hooksFor = (station: string) =>
  hook.requests.filter((r) => (r.json as { alert?: { stationId?: string } }).alert?.stationId === station)
const mailsAbout = (station: string) => smtp.messages.filter((m) => m.text.includes(station))

describe('late data', () => {
  it('a 12-h-old backlog exceedance is stored with its data times, pages nobody and yields one digest; a live breach elsewhere is notified at once', async () => {
    // DG-AIR-05 reconnects and uploads 08:00-13:00 CST (12 h ago): SO2 high from 09:00 to 10:00.
    const t0 = BASE - 12 * H
    const high = (t: number) => t >= t0 + H && t < t0 + 2 * H
    const backlog = await sys.connectStation('DG-AIR-05')
    backlog.publish('envmon/v1/air/DG-AIR-05/reading', JSON.stringify(batch(t0, 5, high)), { qos: 1 })
    // At the same moment DG-AIR-09 reports a breach now.
    const live = await sys.connectStation('DG-AIR-09')
    live.publish('envmon/v1/air/DG-AIR-09/reading', JSON.stringify({ ts: now() - 30_000, values: { so2: 900 } }), { qos: 1 })

    // The live breach: a live socket event, an e-mail and a webhook notice.
    await expect
      .poll(() => events.some((a) => a.stationId === 'DG-AIR-09' && a.state === 'open' && !a.historical), { timeout: 15_000 })
      .toBe(true)
    await expect.poll(() => mailsAbout('DG-AIR-09').length, { timeout: 15_000 }).toBeGreaterThan(0)
    await expect.poll(() => hooksFor('DG-AIR-09').length, { timeout: 15_000 }).toBeGreaterThan(0)

    // The backlog's digest: one per channel.
    await expect
      .poll(() => hook.requests.filter((r) => (r.json as { kind?: string }).kind === 'digest').length, { timeout: 15_000 })
      .toBe(1)
    await expect.poll(() => smtp.messages.filter((m) => m.subject.includes('Late-data digest')).length, { timeout: 15_000 }).toBe(1)
    const digest = hook.requests.find((r) => (r.json as { kind?: string }).kind === 'digest')!.json as {
      digest: { stationId: string; exceedanceCount: number; readings: number; dataFrom: string }
      text: { subject: string }
      url: string
    }
    expect(digest.digest).toMatchObject({ stationId: 'DG-AIR-05', readings: 60, dataFrom: new Date(t0).toISOString() })
    expect(digest.digest.exceedanceCount).toBeGreaterThanOrEqual(1)
    expect(digest.text.subject).toMatch(/DG-AIR-05 sent 5 h of late data: \d+ exceedances?, 09:\d\d–1\d:\d\d/)
    expect(digest.url).toMatch(/#\/station\/DG-AIR-05$/)

    // Stored with the data's times, historical.
    const alerts = await alertsOf('DG-AIR-05')
    const so2 = alerts.find((a) => a.rule === 'air.so2.1h')!
    expect(so2).toMatchObject({ state: 'resolved', historical: true, resolved: { by: 'system', auto: true } })
    expect(Date.parse(so2.openedAt)).toBeGreaterThan(t0 + H)
    expect(Date.parse(so2.openedAt)).toBeLessThan(t0 + 2 * H)
    expect((Date.parse(so2.openedAt) - t0) % (5 * MIN)).toBe(0) // a reading's time
    expect(Date.parse(so2.resolved!.at)).toBeGreaterThan(t0 + 2 * H)
    expect(Date.parse(so2.resolved!.at)).toBeLessThan(t0 + 3 * H)
    expect(Date.parse(so2.detectedAt)).toBeGreaterThan(BASE - MIN)
    expect(alerts.every((a) => a.historical)).toBe(true)
    expect(((await (await sys.api('/api/alerts?station=DG-AIR-05&origin=live')).json()) as { total: number }).total).toBe(0)

    // Nobody paged: no alert notice by e-mail or webhook, no live (non-historical) socket event.
    await new Promise((r) => setTimeout(r, 500))
    expect(hooksFor('DG-AIR-05').filter((r) => (r.json as { kind: string }).kind !== 'digest')).toEqual([])
    expect(smtp.messages.filter((m) => m.text.includes('DG-AIR-05') && !m.subject.includes('Late-data digest'))).toEqual([])
    const ev = events.filter((a) => a.stationId === 'DG-AIR-05')
    expect(ev.length).toBeGreaterThan(0)
    expect(ev.every((a) => a.historical && a.state === 'resolved')).toBe(true)
  })

  it('a backlog whose last exceedance is still going on opens a live alert: openedAt in the past, detectedAt now', async () => {
    const t0 = BASE - 3 * H
    const sent = now()
    const station = await sys.connectStation('DG-AIR-10')
    // 17:00-19:40 CST, the last 80 min high: still high at the end of the backlog (20 min old).
    station.publish(
      'envmon/v1/air/DG-AIR-10/reading',
      JSON.stringify(batch(t0, 3, (t) => t >= t0 + 100 * MIN).filter((r) => r.ts <= BASE - 20 * MIN)),
      { qos: 1 },
    )
    await expect
      .poll(() => events.find((a) => a.stationId === 'DG-AIR-10' && a.rule === 'air.so2.1h' && a.state === 'open'), { timeout: 15_000 })
      .toBeDefined()
    const a = events.find((e) => e.stationId === 'DG-AIR-10' && e.rule === 'air.so2.1h' && e.state === 'open')!
    expect(a.historical).toBe(false)
    expect(Date.parse(a.openedAt)).toBeGreaterThanOrEqual(t0 + 100 * MIN)
    expect(Date.parse(a.openedAt)).toBeLessThan(BASE - 20 * MIN)
    expect(Date.parse(a.detectedAt)).toBeGreaterThanOrEqual(sent)
    expect(Date.parse(a.detectedAt)).toBeLessThanOrEqual(now())
    // Notified as a live alert.
    await expect
      .poll(
        () =>
          hooksFor('DG-AIR-10').filter(
            (r) =>
              (r.json as { kind: string; alert: { id: string } }).kind === 'opened' &&
              (r.json as { alert: { id: string } }).alert.id === a.id,
          ).length,
        { timeout: 15_000 },
      )
      .toBe(1)
  })

  it('the alert log keeps detectedAt and historical across a restart, and still loads alerts persisted without them', async () => {
    const before = await alertsOf('DG-AIR-05')
    await sys.stop()
    // An alert as persisted before issue 10 (no detectedAt, no historical).
    const old = {
      id: 'old-1',
      stationId: 'DG-AIR-07',
      kind: 'air',
      metric: 'so2',
      rule: 'air.so2.1h',
      severity: 'warning',
      state: 'resolved',
      value: 20,
      limit: 500,
      window: '1h',
      openedAt: BASE - 48 * H,
      updatedAt: BASE - 47 * H,
      observedAt: BASE - 47 * H,
      peak: 650,
      message: 'SO2 650 > 500',
      resolved: { by: 'system', at: BASE - 47 * H, auto: true },
    }
    appendFileSync(join(dir, 'alerts.jsonl'), JSON.stringify(old) + '\n')
    sys = await start()
    // (After a restart the station's last reading is its data's newest time, hours old: the offline rule may open a live alert beside these.)
    const after = (await alertsOf('DG-AIR-05')).filter((a) => before.some((b) => b.id === a.id))
    expect(before.length).toBeGreaterThan(0)
    expect(after.map((a) => [a.id, a.openedAt, a.detectedAt, a.historical])).toEqual(
      before.map((a) => [a.id, a.openedAt, a.detectedAt, a.historical]),
    )
    const [o] = await alertsOf('DG-AIR-07')
    expect(o).toMatchObject({
      id: 'old-1',
      historical: false,
      openedAt: new Date(old.openedAt).toISOString(),
      detectedAt: new Date(old.openedAt).toISOString(),
    })
  })
})

describe("the demo's start-up backfill", () => {
  let demo: TestSystem | undefined
  afterAll(async () => {
    await demo?.stop()
  })

  it('records the exceedances that ended within the backfill as historical: no burst of live open/resolve at start', async () => {
    const rx = await startWebhookReceiver(() => ({ status: 204 }))
    try {
      demo = await startTestSystem({
        SIMULATE: '1',
        SIM_STATIONS: '12',
        SIM_BACKFILL_HOURS: '24',
        SIM_INTERVAL: '300',
        SIM_EPISODE_RATE: '60',
        SIM_SEED: '7',
        LATE_DATA_QUIET: '1',
      })
      await demo.api('/api/admin/notify/recipients/all', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'all',
          channels: [{ type: 'webhook', url: rx.url('/all'), format: 'generic' }],
          subscriptions: [{}],
          lateDigest: false,
        }),
      })
      const started = Date.now()
      const all = async () => ((await (await demo!.api('/api/alerts?limit=10000')).json()) as { alerts: AlertEvent[] }).alerts
      // The backfill is in: some exceedances were recorded historical.
      await expect.poll(async () => (await all()).filter((a) => a.historical).length, { timeout: 30_000 }).toBeGreaterThan(0)
      await new Promise((r) => setTimeout(r, 1500))
      const alerts = await all()
      // No live alert both opened and resolved by data that was already old: those are historical.
      const overBeforeStart = alerts.filter(
        (a) => a.state === 'resolved' && a.resolved!.auto && Date.parse(a.resolved!.at) < started - 10 * MIN,
      )
      expect(overBeforeStart.length).toBeGreaterThan(0)
      expect(overBeforeStart.filter((a) => !a.historical)).toEqual([])
      // Nobody was sent an alert notice about a historical exceedance.
      const historical = new Set(alerts.filter((a) => a.historical).map((a) => a.id))
      expect(rx.requests.filter((r) => historical.has((r.json as { alert: { id: string } }).alert.id))).toEqual([])
    } finally {
      await rx.stop()
    }
  })
})
