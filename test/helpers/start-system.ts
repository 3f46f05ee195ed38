/**
 * Start the real system for a test: embedded aedes broker and HTTP server on ephemeral ports,
 * DuckDB and spool in a fresh temp dir, the demo registry with a known station secret, no
 * simulator unless asked. Always call `stop()` (it also removes the temp dir).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import mqtt, { type MqttClient } from 'mqtt'
import { io, type Socket } from 'socket.io-client'
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/src/protocol/events'
import { loadConfig } from '../../server/src/config'
import { createLogger } from '../../server/src/log'
import { startSystem, type System, type SystemOptions } from '../../server/src/system'
import { stationPassword } from '../../simulator/src/station-password'

export const TEST_STATION_SECRET = 'test-station-secret'

export interface TestSystem extends System {
  dir: string
  /** Connect an mqtt.js client as a registered station (its id as username). */
  connectStation(stationId: string, opts?: mqtt.IClientOptions): Promise<MqttClient>
  /** Connect as the service principal (may subscribe to anything). */
  connectService(): Promise<MqttClient>
  /** A socket.io client connected to the server. */
  socket(opts?: Parameters<typeof io>[1]): Promise<Socket<ServerToClientEvents, ClientToServerEvents>>
  api(path: string, init?: RequestInit): Promise<Response>
}

/** `dir`: use this data directory and leave it in place on stop (restart tests); default a fresh temp dir removed on stop. */
export async function startTestSystem(env: Record<string, string> = {}, opts: SystemOptions = {}, dataDir?: string): Promise<TestSystem> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'envmon-test-'))
  const config = loadConfig({
    PORT: '0',
    MQTT_PORT: '0',
    HJ212_PORT: '0',
    DATA_DIR: dir,
    SIMULATE: '0',
    STATION_SECRET: TEST_STATION_SECRET,
    SERVICE_MQTT_PASSWORD: 'test-service-password',
    CLIENT_DIR: join(process.cwd(), 'dist/client'),
    LOG_LEVEL: 'error',
    ...env,
  })
  const sys = await startSystem(config, { log: createLogger(config.logLevel), tickMs: 500, ...opts })
  const clients: { end(force?: boolean): unknown }[] = []
  const sockets: Socket[] = []
  const connect = (o: mqtt.IClientOptions) =>
    new Promise<MqttClient>((resolve, reject) => {
      const c = mqtt.connect(sys.brokerUrl, { reconnectPeriod: 0, connectTimeout: 5000, ...o })
      clients.push(c)
      c.once('connect', () => resolve(c))
      c.once('error', reject)
    })
  return {
    ...sys,
    dir,
    connectStation: (id, o = {}) => connect({ clientId: `test-${id}-${Math.random().toString(36).slice(2, 8)}`, username: id, password: stationPassword(TEST_STATION_SECRET, id), ...o }),
    connectService: () => connect({ clientId: `test-svc-${Math.random().toString(36).slice(2, 8)}`, username: config.mqtt.serviceUsername, password: sys.servicePassword }),
    socket: (o) =>
      new Promise((resolve, reject) => {
        const s = io(sys.url, { transports: ['websocket'], reconnection: false, ...o }) as Socket<ServerToClientEvents, ClientToServerEvents>
        sockets.push(s)
        s.once('connect', () => resolve(s))
        s.once('connect_error', reject)
      }),
    api: (path, init) => fetch(sys.url + path, init),
    async stop() {
      for (const s of sockets) s.disconnect()
      await Promise.all(clients.map((c) => new Promise<void>((r) => (c as MqttClient).end(true, {}, () => r()))))
      await sys.stop()
      if (!dataDir) rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Resolve with the first message on `filter` matching `pred`. */
export function nextMessage(client: MqttClient, filter: string, pred: (topic: string, payload: Buffer) => boolean = () => true, timeoutMs = 10_000): Promise<{ topic: string; payload: Buffer }> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no message on ${filter} within ${timeoutMs} ms`)), timeoutMs)
    const on = (topic: string, payload: Buffer) => {
      if (!pred(topic, payload)) return
      clearTimeout(t)
      client.off('message', on)
      resolve({ topic, payload })
    }
    client.on('message', on)
    client.subscribe(filter, { qos: 1 })
  })
}
