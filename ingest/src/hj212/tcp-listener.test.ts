/**
 * The HJ 212 TCP listener against real sockets on 127.0.0.1, port 0. Every test tears down its
 * clients and the listener.
 */
import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Reading } from '../../../shared/src/domain/reading'
import { buildDataAck, buildDataUpload, parseFrame } from '../../../shared/src/protocol/hj212/index'
import { VENDOR_AIR } from '../../../shared/src/protocol/hj212/test-fixtures'
import {
  startHj212Listener,
  type Hj212Listener,
  type Hj212ListenerOptions,
  type Hj212ReadingsMeta,
  type Hj212RejectInfo,
  type Hj212WarningInfo,
} from './tcp-listener'

const T = Date.parse('2026-11-24T08:00:00+08:00')
const STATIONS: Record<string, { stationId: string; kind: 'air' | 'wastewater'; password?: string }> = {
  DG0001: { stationId: 'DG-A01', kind: 'air', password: '123456' },
  DG0002: { stationId: 'DG-A02', kind: 'air' },
  '120112TJTGGN13': { stationId: 'DG-A03', kind: 'air' },
}

interface Harness {
  listener: Hj212Listener
  readings: { readings: Reading[]; meta: Hj212ReadingsMeta }[]
  rejects: Hj212RejectInfo[]
  warnings: Hj212WarningInfo[]
}

interface Client {
  socket: Socket
  /** Everything received so far. */
  received: () => string
  closed: Promise<void>
}

const open: { listeners: Hj212Listener[]; clients: Socket[] } = { listeners: [], clients: [] }

afterEach(async () => {
  for (const s of open.clients.splice(0)) s.destroy()
  await Promise.all(open.listeners.splice(0).map((l) => l.close()))
  // No socket or server may outlive its test.
  await vi.waitFor(() => expect(process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP'))).toEqual([]))
})

async function start(overrides: Partial<Hj212ListenerOptions> = {}): Promise<Harness> {
  const h = { readings: [], rejects: [], warnings: [] } as unknown as Harness
  h.listener = await startHj212Listener({
    port: 0,
    host: '127.0.0.1',
    now: () => T + 60_000,
    resolveStation: (mn) => STATIONS[mn],
    onReadings: (readings, meta) => {
      h.readings.push({ readings, meta })
    },
    onReject: (info) => h.rejects.push(info),
    onWarning: (info) => h.warnings.push(info),
    ...overrides,
  })
  open.listeners.push(h.listener)
  return h
}

async function client(port: number): Promise<Client> {
  const socket = connect({ port, host: '127.0.0.1' })
  open.clients.push(socket)
  let data = ''
  socket.setEncoding('utf8')
  socket.on('data', (d: string) => {
    data += d
  })
  socket.on('error', () => {})
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  return { socket, received: () => data, closed }
}

let qnSeq = 0
function upload(opts: { mn?: string; pw?: string; ack?: boolean; pm25?: number } = {}): { frame: string; qn: string } {
  const qn = `20261124080005${String(100 + qnSeq++).slice(-3)}`
  const [frame] = buildDataUpload({
    cn: '2011',
    qn,
    st: '22',
    pw: opts.pw ?? '123456',
    mn: opts.mn ?? 'DG0001',
    dataTime: T,
    ackRequired: opts.ack ?? true,
    factors: { a34004: { Rtd: opts.pm25 ?? 35, Flag: 'N' } },
  })
  return { frame: frame!, qn }
}

const ackFor = (qn: string, mn = 'DG0001', pw = '123456'): string => buildDataAck({ qn, pw, mn })
const pm25s = (h: Harness): number[] => h.readings.flatMap((r) => r.readings.map((x) => x.values.pm25!))

describe('HJ 212 TCP listener: valid frames and the 9014 ack', () => {
  it('delivers the readings of a valid frame with the station and packet', async () => {
    const h = await start()
    const c = await client(h.listener.port)
    c.socket.write(upload().frame)
    await vi.waitFor(() => expect(h.readings).toHaveLength(1))
    expect(h.readings[0]!.readings).toEqual([{ stationId: 'DG-A01', kind: 'air', ts: T, values: { pm25: 35 }, flags: { pm25: 'N' } }])
    expect(h.readings[0]!.meta).toMatchObject({ stationId: 'DG-A01', packet: { mn: 'DG0001', cn: '2011' } })
  })

  it('replies 9014 with the same QN, PW and MN when Flag has bit 0 set', async () => {
    const h = await start()
    const c = await client(h.listener.port)
    const { frame, qn } = upload({ ack: true })
    c.socket.write(frame)
    await vi.waitFor(() => expect(c.received()).toBe(ackFor(qn)))
    const ack = parseFrame(c.received())
    expect(ack.ok && ack.value).toMatchObject({ qn, st: '91', cn: '9014', pw: '123456', mn: 'DG0001', flag: { raw: 4 }, cp: '' })
    expect(h.listener.stats.acksSent).toBe(1)
  })

  it('sends no ack when Flag has bit 0 clear', async () => {
    const h = await start()
    const c = await client(h.listener.port)
    const first = upload({ ack: false })
    const second = upload({ ack: true })
    c.socket.write(first.frame)
    c.socket.write(second.frame)
    await vi.waitFor(() => expect(h.readings).toHaveLength(2))
    await vi.waitFor(() => expect(c.received()).toBe(ackFor(second.qn)))
  })

  it('sends the ack only after onReadings resolves', async () => {
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const h = await start({ onReadings: () => gate })
    const c = await client(h.listener.port)
    const { frame, qn } = upload()
    c.socket.write(frame)
    await vi.waitFor(() => expect(h.listener.stats.accepted).toBe(1))
    await new Promise((r) => setTimeout(r, 100))
    expect(c.received()).toBe('')
    release()
    await vi.waitFor(() => expect(c.received()).toBe(ackFor(qn)))
  })

  it.each([
    ['rejects', () => Promise.reject(new Error('store down'))],
    [
      'throws',
      () => {
        throw new Error('bug')
      },
    ],
  ])('sends no ack when onReadings %s, and the connection keeps working', async (_name, onReadings) => {
    let calls = 0
    const h = await start({
      onReadings: () => {
        calls++
        return calls === 1 ? onReadings() : undefined
      },
    })
    const c = await client(h.listener.port)
    const first = upload()
    const second = upload()
    c.socket.write(first.frame)
    c.socket.write(second.frame)
    await vi.waitFor(() => expect(c.received()).toBe(ackFor(second.qn)))
    expect(h.listener.stats.handlerErrors).toBe(1)
  })

  it('gives up on an onReadings that never settles after handlerTimeoutMs (no ack)', async () => {
    const h = await start({ handlerTimeoutMs: 50, onReadings: () => new Promise<void>(() => {}) })
    const c = await client(h.listener.port)
    c.socket.write(upload().frame)
    await vi.waitFor(() => expect(h.listener.stats.handlerErrors).toBe(1))
    expect(c.received()).toBe('')
  })
})

describe('HJ 212 TCP listener: bad input on a connection that keeps working', () => {
  it.each([
    ['a bad CRC', (f: string) => `${f.slice(0, -6)}${f.slice(-6, -2) === '0000' ? '0001' : '0000'}\r\n`, 'hj212-crc'],
    ['a truncated frame', (f: string) => f.slice(0, 40), 'hj212-length'],
    ['garbage bytes', () => 'GET / HTTP/1.1\r\n\r\n', 'hj212-format'],
    ['a length that no deviation explains', (f: string) => `##0007${f.slice(6)}`, 'hj212-length'],
  ])('rejects %s and still delivers the next valid frame', async (_name, corrupt, reason) => {
    const h = await start()
    const c = await client(h.listener.port)
    const bad = upload({ pm25: 1 })
    const good = upload({ pm25: 2 })
    c.socket.write(corrupt(bad.frame))
    c.socket.write(good.frame)
    await vi.waitFor(() => expect(pm25s(h)).toEqual([2]))
    expect(h.rejects.map((r) => r.reason)).toEqual([reason])
    expect(h.rejects[0]!.remote).toMatch(/^127\.0\.0\.1:\d+$/)
    await vi.waitFor(() => expect(c.received()).toBe(ackFor(good.qn)))
  })

  it('hands the exact rejected bytes to onReject', async () => {
    const h = await start()
    const c = await client(h.listener.port)
    const bad = `${upload().frame.slice(0, -6)}0000\r\n`
    c.socket.write(bad)
    await vi.waitFor(() => expect(h.rejects).toHaveLength(1))
    expect(new TextDecoder().decode(h.rejects[0]!.raw)).toBe(bad)
  })

  it('rejects an unknown MN and sends no ack', async () => {
    const h = await start()
    const c = await client(h.listener.port)
    const stranger = upload({ mn: 'NOPE01' })
    const good = upload()
    c.socket.write(stranger.frame + good.frame)
    await vi.waitFor(() => expect(c.received()).toBe(ackFor(good.qn)))
    expect(h.rejects).toMatchObject([{ reason: 'unknown-station', message: 'MN NOPE01 is not a registered station' }])
    expect(h.rejects[0]).not.toHaveProperty('stationId')
  })

  it('rejects a wrong password and sends no ack', async () => {
    const h = await start()
    const c = await client(h.listener.port)
    const wrong = upload({ pw: '654321' })
    const good = upload()
    c.socket.write(wrong.frame + good.frame)
    await vi.waitFor(() => expect(c.received()).toBe(ackFor(good.qn)))
    expect(h.rejects).toMatchObject([{ stationId: 'DG-A01', reason: 'hj212-password' }])
    expect(h.rejects[0]!.message).not.toContain('123456')
    expect(pm25s(h)).toEqual([35])
  })

  it('accepts any password for a station registered without one', async () => {
    const h = await start()
    const c = await client(h.listener.port)
    c.socket.write(upload({ mn: 'DG0002', pw: 'any' }).frame)
    await vi.waitFor(() => expect(h.readings).toHaveLength(1))
    expect(h.rejects).toEqual([])
  })

  it('rejects a reading outside the time window, still acks the frame', async () => {
    const h = await start({ now: () => T + 500 * 24 * 3600_000 })
    const c = await client(h.listener.port)
    const { frame, qn } = upload()
    c.socket.write(frame)
    await vi.waitFor(() => expect(c.received()).toBe(ackFor(qn)))
    expect(h.rejects).toMatchObject([{ stationId: 'DG-A01', reason: 'ts-too-old' }])
    expect(h.readings).toEqual([])
  })

  it('warns about the deviations of a lenient vendor frame and delivers it', async () => {
    const h = await start({ now: () => Date.parse('2015-08-11T15:13:00+08:00') })
    const c = await client(h.listener.port)
    c.socket.write(VENDOR_AIR)
    await vi.waitFor(() => expect(h.readings).toHaveLength(1))
    expect(h.readings[0]!.readings[0]!.values).toEqual({ pm10: 89.59, TSP: 133.71 })
    expect(h.warnings.map((w) => [w.stationId, w.reason])).toEqual([
      ['DG-A03', 'hj212-deviation'],
      ['DG-A03', 'unknown-metric'],
    ])
  })

  it('survives callbacks that throw', async () => {
    const h = await start({
      resolveStation: (mn) => {
        if (mn === 'BOOM01') throw new Error('registry bug')
        return STATIONS[mn]
      },
      onReject: () => {
        throw new Error('dead letter bug')
      },
    })
    const c = await client(h.listener.port)
    const good = upload()
    c.socket.write(`junk${upload({ mn: 'BOOM01' }).frame}${good.frame}`)
    await vi.waitFor(() => expect(c.received()).toBe(ackFor(good.qn)))
    expect(h.listener.stats.handlerErrors).toBe(2)
  })
})

describe('HJ 212 TCP listener: stream framing', () => {
  it('reassembles a frame written a few bytes at a time', async () => {
    const h = await start()
    const c = await client(h.listener.port)
    const { frame, qn } = upload()
    for (let i = 0; i < frame.length; i += 7) {
      c.socket.write(frame.slice(i, i + 7))
      await new Promise((r) => setImmediate(r))
    }
    await vi.waitFor(() => expect(c.received()).toBe(ackFor(qn)))
    expect(pm25s(h)).toEqual([35])
  })

  it('handles several frames in one write, in order, with acks in order', async () => {
    const h = await start()
    const c = await client(h.listener.port)
    const frames = [1, 2, 3, 4, 5].map((pm25) => upload({ pm25 }))
    c.socket.write(frames.map((f) => f.frame).join(''))
    await vi.waitFor(() => expect(c.received()).toBe(frames.map((f) => ackFor(f.qn)).join('')))
    expect(pm25s(h)).toEqual([1, 2, 3, 4, 5])
  })

  it('drops an oversized frame and recovers on the next', async () => {
    const h = await start({ maxFrameBytes: 512 })
    const c = await client(h.listener.port)
    const good = upload()
    c.socket.write(`##0900${'x'.repeat(1000)}`)
    c.socket.write(good.frame)
    await vi.waitFor(() => expect(c.received()).toBe(ackFor(good.qn)))
    expect(new Set(h.rejects.map((r) => r.reason))).toEqual(new Set(['too-large']))
  })

  it('reports bytes left inside a frame when the logger disconnects', async () => {
    const h = await start()
    const c = await client(h.listener.port)
    c.socket.end(upload().frame.slice(0, 30))
    await vi.waitFor(() =>
      expect(h.rejects).toMatchObject([{ reason: 'hj212-length', message: 'connection closed inside a frame: 30 bytes dropped' }]),
    )
  })
})

describe('HJ 212 TCP listener: lifecycle and stats', () => {
  it('counts connections, frames, acks and rejects by reason', async () => {
    const h = await start()
    const c = await client(h.listener.port)
    const good = upload()
    c.socket.write(`${upload({ mn: 'NOPE01' }).frame}${good.frame}`)
    await vi.waitFor(() => expect(h.listener.stats.acksSent).toBe(1))
    expect(h.listener.stats).toMatchObject({
      connections: 1,
      openConnections: 1,
      frames: 2,
      accepted: 1,
      readings: 1,
      rejected: { 'unknown-station': 1 },
      acksSent: 1,
    })
  })

  it('closes an idle connection after idleTimeoutMs', async () => {
    const h = await start({ idleTimeoutMs: 100 })
    const c = await client(h.listener.port)
    await c.closed
    await vi.waitFor(() => expect(h.listener.stats).toMatchObject({ idleTimeouts: 1, openConnections: 0 }))
  })

  it('closes only the connection a peer reset and keeps listening', async () => {
    const h = await start()
    const c1 = await client(h.listener.port)
    c1.socket.write(upload().frame.slice(0, 20))
    await vi.waitFor(() => expect(h.listener.stats.openConnections).toBe(1))
    c1.socket.resetAndDestroy()
    await vi.waitFor(() => expect(h.listener.stats.openConnections).toBe(0))
    const c2 = await client(h.listener.port)
    const { frame, qn } = upload()
    c2.socket.write(frame)
    await vi.waitFor(() => expect(c2.received()).toBe(ackFor(qn)))
  })

  it('close() disconnects every logger and stops listening', async () => {
    const h = await start()
    const c = await client(h.listener.port)
    await vi.waitFor(() => expect(h.listener.stats.openConnections).toBe(1))
    await h.listener.close()
    await c.closed
    expect(h.listener.stats.openConnections).toBe(0)
    await expect(client(h.listener.port)).rejects.toThrow()
  })

  it.each([
    [{ port: -1 }, 'invalid port: -1'],
    [{ port: 70000 }, 'invalid port: 70000'],
    [{ port: 0, maxFrameBytes: 8 }, 'invalid maxFrameBytes: 8'],
    [{ port: 0, idleTimeoutMs: -5 }, 'invalid idleTimeoutMs: -5'],
  ])('refuses to start with %j', async (opts, message) => {
    await expect(startHj212Listener({ resolveStation: () => undefined, onReadings: () => {}, ...opts })).rejects.toThrow(message)
  })

  it('fails to start on a port already in use', async () => {
    const h = await start()
    await expect(
      startHj212Listener({ port: h.listener.port, host: '127.0.0.1', resolveStation: () => undefined, onReadings: () => {} }),
    ).rejects.toThrow(/EADDRINUSE/)
  })
})
