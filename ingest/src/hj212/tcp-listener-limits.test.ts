/**
 * The HJ 212 listener's slots against real sockets on loopback (issue 15): idle and trickling
 * connections cannot lock a logger out, a station has one live connection, the oldest
 * unauthenticated connection makes room first, and refusals reach onReject rate-limited. Clients
 * pick their source address in 127.0.0.0/8 (`from`) to play several hosts.
 */
import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { buildDataAck, buildDataUpload } from '../../../shared/src/protocol/hj212/index'
import {
  startHj212Listener,
  type Hj212Listener,
  type Hj212ListenerOptions,
  type Hj212RejectInfo,
  type Hj212ReplacedInfo,
} from './tcp-listener'

const T = Date.parse('2026-11-24T08:00:00+08:00')
const STATIONS: Record<string, { stationId: string; kind: 'air'; password: string }> = {
  DG0001: { stationId: 'DG-A01', kind: 'air', password: '123456' },
  DG0002: { stationId: 'DG-A02', kind: 'air', password: '654321' },
}

interface Harness {
  listener: Hj212Listener
  rejects: Hj212RejectInfo[]
  replaced: Hj212ReplacedInfo[]
}

interface Client {
  socket: Socket
  received: () => string
  /** True once the server closed (or reset) it. */
  isClosed: () => boolean
  closed: Promise<void>
}

const open: { listeners: Hj212Listener[]; clients: Socket[] } = { listeners: [], clients: [] }

afterEach(async () => {
  for (const s of open.clients.splice(0)) s.destroy()
  await Promise.all(open.listeners.splice(0).map((l) => l.close()))
  await vi.waitFor(() => expect(process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP'))).toEqual([]), { timeout: 10_000 })
})

async function start(overrides: Partial<Hj212ListenerOptions> = {}): Promise<Harness> {
  const h = { rejects: [], replaced: [] } as unknown as Harness
  h.listener = await startHj212Listener({
    port: 0,
    host: '127.0.0.1',
    now: () => T + 60_000,
    resolveStation: (mn) => STATIONS[mn],
    onReadings: () => {},
    onReject: (info) => h.rejects.push(info),
    onReplaced: (info) => h.replaced.push(info),
    ...overrides,
  })
  open.listeners.push(h.listener)
  return h
}

/** Connect from `from` (a loopback address); resolves on connect, even if the server then closes it. */
async function client(port: number, from = '127.0.0.1'): Promise<Client> {
  const socket = connect({ port, host: '127.0.0.1', localAddress: from })
  open.clients.push(socket)
  let data = ''
  let closed = false
  socket.setEncoding('utf8')
  socket.on('data', (d: string) => {
    data += d
  })
  socket.on('error', () => {})
  const done = new Promise<void>((resolve) =>
    socket.once('close', () => {
      closed = true
      resolve()
    }),
  )
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  return { socket, received: () => data, isClosed: () => closed, closed: done }
}

let qnSeq = 0
function upload(mn = 'DG0001'): { frame: string; ack: string } {
  const qn = `20261124080005${String(100 + (qnSeq++ % 900)).slice(-3)}`
  const pw = STATIONS[mn]?.password ?? '000000'
  const [frame] = buildDataUpload({
    cn: '2011',
    qn,
    st: '22',
    pw,
    mn,
    dataTime: T,
    ackRequired: true,
    factors: { a34004: { Rtd: 35, Flag: 'N' } },
  })
  return { frame: frame!, ack: buildDataAck({ qn, pw, mn }) }
}

/** Connect as a data logger of `mn`, send one frame and wait for its 9014. */
async function logger(port: number, mn = 'DG0001', from = '127.0.0.1'): Promise<Client> {
  const c = await client(port, from)
  const { frame, ack } = upload(mn)
  c.socket.write(frame)
  await vi.waitFor(() => expect(c.received()).toBe(ack))
  return c
}

/** Wait until the listener has handled `n` more new connections (accepted or refused). */
async function settled(h: Harness, n: number): Promise<void> {
  const s = h.listener.stats
  await vi.waitFor(() => expect(s.connections + s.refused['per-address'] + s.refused.full).toBe(n), { timeout: 10_000 })
}

const reasons = (h: Harness): string[] => h.rejects.map((r) => r.reason)

describe('HJ 212 listener: the issue 15 probe', () => {
  it('1100 idle connections from one address take 16 slots; a real logger still connects and gets its 9014', async () => {
    const h = await start()
    const idle: Client[] = []
    for (let i = 0; i < 1100; i += 100) idle.push(...(await Promise.all(Array.from({ length: 100 }, () => client(h.listener.port)))))
    await settled(h, 1100)
    expect(h.listener.stats).toMatchObject({
      connections: 16,
      refused: { 'per-address': 1084, full: 0 },
      byState: { unauthenticated: 16, authenticated: 0 },
    })
    await vi.waitFor(() => expect(idle.filter((c) => c.isClosed())).toHaveLength(1084))

    const real = await logger(h.listener.port, 'DG0001', '127.0.0.2')
    expect(real.isClosed()).toBe(false)
    expect(h.listener.stats).toMatchObject({ openConnections: 17, byState: { unauthenticated: 16, authenticated: 1 }, acksSent: 1 })
    // 20 refusals of that address reach the dead letter in a minute; the other 1064 are only counted.
    expect(reasons(h)).toEqual(Array<string>(20).fill('connection-refused'))
    expect(h.rejects[0]!.message).toBe('connection refused: 127.0.0.1 already has 16 connections that have not sent a valid frame yet')
    expect(h.listener.stats.unrecorded).toBe(1064)
  }, 30_000)

  it('1100 trickling connections from one address: the logger gets its 9014, and every trickler is closed at its deadline', async () => {
    const h = await start({ authTimeoutMs: 1000 })
    const flood: Client[] = []
    const trickle = setInterval(() => {
      for (const c of flood) if (!c.isClosed()) c.socket.write('#')
    }, 200)
    try {
      for (let i = 0; i < 1100; i += 100) flood.push(...(await Promise.all(Array.from({ length: 100 }, () => client(h.listener.port)))))
      await settled(h, 1100)
      const real = await logger(h.listener.port, 'DG0001', '127.0.0.2')
      // Still trickling, yet every flood connection the listener took is closed by its deadline.
      await vi.waitFor(() => expect(h.listener.stats.byState).toEqual({ unauthenticated: 0, authenticated: 1 }), { timeout: 10_000 })
      const s = h.listener.stats
      expect(s.closed['auth-timeout']).toBe(s.connections - 1)
      expect(s.refused['per-address'] + s.connections - 1).toBe(1100)
      expect(s.refused['per-address']).toBeGreaterThan(1000)
      expect(real.isClosed()).toBe(false)
    } finally {
      clearInterval(trickle)
    }
  }, 30_000)

  it('the same flood with the per-address cap off fills the listener, and the logger evicts the oldest idle connection', async () => {
    const h = await start({ maxPendingPerAddress: 0, maxConnections: 200 })
    const idle: Client[] = []
    for (let i = 0; i < 300; i += 100) idle.push(...(await Promise.all(Array.from({ length: 100 }, () => client(h.listener.port)))))
    await settled(h, 300)
    expect(h.listener.stats).toMatchObject({ connections: 300, openConnections: 200, closed: { evicted: 100 } })
    await logger(h.listener.port, 'DG0001', '127.0.0.2')
    expect(h.listener.stats).toMatchObject({
      openConnections: 200,
      byState: { unauthenticated: 199, authenticated: 1 },
      closed: { evicted: 101 },
    })
  }, 30_000)

  it('one byte a second does not keep a connection past the auth deadline', async () => {
    const h = await start({ authTimeoutMs: 400 })
    const c = await client(h.listener.port)
    const started = Date.now()
    const trickle = setInterval(() => c.socket.write('#'), 50)
    await c.closed
    clearInterval(trickle)
    expect(Date.now() - started).toBeLessThan(2000)
    await vi.waitFor(() => expect(h.listener.stats).toMatchObject({ openConnections: 0, closed: { 'auth-timeout': 1 } }))
    const dead = h.rejects.filter((r) => r.reason === 'auth-timeout')
    expect(dead).toHaveLength(1)
    expect(dead[0]!.message).toMatch(
      /^no frame of a registered station with the right PW within 0\.4 s of connecting \(\d+ bytes received\)$/,
    )
  })

  it.each([
    ['an unknown MN', () => upload('NOPE01').frame],
    ['a wrong PW', () => upload('DG0001').frame.replace('PW=123456', 'PW=000000')],
  ])('frames with %s do not authenticate a connection', async (_name, frame) => {
    const h = await start({ authTimeoutMs: 300 })
    const c = await client(h.listener.port)
    const sender = setInterval(() => c.socket.write(frame()), 50)
    await c.closed
    clearInterval(sender)
    expect(h.listener.stats.closed['auth-timeout']).toBe(1)
    expect(h.listener.stats.accepted).toBe(0)
  })

  it('after authenticating, only complete valid frames reset the idle timer', async () => {
    const h = await start({ idleTimeoutMs: 400 })
    const fed = await logger(h.listener.port, 'DG0001')
    const trickled = await logger(h.listener.port, 'DG0002', '127.0.0.2')
    const feeding = setInterval(() => fed.socket.write(upload('DG0001').frame), 100)
    const trickling = setInterval(() => trickled.socket.write('x'), 50)
    await trickled.closed
    await new Promise((r) => setTimeout(r, 500))
    clearInterval(feeding)
    clearInterval(trickling)
    expect(fed.isClosed()).toBe(false)
    expect(h.listener.stats).toMatchObject({
      idleTimeouts: 1,
      closed: { 'idle-timeout': 1, 'auth-timeout': 0 },
      byState: { authenticated: 1 },
    })
  })
})

describe('HJ 212 listener: one live connection per station', () => {
  it('a newer authenticated connection of the same MN replaces the older one', async () => {
    const h = await start()
    const old = await logger(h.listener.port, 'DG0001')
    const oldPort = old.socket.localPort
    const other = await logger(h.listener.port, 'DG0002')
    const newer = await client(h.listener.port, '127.0.0.3')
    // Connected but not yet authenticated: the old connection keeps the station.
    await new Promise((r) => setTimeout(r, 50))
    expect(old.isClosed()).toBe(false)
    const { frame, ack } = upload('DG0001')
    newer.socket.write(frame)
    await old.closed
    await vi.waitFor(() => expect(newer.received()).toBe(ack))
    expect(h.replaced).toEqual([{ stationId: 'DG-A01', remote: `127.0.0.3:${newer.socket.localPort}`, previous: `127.0.0.1:${oldPort}` }])
    expect(other.isClosed()).toBe(false)
    expect(h.listener.stats).toMatchObject({
      openConnections: 2,
      byState: { authenticated: 2, unauthenticated: 0 },
      closed: { replaced: 1 },
    })
    // The replaced connection is not a reject: nothing in the dead letter.
    expect(h.rejects).toEqual([])
  })

  it('the same connection sending more frames of its station stays the one', async () => {
    const h = await start()
    const c = await logger(h.listener.port, 'DG0001')
    const { frame, ack } = upload('DG0001')
    c.socket.write(frame)
    await vi.waitFor(() => expect(c.received().endsWith(ack)).toBe(true))
    expect(h.listener.stats.closed.replaced).toBe(0)
    expect(h.replaced).toEqual([])
  })
})

describe('HJ 212 listener: who makes room when it is full', () => {
  it('evicts the oldest unauthenticated connection, never an authenticated one', async () => {
    const h = await start({ maxConnections: 3, maxPendingPerAddress: 0 })
    const first = await client(h.listener.port, '127.0.0.11')
    await settled(h, 1)
    const station = await logger(h.listener.port, 'DG0001', '127.0.0.12')
    const third = await client(h.listener.port, '127.0.0.13')
    await settled(h, 3)
    const fourth = await client(h.listener.port, '127.0.0.14')
    await first.closed
    await settled(h, 4)
    expect([station, third, fourth].map((c) => c.isClosed())).toEqual([false, false, false])
    const fifth = await client(h.listener.port, '127.0.0.15')
    await third.closed
    await settled(h, 5)
    expect([station, fourth, fifth].map((c) => c.isClosed())).toEqual([false, false, false])
    expect(h.listener.stats).toMatchObject({
      openConnections: 3,
      byState: { authenticated: 1, unauthenticated: 2 },
      closed: { evicted: 2 },
      refused: { full: 0 },
    })
    expect(h.rejects.map((r) => [r.reason, r.remote.split(':')[0]])).toEqual([
      ['evicted', '127.0.0.11'],
      ['evicted', '127.0.0.13'],
    ])
    expect(h.rejects[0]!.message).toMatch(
      /^evicted after \d+ s without a valid frame: all 3 connections were taken and 127\.0\.0\.14:\d+ connected$/,
    )
  })

  it('refuses a new connection when every slot holds an authenticated logger', async () => {
    const h = await start({ maxConnections: 2 })
    const a = await logger(h.listener.port, 'DG0001')
    const b = await logger(h.listener.port, 'DG0002')
    const late = await client(h.listener.port, '127.0.0.9')
    await late.closed
    expect([a.isClosed(), b.isClosed()]).toEqual([false, false])
    expect(h.listener.stats).toMatchObject({ openConnections: 2, refused: { full: 1 }, closed: { evicted: 0 } })
    expect(h.rejects).toMatchObject([
      { reason: 'connection-refused', message: 'connection refused: all 2 connections are authenticated loggers' },
    ])
    expect(h.rejects[0]!.remote).toMatch(/^127\.0\.0\.9:\d+$/)
  })
})

describe('HJ 212 listener: the per-address cap', () => {
  it('caps unauthenticated connections per address, not authenticated ones nor other addresses', async () => {
    const h = await start({ maxPendingPerAddress: 2 })
    await client(h.listener.port)
    await client(h.listener.port)
    const third = await client(h.listener.port)
    await third.closed
    expect(h.listener.stats.refused['per-address']).toBe(1)
    // Another address has its own allowance.
    await client(h.listener.port, '127.0.0.2')
    // Loggers behind one NAT: authenticated connections free their address's pending slot.
    const nat = '127.0.0.5'
    await logger(h.listener.port, 'DG0001', nat)
    await logger(h.listener.port, 'DG0002', nat)
    await client(h.listener.port, nat)
    await client(h.listener.port, nat)
    await settled(h, 8)
    expect(h.listener.stats).toMatchObject({ refused: { 'per-address': 1 }, byState: { authenticated: 2, unauthenticated: 5 } })
  })

  it('a closed connection gives its slot back', async () => {
    const h = await start({ maxPendingPerAddress: 1 })
    const c = await client(h.listener.port)
    c.socket.destroy()
    await vi.waitFor(() => expect(h.listener.stats.openConnections).toBe(0))
    const again = await logger(h.listener.port, 'DG0001')
    expect(again.isClosed()).toBe(false)
    expect(h.listener.stats.refused['per-address']).toBe(0)
  })
})

describe('HJ 212 listener: rejects reach onReject rate-limited', () => {
  it('records at most rejectsPerAddressPerMinute per address and counts the rest; a new minute starts afresh', async () => {
    let now = T
    const h = await start({ now: () => now, maxConnections: 1, rejectsPerAddressPerMinute: 3 })
    await logger(h.listener.port, 'DG0001')
    for (let i = 0; i < 5; i++) await (await client(h.listener.port, '127.0.0.7')).closed
    for (let i = 0; i < 2; i++) await (await client(h.listener.port, '127.0.0.8')).closed
    expect(h.rejects.map((r) => r.remote.split(':')[0])).toEqual(['127.0.0.7', '127.0.0.7', '127.0.0.7', '127.0.0.8', '127.0.0.8'])
    expect(h.listener.stats).toMatchObject({ refused: { full: 7 }, unrecorded: 2 })
    now += 60_000
    await (
      await client(h.listener.port, '127.0.0.7')
    ).closed
    expect(h.rejects).toHaveLength(6)
  })

  it('records at most rejectsPerMinute from all addresses together', async () => {
    const h = await start({ maxConnections: 1, rejectsPerMinute: 4 })
    await logger(h.listener.port, 'DG0001')
    for (let i = 0; i < 6; i++) await (await client(h.listener.port, `127.0.1.${i + 1}`)).closed
    expect(h.rejects).toHaveLength(4)
    expect(h.listener.stats.unrecorded).toBe(2)
  })

  it('gives each reason its own allowance: stray bytes do not hide the auth timeout of the same address', async () => {
    const h = await start({ authTimeoutMs: 300, rejectsPerAddressPerMinute: 2 })
    const c = await client(h.listener.port)
    const junk = setInterval(() => c.socket.write('junk\r\n'), 20)
    await c.closed
    clearInterval(junk)
    expect(reasons(h)).toEqual(['hj212-format', 'hj212-format', 'auth-timeout'])
    expect(h.listener.stats.unrecorded).toBeGreaterThan(0)
  })

  it('does not limit the rejects of an authenticated logger (they belong to its station)', async () => {
    const h = await start({ rejectsPerAddressPerMinute: 1 })
    const c = await logger(h.listener.port, 'DG0001')
    c.socket.write('junk\r\n'.repeat(1) + upload('NOPE01').frame + upload('NOPE01').frame)
    await vi.waitFor(() => expect(h.rejects).toHaveLength(3))
    expect(h.listener.stats.unrecorded).toBe(0)
  })

  it('limits the frame rejects of a connection that has not authenticated', async () => {
    const h = await start({ rejectsPerAddressPerMinute: 2 })
    const c = await client(h.listener.port)
    c.socket.write(upload('NOPE01').frame + upload('NOPE01').frame + upload('NOPE01').frame)
    await vi.waitFor(() => expect(h.listener.stats.rejected['unknown-station']).toBe(3))
    expect(reasons(h)).toEqual(['unknown-station', 'unknown-station'])
    expect(h.listener.stats.unrecorded).toBe(1)
  })
})

describe('HJ 212 listener: limit options', () => {
  it.each([
    [{ maxPendingPerAddress: -1 }, 'invalid maxPendingPerAddress: -1'],
    [{ authTimeoutMs: -1 }, 'invalid authTimeoutMs: -1'],
    [{ maxConnections: 0 }, 'invalid maxConnections: 0'],
    [{ rejectsPerAddressPerMinute: 0 }, 'invalid rejectsPerAddressPerMinute: 0'],
    [{ rejectsPerMinute: 1.5 }, 'invalid rejectsPerMinute: 1.5'],
  ])('refuses to start with %j', async (opts, message) => {
    await expect(startHj212Listener({ port: 0, resolveStation: () => undefined, onReadings: () => {}, ...opts })).rejects.toThrow(message)
  })
})
