/**
 * Issue 15's HJ 212 probe through the whole system: 1100 plain TCP connects from one address,
 * sending nothing, no longer lock a real data logger out; what the listener refused or closed is in
 * /metrics and, rate-limited, in the dead letter; the HJ212_* settings reach the listener.
 */
import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../server/src/config'
import { buildDataUpload, formatQn } from '../shared/src/protocol/hj212/index'
import { stationPassword } from '../simulator/src/station-password'
import { TEST_STATION_SECRET, startTestSystem, type TestSystem } from './helpers/start-system'

interface Client {
  socket: Socket
  received: () => string
  isClosed: () => boolean
  closed: Promise<void>
}

function connectFrom(port: number, from: string): Promise<Client> {
  const socket = connect({ port, host: '127.0.0.1', localAddress: from })
  let data = ''
  let closed = false
  socket.on('data', (d) => (data += d.toString('latin1')))
  socket.on('error', () => {})
  const done = new Promise<void>((resolve) =>
    socket.once('close', () => {
      closed = true
      resolve()
    }),
  )
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve({ socket, received: () => data, isClosed: () => closed, closed: done }))
    socket.once('error', reject)
  })
}

function frameOf(sys: TestSystem, stationId: string, ts: number): { text: string; qn: string } {
  const s = sys.registry.get(stationId)!
  const qn = formatQn(ts)
  const [text] = buildDataUpload({
    qn,
    st: '22',
    cn: '2011',
    pw: stationPassword(TEST_STATION_SECRET, s.id),
    mn: s.mn!,
    dataTime: ts,
    ackRequired: true,
    factors: { a34004: { Rtd: 21.5, Flag: 'N' } },
  })
  return { text: text!, qn }
}

/** The samples of /metrics as `name{labels}` → value. */
async function metrics(sys: TestSystem): Promise<Map<string, number>> {
  const res = await fetch(`${sys.url}/metrics`)
  expect(res.status).toBe(200)
  const out = new Map<string, number>()
  for (const line of (await res.text()).split('\n')) {
    const m = /^(envmon_(?:hj212|deadletters)_[^ ]+) (\S+)$/.exec(line)
    if (m) out.set(m[1]!, Number(m[2]))
  }
  return out
}

const minute = () => Math.floor(Date.now() / 60_000) * 60_000 - 600_000

describe('1100 idle connections from one address (default limits)', () => {
  let sys: TestSystem
  const clients: Client[] = []
  beforeAll(async () => {
    sys = await startTestSystem({}, { hj212Ephemeral: true })
  })
  afterAll(async () => {
    for (const c of clients) c.socket.destroy()
    await sys?.stop()
  })

  it('refuses all but 16, a logger from another address gets its 9014 and its reading is stored', async () => {
    const port = sys.hj212Port!
    for (let i = 0; i < 1100; i += 100)
      clients.push(...(await Promise.all(Array.from({ length: 100 }, () => connectFrom(port, '127.0.0.1')))))
    await expect.poll(() => clients.filter((c) => c.isClosed()).length, { timeout: 15_000 }).toBe(1084)

    const logger = await connectFrom(port, '127.0.0.2')
    clients.push(logger)
    const ts = minute()
    const f = frameOf(sys, 'DG-AIR-05', ts)
    logger.socket.write(f.text)
    await expect.poll(() => logger.received().includes(`QN=${f.qn}`) && logger.received().includes('CN=9014')).toBe(true)
    await expect.poll(() => sys.store.count('DG-AIR-05', ts, ts + 1)).toBe(1)

    const m = await metrics(sys)
    expect(m.get('envmon_hj212_refused_total{reason="per-address"}')).toBe(1084)
    expect(m.get('envmon_hj212_refused_total{reason="full"}')).toBe(0)
    expect(m.get('envmon_hj212_connections{state="unauthenticated"}')).toBe(16)
    expect(m.get('envmon_hj212_connections{state="authenticated"}')).toBe(1)
    expect(m.get('envmon_hj212_connections_total')).toBe(17)
    expect(m.get('envmon_hj212_acks_total')).toBe(1)
    // The dead letter holds 20 refusals of that address a minute (40 if the flood straddled a
    // minute of the wall clock), not 1084; the rest are counted.
    const recorded = m.get('envmon_deadletters_total{reason="connection-refused"}')!
    expect([20, 40]).toContain(recorded)
    expect(recorded + m.get('envmon_hj212_rejects_unrecorded_total')!).toBe(1084)
    expect(sys.ingest.deadLetters.counts().byReason['connection-refused']).toBe(recorded)
    // The log keeps 20 samples of one (reason, station) pair, so a straddled flood's 40 letters
    // are all counted but only the newest 20 are kept as samples.
    const refused = sys.ingest.deadLetters.recent(500).filter((d) => d.reason === 'connection-refused')
    expect(refused).toHaveLength(20)
    expect(refused[0]).toMatchObject({
      via: 'tcp',
      message: 'connection refused: 127.0.0.1 already has 16 connections that have not sent a valid frame yet',
    })
    expect(refused[0]!.topic).toMatch(/^tcp:127\.0\.0\.1:\d+$/)
  }, 60_000)
})

describe('HJ212_* settings reach the listener', () => {
  let sys: TestSystem
  const clients: Client[] = []
  beforeAll(async () => {
    sys = await startTestSystem(
      { HJ212_AUTH_TIMEOUT: '1.5', HJ212_MAX_CONNECTIONS: '3', HJ212_MAX_PENDING_PER_ADDRESS: '2', HJ212_DEADLETTER_PER_ADDRESS: '5' },
      { hj212Ephemeral: true },
    )
  })
  afterAll(async () => {
    for (const c of clients) c.socket.destroy()
    await sys?.stop()
  })
  const open = async (from: string) => {
    const c = await connectFrom(sys.hj212Port!, from)
    clients.push(c)
    return c
  }

  it('closes a connection that trickles bytes and never authenticates, and says so in the dead letter and /metrics', async () => {
    const c = await open('127.0.0.1')
    const trickle = setInterval(() => c.socket.write('#'), 100)
    await c.closed
    clearInterval(trickle)
    await expect.poll(async () => (await metrics(sys)).get('envmon_hj212_closed_total{reason="auth-timeout"}')).toBe(1)
    expect(sys.ingest.deadLetters.recent(500).filter((d) => d.reason === 'auth-timeout')).toMatchObject([
      { via: 'tcp', message: expect.stringMatching(/^no frame of a registered station with the right PW within 1\.5 s/) },
    ])
  })

  it('caps pending connections per address, evicts the oldest pending one when full, and a station reconnecting replaces its old connection', async () => {
    const a1 = await open('127.0.0.1')
    await open('127.0.0.1')
    const a3 = await open('127.0.0.1')
    await a3.closed
    const first = await open('127.0.0.3')
    first.socket.write(frameOf(sys, 'DG-AIR-06', minute()).text)
    await expect.poll(() => first.received().includes('CN=9014')).toBe(true)
    // Full (3): the next one takes the place of the oldest pending connection.
    await open('127.0.0.4')
    await a1.closed
    const again = await open('127.0.0.5')
    again.socket.write(frameOf(sys, 'DG-AIR-06', minute() + 60_000).text)
    await first.closed
    const m = await metrics(sys)
    expect(m.get('envmon_hj212_refused_total{reason="per-address"}')).toBe(1)
    expect(m.get('envmon_hj212_closed_total{reason="evicted"}')).toBeGreaterThanOrEqual(1)
    expect(m.get('envmon_hj212_closed_total{reason="replaced"}')).toBe(1)
    expect(sys.ingest.deadLetters.recent(500).map((d) => d.reason)).toEqual(expect.arrayContaining(['connection-refused', 'evicted']))
  })

  it.each([
    ['HJ212_MAX_PENDING_PER_ADDRESS', '-1'],
    ['HJ212_AUTH_TIMEOUT', 'soon'],
    ['HJ212_MAX_CONNECTIONS', '0'],
    ['HJ212_IDLE_TIMEOUT', '-5'],
    ['HJ212_DEADLETTER_PER_ADDRESS', '0'],
  ])('refuses to start with %s=%s, naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^invalid configuration: ${name}=`))
  })
})
