/**
 * Back-pressure: when the store is down and the unwritten spool passes SPOOL_MAX_BYTES, ingest stops
 * acknowledging QoS 1, so stations keep their data instead of ingest growing without bound; once the
 * store is back and the spool drains, the acknowledgements resume and every reading is stored once.
 * With the embedded broker (the station's PUBACK waits) and with Debian's mosquitto (ingest's PUBACK
 * to the broker waits; the broker holds the rest in the persistent session).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import mqtt from 'mqtt'
import { DuckDbStore } from '../server/src/store/duckdb-store'
import { stationPassword } from '../simulator/src/station-password'
import { hasMosquitto, startMosquitto } from './helpers/mosquitto'
import { TEST_STATION_SECRET, startTestSystem } from './helpers/start-system'
import { SwitchableStore } from './helpers/switchable-store'

const STATION = 'DG-AIR-01'
const T0 = Date.now() - 3_600_000
const cleanup: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c()
})

/**
 * `brokerHolds`: the broker acknowledges the station itself and keeps what ingest has not taken
 * (mosquitto, persistent session); otherwise the station's own PUBACKs wait (embedded broker).
 */
async function run(brokerEnv: Record<string, string>, stationUrl: (sysBrokerUrl: string) => string, brokerHolds: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'envmon-bp-'))
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }))
  const store = new SwitchableStore(await DuckDbStore.open({ path: join(dir, 'store.duckdb') }))
  store.down = true
  // Each reading is ~70 bytes in the spool: pressure after ~60 readings.
  const sys = await startTestSystem({ ...brokerEnv, SPOOL_MAX_BYTES: '4096', INGEST_MEMORY_READINGS: '50' }, { store }, dir)
  cleanup.push(() => sys.stop())
  const station = await mqtt.connectAsync(stationUrl(sys.brokerUrl), {
    clientId: `${STATION}:bp`,
    username: STATION,
    password: stationPassword(TEST_STATION_SECRET, STATION),
    clean: false,
    reconnectPeriod: 200,
  })
  cleanup.push(() => station.endAsync(true))
  const N = 400
  let acked = 0
  const pubs = Array.from({ length: N }, (_, i) =>
    station
      .publishAsync(`envmon/v1/air/${STATION}/reading`, JSON.stringify({ ts: T0 + i * 1000, values: { pm25: i % 50 } }), { qos: 1 })
      .then(() => acked++),
  )
  // The spool passes its bound and ingest stops acknowledging: what it takes in stalls short of N.
  await expect.poll(() => sys.ingest.stats.pressureWaits, { timeout: 15_000 }).toBeGreaterThan(0)
  await new Promise((r) => setTimeout(r, 1000))
  const taken = sys.ingest.stats.messages
  const stalledAt = acked
  expect(taken).toBeLessThan(N)
  expect(sys.queue.snapshot().spoolBytes).toBeGreaterThan(4096)
  expect(sys.queue.snapshot().spoolBytes).toBeLessThan(64 * 1024) // bounded: the rest waits at the station or the broker
  await new Promise((r) => setTimeout(r, 1000))
  expect(sys.ingest.stats.messages).toBe(taken) // nothing more taken while the store is down
  if (brokerHolds)
    expect(stalledAt).toBe(N) // the broker accepted everything and keeps it
  else expect(acked).toBe(stalledAt) // the station's PUBACKs wait
  if (!brokerHolds) expect(stalledAt).toBeLessThan(N)
  store.down = false
  await Promise.all(pubs)
  expect(acked).toBe(N)
  await expect.poll(() => sys.store.count(STATION), { timeout: 20_000 }).toBe(N)
}

describe('back-pressure when the spool is full', () => {
  it('embedded broker: the station waits for its PUBACKs until the store drains the spool', async () => {
    await run({}, (url) => url, false)
  }, 60_000)

  it.skipIf(!hasMosquitto)(
    'mosquitto: ingest withholds its PUBACKs, the broker keeps the rest, nothing is lost',
    async () => {
      const mosq = await startMosquitto({
        serviceUsername: 'envmon-service',
        users: { 'envmon-service': 'test-service-password', [STATION]: stationPassword(TEST_STATION_SECRET, STATION) },
      })
      cleanup.push(() => mosq.dispose())
      await run({ MQTT_URL: mosq.url }, () => mosq.stationUrl, true)
    },
    60_000,
  )
})
