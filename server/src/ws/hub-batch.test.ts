/**
 * The live hub's batched readings (issue 16): a real socket.io server behind the session
 * middleware and real socket.io clients. A socket that subscribes with `batch: true` gets each
 * tick's readings as `readings` arrays, every matching reading exactly once and nothing else; a
 * socket that does not still gets `reading` per station, as in the bureau's contract. With the Redis
 * adapter (Debian's redis-server), one node's tick reaches the browsers of another the same way.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { io, type Socket } from 'socket.io-client'
import { afterEach, describe, expect, it } from 'vitest'
import { hasRedis, startRedis, type RedisServer } from '../../../test/helpers/redis'
import type { Reading } from '../../../shared/src/domain/reading'
import type { StationKind } from '../../../shared/src/domain/station'
import type {
  ClientToServerEvents,
  ReadingEvent,
  ServerToClientEvents,
  SubscribeAck,
  SubscribeRequest,
} from '../../../shared/src/protocol/events'
import { SESSION_COOKIE, socketAuth } from '../auth/middleware'
import { SessionStore } from '../auth/sessions'
import { connectRedis, type RedisLink } from '../cluster/redis-adapter'
import { createLogger } from '../log'
import { LiveHub } from './hub'

type Client = Socket<ServerToClientEvents, ClientToServerEvents>

const T0 = Date.parse('2026-12-06T02:00:00Z')
let hub: LiveHub
const clients: Client[] = []
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect()
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** A hub on its own HTTP server (port 0); `hub` is the last one started. */
async function start(
  sessions = new SessionStore({ now: () => 0 }),
  adapter?: RedisLink['adapter'],
): Promise<{ url: string; sessionId: string }> {
  const http: Server = createServer()
  // The interval timer never fires during a test: each test flushes by hand.
  const h = new LiveHub(http, { use: socketAuth(sessions), readingIntervalMs: 3_600_000, adapter })
  hub = h
  cleanups.push(() => h.close())
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()))
  const { id } = sessions.create({ id: 'u1', username: 'wall', role: 'viewer' })
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, sessionId: id }
}

/** What one socket heard: every `reading`, every `readings` array, and the sentinel's arrival. */
interface Heard {
  single: ReadingEvent[]
  batches: ReadingEvent[][]
  /** Resolves at the `station-status` sent after the flush: everything before it has arrived. */
  done: Promise<void>
  ack: SubscribeAck
  socket: Client
}

async function listen(url: string, sessionId: string, req: SubscribeRequest | undefined): Promise<Heard> {
  const s: Client = io(url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie: `${SESSION_COOKIE}=${sessionId}` } })
  clients.push(s)
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve())
    s.once('connect_error', reject)
  })
  const single: ReadingEvent[] = []
  const batches: ReadingEvent[][] = []
  s.on('reading', (e) => single.push(e))
  s.on('readings', (es) => batches.push(es))
  const done = new Promise<void>((r) => s.once('station-status', () => r()))
  const ack: SubscribeAck = req ? await s.timeout(5000).emitWithAck('subscribe', req) : { ok: true, rooms: ['all'] }
  return { single, batches, done, ack, socket: s }
}

const reading = (stationId: string, kind: StationKind, ts: number, pm25: number): Reading => ({
  stationId,
  kind,
  ts,
  values: { pm25 },
})

/** A tick of four stations (two air, one water, one wastewater); air station A1 reports twice. */
function tick(): void {
  hub.reading('air', [reading('A1', 'air', T0, 10), reading('A1', 'air', T0 + 1000, 11)])
  hub.reading('air', [reading('A2', 'air', T0, 20)])
  hub.reading('water', [reading('W1', 'water', T0, 30)])
  hub.reading('wastewater', [reading('S1', 'wastewater', T0, 40)])
  hub.flush()
  // The sentinel: an air station's status reaches every socket below, after the readings.
  hub.status('A1', 'air', { stationId: 'A1', status: 'online', since: new Date(T0).toISOString() })
}

const ids = (es: ReadingEvent[]) => es.map((e) => e.stationId).sort()

describe('LiveHub batched readings', () => {
  it('sends a socket subscribed to everything one readings array per tick with every station’s newest reading once', async () => {
    const { url, sessionId } = await start()
    const wall = await listen(url, sessionId, { batch: true })
    expect(wall.ack).toEqual({ ok: true, rooms: ['all'], batch: true })
    tick()
    await wall.done
    expect(wall.single).toEqual([])
    expect(wall.batches).toHaveLength(1)
    expect(ids(wall.batches[0]!)).toEqual(['A1', 'A2', 'S1', 'W1'])
    const a1 = wall.batches[0]!.find((e) => e.stationId === 'A1')!
    expect(a1).toEqual({ stationId: 'A1', kind: 'air', ts: new Date(T0 + 1000).toISOString(), values: { pm25: 11 } })
  })

  it('keeps reading per station for sockets that did not ask for batches, beside a batch socket', async () => {
    const { url, sessionId } = await start()
    const plain = await listen(url, sessionId, {})
    const never = await listen(url, sessionId, undefined)
    const wall = await listen(url, sessionId, { batch: true })
    tick()
    await Promise.all([plain.done, never.done, wall.done])
    for (const h of [plain, never]) {
      expect(h.batches).toEqual([])
      expect(ids(h.single)).toEqual(['A1', 'A2', 'S1', 'W1'])
    }
    expect(plain.ack).toEqual({ ok: true, rooms: ['all'] })
    expect(ids(wall.batches.flat())).toEqual(['A1', 'A2', 'S1', 'W1'])
    expect(wall.single).toEqual([])
  })

  it('filters batches by kind and station rooms exactly as reading, each reading once', async () => {
    const { url, sessionId } = await start()
    // Air by kind, plus one air station (already covered by the kind) and one water station.
    const mixed = await listen(url, sessionId, { kinds: ['air'], stations: ['A1', 'W1'], batch: true })
    const same = await listen(url, sessionId, { kinds: ['air'], stations: ['A1', 'W1'] })
    const oneStation = await listen(url, sessionId, { stations: ['W1'], batch: true })
    tick()
    await Promise.all([mixed.done, same.done])
    // The sentinel is an air station's: the water-only socket gets none, so wait for its batch instead.
    await expect.poll(() => oneStation.batches.length).toBe(1)
    expect(ids(same.single)).toEqual(['A1', 'A2', 'W1'])
    expect(ids(mixed.batches.flat())).toEqual(ids(same.single))
    // One array for the air kind, one for the water station outside it.
    expect(mixed.batches.map(ids).sort()).toEqual([['A1', 'A2'], ['W1']])
    expect(mixed.single).toEqual([])
    expect(oneStation.batches).toEqual([[{ stationId: 'W1', kind: 'water', ts: new Date(T0).toISOString(), values: { pm25: 30 } }]])
    expect(oneStation.single).toEqual([])
  })

  it('switches a socket back to single readings when it subscribes again without batch', async () => {
    const { url, sessionId } = await start()
    const s = await listen(url, sessionId, { batch: true })
    const again = await s.socket.timeout(5000).emitWithAck('subscribe', { kinds: ['water'] })
    expect(again).toEqual({ ok: true, rooms: ['kind:water'] })
    hub.reading('water', [reading('W1', 'water', T0, 30)])
    hub.reading('air', [reading('A1', 'air', T0, 10)])
    hub.flush()
    await expect.poll(() => s.single.length).toBe(1)
    expect(s.single[0]!.stationId).toBe('W1')
    expect(s.batches).toEqual([])
  })

  it('sends nothing on a tick without readings', async () => {
    const { url, sessionId } = await start()
    const wall = await listen(url, sessionId, { batch: true })
    hub.flush()
    hub.status('A1', 'air', { stationId: 'A1', status: 'online', since: new Date(T0).toISOString() })
    await wall.done
    expect(wall.batches).toEqual([])
    expect(hub.stats.readingsSent).toBe(0)
  })

  it('refuses a socket without a session, batch or not (the middleware runs first)', async () => {
    const { url } = await start()
    const s: Client = io(url, { transports: ['websocket'], reconnection: false })
    clients.push(s)
    const err = await new Promise<Error & { data?: { code?: string } }>((r) => s.once('connect_error', r))
    expect(err.data?.code).toBe('unauthorized')
  })
})

describe.skipIf(!hasRedis)('LiveHub batched readings across server nodes (Redis adapter)', () => {
  it('delivers one node’s tick to the batch and single-reading browsers of another, each reading once', async () => {
    const redis: RedisServer = await startRedis()
    cleanups.push(() => redis.dispose())
    const log = createLogger('error')
    const links = [await connectRedis(redis.url, log, 'hub-batch'), await connectRedis(redis.url, log, 'hub-batch')]
    for (const l of links) cleanups.push(() => l.close())
    const sessions = new SessionStore({ now: () => 0 })
    const b = await start(sessions, links[1]!.adapter)
    const nodeB = hub
    await start(sessions, links[0]!.adapter)
    // The browsers are on node B; the tick is node A's.
    const wall = await listen(b.url, b.sessionId, { batch: true })
    const air = await listen(b.url, b.sessionId, { kinds: ['air'], stations: ['W1'], batch: true })
    const plain = await listen(b.url, b.sessionId, {})
    expect(hub).not.toBe(nodeB)
    tick()
    await Promise.all([wall.done, air.done, plain.done])
    expect(wall.batches.map(ids)).toEqual([['A1', 'A2', 'S1', 'W1']])
    expect(air.batches.map(ids).sort()).toEqual([['A1', 'A2'], ['W1']])
    expect(ids(plain.single)).toEqual(['A1', 'A2', 'S1', 'W1'])
    for (const h of [wall, air]) expect(h.single).toEqual([])
    expect(plain.batches).toEqual([])
  })
})
