/**
 * Scale-out on existing engines (issue 7), two by two on loopback: Debian's mosquitto (MQTT 5
 * shared subscriptions, persistent sessions, retained state), Debian's redis-server (socket.io
 * Redis adapter, shared sessions), victoria-metrics as the shared InfluxDB-v2 write store, two
 * ingest nodes (`ROLE=ingest`) and two server nodes (`ROLE=server`), each a fully independent
 * instance with its own data directory and connections (in this process: startCluster).
 *
 * 1. Load is shared: both ingest nodes take messages; every reading is stored exactly once.
 * 2. Each station's rules run in one place: breaches of one station handled by both ingest nodes
 *    open exactly one alert, on the owner of its partition.
 * 3. Every alert reaches the browsers on both servers, exactly once each.
 * 4. The duty officer acknowledges through server B: browsers on A and B see it, and so does the owner.
 * 5. Station and rule changes made through server A's admin API reach server B and the ingest nodes.
 * 6. An ingest node retired: its share that waited at the broker is handed to the other node
 *    (cluster-drain); nothing lost, nothing stored twice.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import mqtt, { type MqttClient } from 'mqtt'
import { io, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AlertEvent } from '../shared/src/domain/alert'
import type { Station, StationKind } from '../shared/src/domain/station'
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/src/protocol/events'
import { drainSession } from '../ingest/src/cluster/drain-session'
import { internalTopics } from '../shared/src/protocol/cluster/internal-topics'
import { partitionOf } from '../shared/src/protocol/cluster/partition'
import { makeTopics } from '../shared/src/protocol/topics'
import { startCluster, type IngestNode, type ServerNode } from '../server/src/compose/cluster'
import { demoPlugIn } from '../server/src/demo'
import { loadConfig } from '../server/src/config'
import { createLogger } from '../server/src/log'
import { demoStations } from '../simulator/src/select-stations'
import { stationPassword } from '../simulator/src/station-password'
import { hasMosquitto, startMosquitto, type Mosquitto } from './helpers/mosquitto'
import { hasRedis, startRedis, type RedisServer } from './helpers/redis'
import { TEST_STATION_SECRET } from './helpers/start-system'
import { hasVictoriaMetrics, startVictoriaMetrics, type VictoriaMetrics } from './helpers/victoria-metrics'

const SERVICE_PW = 'test-service-password'
const ADMIN_PW = 'duty-officer-password'
const PARTITIONS = 16
/** Up to three stations of every partition. */
const STATIONS: Station[] = (() => {
  const per = new Map<number, Station[]>()
  for (const s of demoStations(undefined, 42)) {
    const p = partitionOf(s.id, PARTITIONS)
    const l = per.get(p) ?? []
    if (l.length < 3) per.set(p, [...l, s])
  }
  return [...per.values()].flat()
})()
/** The metric each kind publishes (and the victoria-metrics series it is counted in). */
const METRIC: Record<StationKind, string> = { air: 'pm25', water: 'ph', wastewater: 'cod', energy: 'elec_kwh' }
const READINGS_PER_STATION = 12
const BREACH_STATION = STATIONS.find((s) => s.kind === 'air')!

const enabled = (hasMosquitto && hasRedis && hasVictoriaMetrics()) || Boolean(process.env.CI)
if (!enabled)
  console.info(
    '[scale-out] SKIPPED: needs Debian mosquitto, redis-server and victoria-metrics (apt-get install -y mosquitto redis-server victoria-metrics)',
  )

type Client = Socket<ServerToClientEvents, ClientToServerEvents>

describe.skipIf(!enabled)('scale-out: two ingest nodes and two server nodes on mosquitto, Redis and a shared store', () => {
  let mosq: Mosquitto
  let redis: RedisServer
  let vm: VictoriaMetrics
  const dirs: string[] = []
  const ingest: IngestNode[] = []
  const servers: ServerNode[] = []
  const stations: MqttClient[] = []
  const sockets: Client[] = []
  /** Per ingest node: readings it accepted, per station. */
  const seen: Map<string, number>[] = [new Map(), new Map()]
  /** Alert events per socket (A, B). */
  const events: AlertEvent[][] = [[], []]
  let session: { cookie: string; csrf: string }
  let published = 0

  const env = () => {
    const dir = mkdtempSync(join(tmpdir(), 'envmon-scale-'))
    dirs.push(dir)
    return {
      DATA_DIR: dir,
      MQTT_URL: mosq.url,
      SERVICE_MQTT_PASSWORD: SERVICE_PW,
      STATION_SECRET: TEST_STATION_SECRET,
      STORE: 'influx',
      INFLUX_URL: vm.url,
      INFLUX_TOKEN: 'test',
      INFLUX_ORG: 'envmon',
      INFLUX_BUCKET: 'envmon',
      PARTITIONS: String(PARTITIONS),
      REDIS_URL: redis.url,
      SIMULATE: '0',
      // One admin (one argon2 hash per node); server B adopts server A's users through Redis.
      DEMO_USERS: '0',
      ADMIN_USERNAME: 'duty-officer',
      ADMIN_PASSWORD: ADMIN_PW,
      HJ212_PORT: '0',
      PORT: '0',
      LOG_LEVEL: 'error',
      CLIENT_DIR: join(dir, 'no-client'),
    }
  }
  const log = createLogger('error')

  beforeAll(async () => {
    if (!hasMosquitto || !hasRedis || !hasVictoriaMetrics()) throw new Error('CI must install mosquitto, redis-server and victoria-metrics')
    // Each part is kept as soon as it has started, so afterAll stops it even when another failed to start.
    const keep = async <T>(p: Promise<T>, set: (v: T) => void) => set(await p)
    const started = await Promise.allSettled([
      keep(
        startMosquitto({
          serviceUsername: 'envmon-service',
          users: {
            'envmon-service': SERVICE_PW,
            ...Object.fromEntries(STATIONS.map((s) => [s.id, stationPassword(TEST_STATION_SECRET, s.id)])),
          },
        }),
        (v) => (mosq = v),
      ),
      keep(startRedis(), (v) => (redis = v)),
      keep(startVictoriaMetrics(), (v) => (vm = v)),
    ])
    for (const r of started) if (r.status === 'rejected') throw r.reason
    const nodes = await Promise.allSettled([
      ...[0, 1].map((i) =>
        keep(
          startCluster(loadConfig({ ...env(), ROLE: 'ingest', INGEST_INDEX: String(i), INGEST_COUNT: '2' }), {
            log,
            tickMs: 500,
            liveIntervalMs: 200,
            demo: demoPlugIn,
          }),
          (n) => (ingest[i] = n as IngestNode),
        ),
      ),
      ...['a', 'b'].map((id, i) =>
        keep(
          startCluster(loadConfig({ ...env(), ROLE: 'server', SERVER_ID: id, NOTIFY: id === 'a' ? '1' : '0' }), { log, demo: demoPlugIn }),
          (n) => (servers[i] = n as ServerNode),
        ),
      ),
    ])
    for (const r of nodes) if (r.status === 'rejected') throw r.reason
    ingest.forEach((n, i) => n.stack.ingest.on('readings', (s, rs) => seen[i]!.set(s.id, (seen[i]!.get(s.id) ?? 0) + rs.length)))
  }, 90_000)

  afterAll(async () => {
    for (const s of sockets) s.disconnect()
    await Promise.all(stations.map((c) => c.endAsync(true)))
    // Servers first (they only read), then ingest (drains into the store), then the engines.
    await Promise.all(servers.filter(Boolean).map((s) => s.stop()))
    await Promise.all(ingest.filter(Boolean).map((n) => n.stop()))
    await Promise.all([mosq?.dispose(), redis?.dispose(), vm?.dispose()])
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  }, 60_000)

  const committed = () => ingest.reduce((n, x) => n + x.stack.queue.snapshot().committed, 0)

  /** What the shared store holds of the counted metrics: samples, and distinct (station, metric, time). */
  async function storedPoints(): Promise<{ samples: number; distinct: number }> {
    const series = await vm.export(`{__name__=~"reading_(pm25|ph|cod|elec_kwh)",station=~"DG-.*"}`)
    const points = new Set<string>()
    let samples = 0
    for (const s of series) {
      samples += s.timestamps.length
      for (const t of s.timestamps) points.add(`${s.metric.station}|${s.metric.__name__}|${t}`)
    }
    return { samples, distinct: points.size }
  }

  async function station(s: Station): Promise<MqttClient> {
    const c = await mqtt.connectAsync(mosq.stationUrl, {
      clientId: s.id,
      username: s.id,
      password: stationPassword(TEST_STATION_SECRET, s.id),
      reconnectPeriod: 0,
    })
    stations.push(c)
    return c
  }

  async function socket(server: ServerNode, into: AlertEvent[]): Promise<Client> {
    const s: Client = io(server.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie: session.cookie } })
    sockets.push(s)
    s.on('alert', (a) => into.push(a))
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve())
      s.once('connect_error', reject)
    })
    return s
  }

  it('shares users and a session created on server A with server B (Redis)', async () => {
    const res = await fetch(`${servers[0]!.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'duty-officer', password: ADMIN_PW }),
    })
    expect(res.status).toBe(200)
    session = {
      cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!,
      csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
    }
    await expect
      .poll(async () => (await fetch(`${servers[1]!.url}/api/auth/me`, { headers: { cookie: session.cookie } })).status, { timeout: 5000 })
      .toBe(200)
    await socket(servers[0]!, events[0]!)
    await socket(servers[1]!, events[1]!)
  })

  it('shares the load between both ingest nodes and stores every reading exactly once', async () => {
    const t0 = Math.floor(Date.now() / 1000) * 1000 - 3 * 3_600_000
    const clients = await Promise.all(STATIONS.map(station))
    await Promise.all(
      STATIONS.map(async (s, k) => {
        for (let i = 0; i < READINGS_PER_STATION; i++) {
          const value = s.kind === 'energy' ? 1000 + i : s.kind === 'water' ? 7.2 : 10
          await clients[k]!.publishAsync(
            `envmon/v1/${s.kind}/${s.id}/reading`,
            JSON.stringify({ ts: t0 + i * 1000, values: { [METRIC[s.kind]]: value } }),
            { qos: 1 },
          )
          published++
        }
      }),
    )
    await expect.poll(committed, { timeout: 20_000 }).toBe(published)
    // Both nodes took a share of the messages.
    expect(ingest[0]!.stack.ingest.stats.messages).toBeGreaterThan(0)
    expect(ingest[1]!.stack.ingest.stats.messages).toBeGreaterThan(0)
    expect(ingest[0]!.stack.ingest.stats.messages + ingest[1]!.stack.ingest.stats.messages).toBe(published)
    expect(await storedPoints()).toEqual({ samples: published, distinct: published })
  })

  it("runs each station's rules in one place: breaches taken by both ingest nodes open one alert", async () => {
    const s = BREACH_STATION
    const owner = ingest.find((n) => n.owner.owns(s.id))!
    const other = ingest.find((n) => n !== owner)!
    const c = stations.find((x) => x.options.username === s.id) ?? (await station(s))
    const before = seen.map((m) => m.get(s.id) ?? 0)
    // O3 1-h 260 µg/m³ breaches the GB 3095-2012 grade II limit of 200; keep publishing until both ingest nodes have taken some.
    const t1 = Math.floor(Date.now() / 1000) * 1000 - 120_000
    for (let i = 0; i < 40 && !seen.every((m, k) => (m.get(s.id) ?? 0) > before[k]! + 1); i++) {
      await c.publishAsync(`envmon/v1/air/${s.id}/reading`, JSON.stringify({ ts: t1 + i * 1000, values: { pm25: 30, o3: 260 } }), {
        qos: 1,
      })
      published++
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(seen.every((m, k) => (m.get(s.id) ?? 0) > before[k]! + 1)).toBe(true)
    await expect
      .poll(() => owner.rules.alerts.list({ stationId: s.id }).filter((a) => a.rule === 'air.o3.1h').length, { timeout: 10_000 })
      .toBe(1)
    await new Promise((r) => setTimeout(r, 1000))
    expect(owner.rules.alerts.list({ stationId: s.id }).filter((a) => a.rule === 'air.o3.1h')).toHaveLength(1)
    expect(other.rules.alerts.list({ stationId: s.id })).toHaveLength(0)
    for (const srv of servers) expect(srv.alerts.list({ stationId: s.id }).filter((a) => a.rule === 'air.o3.1h')).toHaveLength(1)
  })

  it('delivers the alert to browsers on both servers, exactly once each', async () => {
    const a = ingest.flatMap((n) => n.rules.alerts.list({ stationId: BREACH_STATION.id })).find((x) => x.rule === 'air.o3.1h')!
    for (const got of events) await expect.poll(() => got.filter((e) => e.id === a.id).length, { timeout: 10_000 }).toBe(1)
    await new Promise((r) => setTimeout(r, 500))
    for (const got of events) {
      expect(got.filter((e) => e.id === a.id)).toHaveLength(1)
      expect(got.find((e) => e.id === a.id)).toMatchObject({
        stationId: BREACH_STATION.id,
        state: 'open',
        rule: 'air.o3.1h',
        value: 260,
        limit: 200,
      })
    }
  })

  it('the duty officer acknowledges through server B: browsers on A and B and the owner see it', async () => {
    const owner = ingest.find((n) => n.owner.owns(BREACH_STATION.id))!
    const a = owner.rules.alerts.list({ stationId: BREACH_STATION.id }).find((x) => x.rule === 'air.o3.1h')!
    const res = await fetch(`${servers[1]!.url}/api/alerts/${a.id}/ack`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'crew dispatched' }),
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      id: a.id,
      state: 'acknowledged',
      acknowledged: { by: 'duty-officer', note: 'crew dispatched' },
    })
    for (const got of events)
      await expect.poll(() => got.filter((e) => e.id === a.id && e.state === 'acknowledged').length, { timeout: 10_000 }).toBe(1)
    expect(owner.rules.alerts.get(a.id)).toMatchObject({
      state: 'acknowledged',
      acknowledged: { by: 'duty-officer', note: 'crew dispatched' },
    })
    // Both read models converge; a second acknowledgement is refused by the owner.
    for (const srv of servers) await expect.poll(() => srv.alerts.get(a.id)?.state, { timeout: 5000 }).toBe('acknowledged')
    const again = await fetch(`${servers[0]!.url}/api/alerts/${a.id}/ack`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
      body: '{}',
    })
    expect(again.status).toBe(409)
    await new Promise((r) => setTimeout(r, 300))
    for (const got of events) expect(got.filter((e) => e.id === a.id && e.state === 'acknowledged')).toHaveLength(1)
  })

  it("shares an admin's station and rule changes with every node", async () => {
    const admin = (path: string, method: string, body: unknown) =>
      fetch(`${servers[0]!.url}${path}`, {
        method,
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const added = await admin('/api/admin/stations/DG-NEW-01', 'PUT', {
      kind: 'water',
      nameZh: '新水源',
      nameEn: 'New source',
      lon: 113.9,
      lat: 22.95,
      town: '塘厦镇',
      intervalSec: 300,
      standardClass: 'II',
      waterBody: 'lake',
    })
    expect(added.status).toBe(201)
    await expect
      .poll(() => [servers[1]!.registry.get('DG-NEW-01')?.nameEn, ...ingest.map((n) => n.registry.get('DG-NEW-01')?.nameEn)], {
        timeout: 5000,
      })
      .toEqual(['New source', 'New source', 'New source'])
    const s = BREACH_STATION
    expect((await admin(`/api/admin/rules/${s.id}`, 'PUT', { 'air.no2.1h': { limit: 150 } })).status).toBe(200)
    const owner = ingest.find((n) => n.owner.owns(s.id))!
    await expect.poll(() => owner.rules.standards.rulesFor(s).find((r) => r.id === 'air.no2.1h')?.limit, { timeout: 5000 }).toBe(150)
    const onB = await fetch(`${servers[1]!.url}/api/admin/rules?station=${s.id}`, { headers: { cookie: session.cookie } })
    expect(await onB.json()).toMatchObject({ overrides: { [s.id]: { 'air.no2.1h': { limit: 150 } } } })
  })

  it('reports health on every node: broker, store, the rules partitions and the push', async () => {
    for (const n of ingest) {
      const res = await fetch(`${n.url}/api/health`)
      const body = (await res.json()) as { status: string; broker: { state: string }; rules: { partitions: number[]; link: string } }
      expect(res.status).toBe(200)
      expect(body).toMatchObject({ role: 'ingest', broker: { state: 'up' }, rules: { link: 'connected' } })
      expect(body.rules.partitions).toEqual([...Array(PARTITIONS).keys()].filter((p) => p % 2 === n.ownership.index))
    }
    for (const srv of servers) {
      const res = await fetch(`${srv.url}/api/health`, { headers: { cookie: session.cookie } })
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ broker: { state: 'up' }, ingest: { role: 'server', redis: 'up' } })
    }
  })

  it('counts a dead letter on every server node, by reason and station, kept in the node’s own data directory', async () => {
    const s = STATIONS[0]!
    const c = stations.find((x) => x.options.username === s.id) ?? (await station(s))
    type Body = {
      total: number
      byReason: Record<string, number>
      byStation: Record<string, number>
      recent: { stationId?: string; reason: string }[]
    }
    const get = async (srv: ServerNode) =>
      (await (await fetch(`${srv.url}/api/deadletters?reason=not-json`, { headers: { cookie: session.cookie } })).json()) as Body
    const before = await Promise.all(servers.map(get))
    await c.publishAsync(`envmon/v1/${s.kind}/${s.id}/reading`, 'not json at all', { qos: 1 })
    for (const [i, srv] of servers.entries()) {
      await expect.poll(async () => (await get(srv)).byStation[s.id] ?? 0, { timeout: 10_000 }).toBe((before[i]!.byStation[s.id] ?? 0) + 1)
      const b = await get(srv)
      expect(b.byReason['not-json']).toBe((before[i]!.byReason['not-json'] ?? 0) + 1)
      expect(b.recent[0]).toMatchObject({ stationId: s.id, reason: 'not-json' })
    }
    await expect.poll(() => existsSync(join(servers[0]!.config.dataDir, 'dead-letter', 'counts.json')), { timeout: 5000 }).toBe(true)
  })

  it('retires an ingest node: its share that waited at the broker goes to the other node, none lost, none stored twice', async () => {
    const [kept, retired] = [ingest[0]!, ingest[1]!]
    await expect.poll(committed, { timeout: 10_000 }).toBe(published)
    await retired.stop()
    // mosquitto keeps routing the offline member its round-robin share, into its persistent session.
    const t2 = Math.floor(Date.now() / 1000) * 1000 - 2 * 3_600_000
    const air = STATIONS.filter((s) => s.kind === 'air').slice(0, 6)
    const n = 60
    for (let i = 0; i < n; i++) {
      const s = air[i % air.length]!
      const c = stations.find((x) => x.options.username === s.id)!
      await c.publishAsync(`envmon/v1/air/${s.id}/reading`, JSON.stringify({ ts: t2 + i * 1000, values: { pm25: 12 } }), { qos: 1 })
    }
    published += n
    await new Promise((r) => setTimeout(r, 1000))
    const waiting = published - committed()
    expect(waiting).toBeGreaterThan(0)
    const prefix = 'envmon'
    const r = await drainSession({
      url: mosq.url,
      username: 'envmon-service',
      password: SERVICE_PW,
      clientId: 'envmon-ingest-1',
      topics: makeTopics(prefix),
      internal: internalTopics(prefix),
      partitions: PARTITIONS,
      idleMs: 1000,
    })
    // At least once (QoS 1: the broker may hand the drain a message twice); the store keeps each point once.
    expect(r.republished).toBeGreaterThanOrEqual(waiting)
    await expect.poll(async () => (await storedPoints()).distinct, { timeout: 10_000 }).toBe(published)
    expect(kept.stack.queue.snapshot().committed + retired.stack.queue.snapshot().committed).toBeGreaterThanOrEqual(published)
    expect(await storedPoints()).toEqual({ samples: published, distinct: published })
  })
})
