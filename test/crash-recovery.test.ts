/**
 * Faults against Debian's mosquitto:
 * - the envmon process killed with SIGKILL mid-stream, then restarted on the same data directory:
 *   nothing lost (the persistent session holds what was not acknowledged; the spool holds what was
 *   acknowledged but not yet stored), nothing duplicated;
 * - the broker restarted: ingest reconnects by itself and data flows again.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import mqtt, { type MqttClient } from 'mqtt'
import { DuckDbStore } from '../server/src/store/duckdb-store'
import { stationPassword } from '../simulator/src/station-password'
import { freePort, hasMosquitto, startMosquitto, type Mosquitto } from './helpers/mosquitto'
import { TEST_STATION_SECRET, startTestSystem } from './helpers/start-system'

const SERVICE_PW = 'test-service-password'
const STATIONS = ['DG-AIR-01', 'DG-AIR-02', 'DG-AIR-03', 'DG-AIR-04']
const users = () => ({
  'envmon-service': SERVICE_PW,
  ...Object.fromEntries(STATIONS.map((id) => [id, stationPassword(TEST_STATION_SECRET, id)])),
})
const cleanup: (() => Promise<void> | void)[] = []
afterAll(async () => {
  for (const c of cleanup.reverse()) await c()
})

async function stationClient(url: string, id: string): Promise<MqttClient> {
  const c = await mqtt.connectAsync(url, {
    clientId: `${id}:crash`,
    username: id,
    password: stationPassword(TEST_STATION_SECRET, id),
    clean: false,
    reconnectPeriod: 200,
  })
  cleanup.push(() => c.endAsync(true))
  return c
}

/** envmon as its own process (what production runs), on embedded defaults but an external broker. */
function startProcess(env: Record<string, string>): { proc: ChildProcess; ready: Promise<void> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const ready = new Promise<void>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('envmon is running')) resolve()
    })
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()))
    proc.once('exit', (code) => reject(new Error(`envmon exited early (${code}): ${out}`)))
  })
  ready.catch(() => undefined)
  return { proc, ready }
}

describe.skipIf(!hasMosquitto)('crash recovery with mosquitto', () => {
  it('SIGKILL mid-stream loses nothing and duplicates nothing after restart', async () => {
    const mosq: Mosquitto = await startMosquitto({ serviceUsername: 'envmon-service', users: users() })
    cleanup.push(() => mosq.dispose())
    const dir = mkdtempSync(join(tmpdir(), 'envmon-kill-'))
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }))
    const env = {
      MQTT_URL: mosq.url,
      SERVICE_MQTT_PASSWORD: SERVICE_PW,
      STATION_SECRET: TEST_STATION_SECRET,
      DATA_DIR: dir,
      SIMULATE: '0',
      DEMO_USERS: '0',
      HJ212_PORT: '0',
      PORT: String(await freePort()),
      LOG_LEVEL: 'error',
      CLIENT_DIR: join(dir, 'no-client'),
    }
    let p = startProcess(env)
    await p.ready
    const clients = await Promise.all(STATIONS.map((id) => stationClient(mosq.stationUrl, id)))
    const T0 = Date.now() - 7_200_000
    const N = 1500
    let sent = 0
    for (let i = 0; i < N; i++) {
      for (const [k, c] of clients.entries()) {
        c.publish(`envmon/v1/air/${STATIONS[k]}/reading`, JSON.stringify({ ts: T0 + i * 1000, values: { pm25: i % 90, no2: 20 } }), {
          qos: 1,
        })
        sent++
      }
      if (i === 700) {
        p.proc.kill('SIGKILL')
        await new Promise((r) => p.proc.once('exit', r))
      }
      if (i === 900) {
        p = startProcess(env)
        await p.ready
      }
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 5))
    }
    await Promise.all(clients.map((c) => new Promise<void>((r) => (c.queue.length === 0 ? r() : setTimeout(r, 500)))))
    // Let it drain, then stop it cleanly and count what the store holds.
    await new Promise((r) => setTimeout(r, 3000))
    p.proc.kill('SIGTERM')
    await new Promise((r) => p.proc.once('exit', r))
    const store = await DuckDbStore.open({ path: join(dir, 'envmon.duckdb') })
    cleanup.push(() => store.close())
    const stored = await store.count(undefined, T0, T0 + N * 1000)
    expect(stored).toBe(sent * 2)
  }, 120_000)

  it('a broker restart: ingest reconnects by itself and data flows again', async () => {
    const mosq: Mosquitto = await startMosquitto({ serviceUsername: 'envmon-service', users: users() })
    cleanup.push(() => mosq.dispose())
    const sys = await startTestSystem({ MQTT_URL: mosq.url })
    cleanup.push(() => sys.stop())
    expect((await sys.api('/api/health')).status).toBe(200)
    const states: string[] = []
    sys.ingest.on('connection', (s) => states.push(s))
    await mosq.stop()
    await expect.poll(() => sys.ingest.state, { timeout: 10_000 }).not.toBe('connected')
    expect((await sys.api('/api/health')).status).toBe(503)
    await mosq.start()
    await expect.poll(() => sys.ingest.state, { timeout: 15_000 }).toBe('connected')
    expect(states).toContain('reconnecting')
    const c = await stationClient(mosq.stationUrl, 'DG-AIR-01')
    const ts = Date.now() - 5000
    await c.publishAsync('envmon/v1/air/DG-AIR-01/reading', JSON.stringify({ ts, values: { pm25: 5 } }), { qos: 1 })
    await expect.poll(() => sys.store.count('DG-AIR-01', ts, ts + 1), { timeout: 10_000 }).toBe(1)
    expect((await sys.api('/api/health')).status).toBe(200)
  }, 60_000)
})
