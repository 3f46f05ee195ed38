/**
 * No loss, no duplicates: a store outage under steady traffic, and ingest restarted mid-stream
 * against Debian's mosquitto with a persistent session. Count published = count stored, and every
 * (station, metric, ts) is stored once.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import mqtt, { type MqttClient } from 'mqtt'
import { DuckDbStore } from '../server/src/store/duckdb-store'
import { stationPassword } from '../simulator/src/station-password'
import { hasMosquitto, startMosquitto, type Mosquitto } from './helpers/mosquitto'
import { TEST_STATION_SECRET, startTestSystem, type TestSystem } from './helpers/start-system'
import { SwitchableStore } from './helpers/switchable-store'

const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c()
})

const STATIONS = ['DG-AIR-01', 'DG-AIR-02', 'DG-WWT-01']
const kindOf = (id: string) => (id.startsWith('DG-AIR') ? 'air' : 'wastewater')
const T0 = Date.now() - 3_600_000

/** Publish `perStation` readings per station at `ratePerSec` (total), QoS 1; resolves with the count. */
async function publishSteadily(
  clients: MqttClient[],
  perStation: number,
  ratePerSec: number,
  onProgress?: (i: number) => void,
): Promise<number> {
  const total = perStation * clients.length
  const gap = 1000 / ratePerSec
  let sent = 0
  const start = Date.now()
  for (let i = 0; i < perStation; i++) {
    for (const [k, c] of clients.entries()) {
      const id = STATIONS[k]!
      const values = kindOf(id) === 'air' ? { pm25: 20 + (i % 30), pm10: 40 } : { cod: 20, nh3n: 1.2 }
      c.publish(`envmon/v1/${kindOf(id)}/${id}/reading`, JSON.stringify({ ts: T0 + i * 1000, values }), { qos: 1 })
      sent++
      onProgress?.(sent)
      const due = start + sent * gap
      const wait = due - Date.now()
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    }
  }
  expect(sent).toBe(total)
  return sent * 2 // two metrics per reading
}

function stationClient(url: string, id: string): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const c = mqtt.connect(url, {
      clientId: `${id}:no-loss`,
      username: id,
      password: stationPassword(TEST_STATION_SECRET, id),
      clean: false,
      reconnectPeriod: 200,
    })
    cleanup.push(() => new Promise((r) => c.end(true, {}, () => r())))
    c.once('connect', () => resolve(c))
    c.once('error', reject)
  })
}

/** Every stored point is unique (the primary key would refuse a duplicate, but count distinct too). */
async function distinctPoints(sys: TestSystem): Promise<number> {
  let n = 0
  for (const id of STATIONS) n += await sys.store.count(id)
  return n
}

describe('store outage', () => {
  it('loses nothing and stores nothing twice through a one-minute store outage under steady traffic', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envmon-outage-'))
    const store = new SwitchableStore(await DuckDbStore.open({ path: join(dir, 'store.duckdb') }))
    // A small memory bound so the outage spills to the disk spool and is replayed from it.
    const sys = await startTestSystem({ INGEST_MEMORY_READINGS: '200' }, { store }, dir)
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }))
    cleanup.push(() => sys.stop())
    const clients = await Promise.all(STATIONS.map((id) => stationClient(sys.brokerUrl, id)))
    let outageSeen = false
    let healthDown: Promise<number> | undefined
    // 60 readings/s for 75 s; the store is down from the 5th second to the 65th.
    const published = await publishSteadily(clients, 1500, 60, (i) => {
      if (i === 300) {
        store.down = true
        healthDown = new Promise((r) => setTimeout(r, 2000)).then(async () => (await sys.api('/api/health')).status)
      }
      if (store.down && sys.queue.snapshot().mode === 'replay') outageSeen = true
      if (i === 3900) store.down = false
    })
    expect(await healthDown).toBe(503)
    expect(store.failedWrites).toBeGreaterThan(0)
    expect(outageSeen).toBe(true)
    await expect.poll(() => distinctPoints(sys), { timeout: 30_000, interval: 200 }).toBe(published)
    // Redelivery of everything (a backfill overlapping what is stored) adds nothing.
    await publishSteadily(clients, 1500, 6000)
    await expect.poll(() => sys.queue.snapshot().spoolBytes, { timeout: 20_000 }).toBe(0)
    expect(await distinctPoints(sys)).toBe(published)
    expect(sys.queue.snapshot().replayed).toBeGreaterThan(0)
    expect((await sys.api('/api/health')).status).toBe(200)
  }, 180_000)
})

describe.skipIf(!hasMosquitto)('ingest restarted mid-stream (mosquitto, persistent session)', () => {
  it('loses nothing and duplicates nothing across a restart', async () => {
    const mosq: Mosquitto = await startMosquitto({
      serviceUsername: 'envmon-service',
      users: {
        'envmon-service': 'test-service-password',
        ...Object.fromEntries(STATIONS.map((id) => [id, stationPassword(TEST_STATION_SECRET, id)])),
      },
    })
    cleanup.push(() => mosq.dispose())
    const dir = mkdtempSync(join(tmpdir(), 'envmon-restart-'))
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }))
    const env = { MQTT_URL: mosq.url, DATA_DIR: dir }
    let sys: TestSystem | undefined = await startTestSystem(env, {}, dir)
    const clients = await Promise.all(STATIONS.map((id) => stationClient(mosq.stationUrl, id)))
    let restarting: Promise<void> | undefined
    const published = await publishSteadily(clients, 300, 300, (i) => {
      if (i === 250 && sys) {
        const s = sys
        sys = undefined
        restarting = (async () => {
          await s.ingest.stop() // the ingest goes away first, mid-stream
          await s.stop()
          await new Promise((r) => setTimeout(r, 500)) // readings keep arriving at the broker meanwhile
          sys = await startTestSystem(env, {}, dir)
        })()
      }
    })
    await restarting
    const s = sys as TestSystem | undefined
    if (!s) throw new Error('system did not restart')
    cleanup.push(() => s.stop())
    await expect.poll(() => distinctPoints(s), { timeout: 20_000, interval: 200 }).toBe(published)
  }, 60_000)
})
