/**
 * Standards-aware alerting through the whole system: a station publishes a day of history as one
 * JSON batch (real aedes broker, real credentials), the standards evaluator turns it into a 24-h
 * mean alert that a real socket.io client receives, the hourly AQI shows on /api/stations and rides
 * on the `reading` event, and a restart on the same data directory keeps open alerts open, does not
 * re-open resolved ones on redelivered data, and rebuilds the windows from the store.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { AlertEvent } from '../shared/src/domain/alert'
import type { AqiSummary, ReadingEvent } from '../shared/src/protocol/events'
import { startTestSystem, type TestSystem } from './helpers/start-system'

const HOUR = 3_600_000
const MIN = 60_000
const iso = (t: number) => new Date(t).toISOString()

/** One-minute readings for `hours` hours ending at the current hour's start, then one in the current hour (it closes the last). */
function dayOf(values: Record<string, number>, hours: number, now = Date.now()): { ts: string; values: Record<string, number> }[] {
  const end = Math.floor(now / HOUR) * HOUR
  const out = []
  for (let t = end - hours * HOUR; t < end; t += MIN) out.push({ ts: iso(t), values })
  out.push({ ts: iso(end), values })
  return out
}

const LOW = { pm10: 40, so2: 8, no2: 25, co: 0.6, o3: 60 }

async function stationAqi(sys: TestSystem, id: string): Promise<AqiSummary | undefined> {
  const body = (await (await sys.api('/api/stations')).json()) as { stations: { id: string; aqi?: AqiSummary }[] }
  return body.stations.find((s) => s.id === id)?.aqi
}

async function alertsOf(sys: TestSystem, stationId: string): Promise<AlertEvent[]> {
  return ((await (await sys.api(`/api/alerts?status=all&station=${stationId}`)).json()) as { alerts: AlertEvent[] }).alerts
}

describe('24-h mean alert from a day of history', () => {
  let sys: TestSystem
  afterAll(async () => {
    await sys?.stop()
  })

  it('a station publishing 21 h of PM2.5 at 90 as one batch raises the 24-h mean alert over socket.io, with AQI on the station', async () => {
    sys = await startTestSystem()
    const socket = await sys.socket()
    const alerts: AlertEvent[] = []
    socket.on('alert', (a) => a.stationId === 'DG-AIR-05' && alerts.push(a))
    const readingAqi = new Promise<ReadingEvent>((resolve) =>
      socket.on('reading', (r) => r.stationId === 'DG-AIR-05' && r.aqi && resolve(r)),
    )
    const station = await sys.connectStation('DG-AIR-05')
    station.publish('envmon/v1/air/DG-AIR-05/reading', JSON.stringify(dayOf({ pm25: 90, ...LOW }, 21)), { qos: 1 })

    await expect.poll(() => alerts.find((a) => a.rule === 'air.pm25.24h'), { timeout: 15_000 }).toBeDefined()
    const a = alerts.find((x) => x.rule === 'air.pm25.24h')!
    expect(a).toMatchObject({
      stationId: 'DG-AIR-05',
      kind: 'air',
      metric: 'pm25',
      window: '24h',
      state: 'open',
      severity: 'warning',
      value: 90,
      limit: 75,
    })
    expect(a.message).toContain('GB 3095-2012 Table 1, grade II')
    // It opened at the first hour with 20 valid hourly means, not before.
    expect(Date.parse(a.observedAt)).toBe(Math.floor(Date.now() / HOUR) * HOUR - HOUR)
    // PM2.5 1-h 90 µg/m³ → IAQI 100 + 50 × 15 / 40 = 118.75 → 119 (HJ 633-2012), lightly polluted.
    expect(alerts.find((x) => x.rule === 'air.aqi.1h')).toMatchObject({ value: 119, limit: 100, severity: 'warning' })
    expect(alerts.filter((x) => x.rule === 'air.pm25.24h')).toHaveLength(1)

    await expect
      .poll(() => stationAqi(sys, 'DG-AIR-05'))
      .toMatchObject({
        aqi: 119,
        level: 'III',
        category: { zh: '轻度污染', en: 'lightly polluted' },
        color: '#ff7e00',
        primary: ['pm25'],
        basis: 'hourly',
      })
    expect((await readingAqi).aqi).toMatchObject({ aqi: 119 })
    const one = (await (await sys.api('/api/stations/DG-AIR-05')).json()) as {
      rules: { id: string; source: string }[]
      openAlerts: AlertEvent[]
    }
    expect(one.rules.map((r) => r.id)).toContain('air.pm25.24h')
    expect(one.openAlerts.map((x) => x.rule).sort()).toEqual(['air.aqi.1h', 'air.pm25.24h'])
  })

  it('a water station has no AQI', async () => {
    expect(await stationAqi(sys, 'DG-WAT-01')).toBeUndefined()
  })
})

/** States of a station's O3 1-h alerts (its liveness alert, from data 30 min old after the restart, is another matter). */
const o3Alerts = (list: AlertEvent[]) => list.filter((x) => x.rule === 'air.o3.1h').map((x) => x.state)

describe('restart on the same data directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'envmon-restart-'))
  let sys: TestSystem | undefined
  afterAll(async () => {
    await sys?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('keeps an open alert open, does not re-open a resolved one on redelivered data, and rebuilds the windows', async () => {
    sys = await startTestSystem({}, {}, dir)
    const open = dayOf({ pm25: 90, ...LOW }, 21)
    const t0 = Math.floor(Date.now() / MIN) * MIN - 30 * MIN
    // O3 moving 1-h mean 260 then (260 + 50) / 2 = 155 <= 180 (clear at 90 % of 200): opened, then resolved.
    const spike = [
      { ts: iso(t0), values: { o3: 260 } },
      { ts: iso(t0 + MIN), values: { o3: 50 } },
    ]
    const a = await sys.connectStation('DG-AIR-06')
    const b = await sys.connectStation('DG-AIR-07')
    a.publish('envmon/v1/air/DG-AIR-06/reading', JSON.stringify(open), { qos: 1 })
    b.publish('envmon/v1/air/DG-AIR-07/reading', JSON.stringify(spike), { qos: 1 })
    await expect
      .poll(async () => (await alertsOf(sys!, 'DG-AIR-06')).find((x) => x.rule === 'air.pm25.24h')?.state, { timeout: 15_000 })
      .toBe('open')
    await expect.poll(async () => o3Alerts(await alertsOf(sys!, 'DG-AIR-07'))).toEqual(['resolved'])
    const openId = (await alertsOf(sys, 'DG-AIR-06')).find((x) => x.rule === 'air.pm25.24h')!.id
    await expect.poll(() => sys!.store.count('DG-AIR-06'), { timeout: 15_000 }).toBe(open.length * 6)
    await expect.poll(() => sys!.store.count('DG-AIR-07')).toBe(2)
    await sys.stop()

    sys = await startTestSystem({}, {}, dir)
    // The windows were rebuilt from the store: the AQI is there before any new data.
    expect(await stationAqi(sys, 'DG-AIR-06')).toMatchObject({ aqi: 119 })
    const after = await alertsOf(sys, 'DG-AIR-06')
    expect(after.find((x) => x.id === openId)).toMatchObject({ state: 'open', rule: 'air.pm25.24h' })

    // Redelivery (a QoS 1 retry, a backfill overlap) of both batches after the restart.
    const a2 = await sys.connectStation('DG-AIR-06')
    const b2 = await sys.connectStation('DG-AIR-07')
    a2.publish('envmon/v1/air/DG-AIR-06/reading', JSON.stringify(open), { qos: 1 })
    b2.publish('envmon/v1/air/DG-AIR-07/reading', JSON.stringify(spike), { qos: 1 })
    // A marker reading proves the redelivered batches went through before we look.
    b2.publish('envmon/v1/air/DG-AIR-07/reading', JSON.stringify({ ts: iso(t0 + 2 * MIN), values: { pm25: 20 } }), { qos: 1 })
    await expect.poll(() => sys!.store.count('DG-AIR-07'), { timeout: 15_000 }).toBe(3)
    expect(o3Alerts(await alertsOf(sys, 'DG-AIR-07'))).toEqual(['resolved'])
    expect((await alertsOf(sys, 'DG-AIR-06')).filter((x) => x.rule === 'air.pm25.24h').map((x) => [x.id, x.state])).toEqual([
      [openId, 'open'],
    ])
  })
})
