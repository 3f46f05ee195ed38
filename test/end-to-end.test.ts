/**
 * The whole path on embedded defaults: a station publishes over MQTT (real aedes broker, real
 * station credentials), ingest validates and stores it (DuckDB in a temp dir), the alert engine
 * opens an alert, a real socket.io client receives it, and the reading is found through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AlertEvent } from '../shared/src/domain/alert'
import type { ReadingEvent } from '../shared/src/protocol/events'
import { nextMessage, startTestSystem, type TestSystem } from './helpers/start-system'

let sys: TestSystem
beforeAll(async () => {
  sys = await startTestSystem()
})
afterAll(async () => {
  await sys?.stop()
})

const iso = (t: number) => new Date(t).toISOString()

describe('station to browser', () => {
  it('a breaching reading reaches the browser as an alert and is stored', async () => {
    const socket = await sys.socket()
    const alertSeen = new Promise<AlertEvent>((resolve) => socket.on('alert', (a) => a.stationId === 'DG-AIR-02' && resolve(a)))
    const readingSeen = new Promise<ReadingEvent>((resolve) => socket.on('reading', (r) => r.stationId === 'DG-AIR-02' && resolve(r)))
    const station = await sys.connectStation('DG-AIR-02')
    const ts = Math.floor(Date.now() / 1000) * 1000 - 60_000
    // O3 1-h 260 µg/m³ is above the GB 3095-2012 grade II 1-h limit of 200.
    station.publish(
      'envmon/v1/air/DG-AIR-02/reading',
      JSON.stringify({ ts: iso(ts), values: { pm25: 30, o3: 260, no2: 40 }, flags: { pm25: 'N' } }),
      { qos: 1 },
    )

    const alert = await alertSeen
    expect(alert).toMatchObject({
      stationId: 'DG-AIR-02',
      kind: 'air',
      metric: 'o3',
      rule: 'air.o3.1h',
      state: 'open',
      value: 260,
      limit: 200,
    })
    expect(['warning', 'critical']).toContain(alert.severity)
    const reading = await readingSeen
    expect(reading.values).toEqual({ pm25: 30, o3: 260, no2: 40 })

    await expect
      .poll(
        async () => {
          const res = await sys.api(`/api/stations/DG-AIR-02/series?metric=o3,pm25&from=${ts - 1000}&to=${ts + 1000}&every=raw`)
          const body = (await res.json()) as { series: { metric: string; t: number[]; v: number[] }[] }
          return body.series
        },
        { timeout: 10_000 },
      )
      .toEqual([
        { metric: 'o3', t: [ts], v: [260], flags: ['N'] },
        { metric: 'pm25', t: [ts], v: [30], flags: ['N'] },
      ])

    const open = (await (await sys.api('/api/alerts?status=open')).json()) as { alerts: AlertEvent[] }
    expect(open.alerts.map((a) => a.id)).toContain(alert.id)
  })

  it('the alert is also published on the MQTT alerts topic', async () => {
    const svc = await sys.connectService()
    const got = nextMessage(svc, 'envmon/v1/alerts/DG-AIR-03')
    await new Promise((r) => setTimeout(r, 200))
    const station = await sys.connectStation('DG-AIR-03')
    station.publish('envmon/v1/air/DG-AIR-03/reading', JSON.stringify({ ts: Date.now() - 30_000, values: { no2: 450 } }), { qos: 1 })
    const msg = JSON.parse((await got).payload.toString()) as AlertEvent
    expect(msg).toMatchObject({ stationId: 'DG-AIR-03', rule: 'air.no2.1h', state: 'open', value: 450, limit: 200 })
  })

  it('an operator acknowledges an alert and the browser sees the new state', async () => {
    const station = await sys.connectStation('DG-AIR-04')
    const socket = await sys.socket()
    const opened = new Promise<AlertEvent>((resolve) =>
      socket.on('alert', (a) => a.stationId === 'DG-AIR-04' && a.state === 'open' && resolve(a)),
    )
    station.publish('envmon/v1/air/DG-AIR-04/reading', JSON.stringify({ ts: Date.now() - 10_000, values: { so2: 620 } }), { qos: 1 })
    const a = await opened
    const acked = new Promise<AlertEvent>((resolve) => socket.on('alert', (x) => x.id === a.id && x.state === 'acknowledged' && resolve(x)))
    const res = await sys.api(`/api/alerts/${a.id}/ack`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'crew dispatched' }),
    })
    expect(res.status).toBe(200)
    expect((await acked).acknowledged).toMatchObject({ note: 'crew dispatched' })
    const again = await sys.api(`/api/alerts/${a.id}/ack`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(again.status).toBe(409)
  })

  it('health reports broker and store up', async () => {
    const res = await sys.api('/api/health')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ok', broker: { state: 'up' }, store: { state: 'up' } })
  })
})
