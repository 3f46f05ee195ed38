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
import { startSystem, type System, type SystemOptions } from '../../server/src/compose/system'
import { demoPlugIn } from '../../server/src/demo'
import { demoPassword } from '../../server/src/auth/demo-users'
import type { Role } from '../../server/src/auth/roles'
import { stationPassword } from '../../simulator/src/station-password'

export const TEST_STATION_SECRET = 'test-station-secret'

export interface TestSystem extends System {
  dir: string
  /** Connect an mqtt.js client as a registered station (its id as username). */
  connectStation(stationId: string, opts?: mqtt.IClientOptions): Promise<MqttClient>
  /** Connect as the service principal (may subscribe to anything). */
  connectService(): Promise<MqttClient>
  /** A socket.io client connected to the server, logged in as `role` (default viewer). */
  socket(opts?: Parameters<typeof io>[1], role?: Role): Promise<Socket<ServerToClientEvents, ClientToServerEvents>>
  /** Call the API logged in as the demo admin (CSRF header added for state changes). */
  api(path: string, init?: RequestInit): Promise<Response>
  /** Call the API as a demo user of `role`, or with no session (`null`). */
  apiAs(role: Role | null, path: string, init?: RequestInit): Promise<Response>
  /** Log in as the demo user of a role: the session cookie and CSRF token. */
  login(role: Role): Promise<{ cookie: string; csrf: string }>
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
    DEMO_USERS: '1',
    // A backlog of late data ends 1 s after its last message (not 30 s): tests that publish old data as a batch see its outcome at once.
    LATE_DATA_QUIET: '1',
    // No scheduled reports (their catch-up would run in the background of long tests); test/reports.test.ts and the scheduler's test drive them.
    REPORTS_SCHEDULE: '0',
    ...env,
  })
  const sys = await startSystem(config, { log: createLogger(config.logLevel), tickMs: 500, demo: demoPlugIn, ...opts })
  const clients: { end(force?: boolean): unknown }[] = []
  const logins = new Map<Role, Promise<{ cookie: string; csrf: string }>>()
  const login = (role: Role) => {
    let p = logins.get(role)
    if (!p) {
      p = (async () => {
        const res = await fetch(sys.url + '/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: `demo-${role}`, password: demoPassword(TEST_STATION_SECRET, role) }),
        })
        if (res.status !== 200) throw new Error(`login as ${role} failed: ${res.status} ${await res.text()}`)
        const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!
        const { csrfToken } = (await res.json()) as { csrfToken: string }
        return { cookie, csrf: csrfToken }
      })()
      logins.set(role, p)
    }
    return p
  }
  const apiAs = async (role: Role | null, path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers)
    if (role) {
      const { cookie, csrf } = await login(role)
      headers.set('cookie', cookie)
      if (init.method && init.method !== 'GET') headers.set('x-csrf-token', csrf)
    }
    return fetch(sys.url + path, { ...init, headers })
  }
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
    // A station's client id is its id or `<id>:<suffix>` (the embedded broker refuses others).
    connectStation: (id, o = {}) =>
      connect({
        clientId: `${id}:test-${Math.random().toString(36).slice(2, 8)}`,
        username: id,
        password: stationPassword(TEST_STATION_SECRET, id),
        ...o,
      }),
    connectService: () =>
      connect({
        clientId: `test-svc-${Math.random().toString(36).slice(2, 8)}`,
        username: config.mqtt.serviceUsername,
        password: sys.servicePassword,
      }),
    socket: async (o, role: Role = 'viewer') => {
      const { cookie } = await login(role)
      return new Promise((resolve, reject) => {
        const s = io(sys.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie }, ...o }) as Socket<
          ServerToClientEvents,
          ClientToServerEvents
        >
        sockets.push(s)
        s.once('connect', () => resolve(s))
        s.once('connect_error', reject)
      })
    },
    api: (path, init) => apiAs('admin', path, init),
    apiAs,
    login,
    async stop() {
      for (const s of sockets) s.disconnect()
      await Promise.all(clients.map((c) => new Promise<void>((r) => (c as MqttClient).end(true, {}, () => r()))))
      await sys.stop()
      if (!dataDir) rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Resolve with the first message on `filter` matching `pred`. */
export function nextMessage(
  client: MqttClient,
  filter: string,
  pred: (topic: string, payload: Buffer) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<{ topic: string; payload: Buffer }> {
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
