/**
 * Issue 12 over real sockets on 127.0.0.1, port 0: frames ended by LF only or by nothing (their
 * declared length and CRC check) are accepted and acknowledged, and the frame after them kept; a
 * frame whose PW and CP hold `##` survives arriving in two TCP segments; a swapped-MODBUS CRC is
 * accepted and recorded per frame (onPacket), a wrong CRC still refused. Every test tears down.
 */
import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Reading } from '../../../shared/src/domain/reading'
import { buildDataAck, formatCrc, hj212Crc, type Hj212Packet } from '../../../shared/src/protocol/hj212/index'
import { modbusCrc } from '../../../shared/src/protocol/hj212/crc'
import { startHj212Listener, type Hj212Listener, type Hj212RejectInfo, type Hj212WarningInfo } from './tcp-listener'

const T = Date.parse('2026-11-24T08:00:00+08:00')
const utf8 = new TextEncoder()

interface Harness {
  listener: Hj212Listener
  readings: Reading[]
  packets: { stationId: string; packet: Hj212Packet }[]
  rejects: Hj212RejectInfo[]
  warnings: Hj212WarningInfo[]
}

const open: { listeners: Hj212Listener[]; clients: Socket[] } = { listeners: [], clients: [] }

afterEach(async () => {
  for (const s of open.clients.splice(0)) s.destroy()
  await Promise.all(open.listeners.splice(0).map((l) => l.close()))
  await vi.waitFor(() => expect(process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP'))).toEqual([]))
})

async function start(): Promise<Harness> {
  const h: Harness = { readings: [], packets: [], rejects: [], warnings: [] } as unknown as Harness
  h.listener = await startHj212Listener({
    port: 0,
    host: '127.0.0.1',
    now: () => T + 60_000,
    resolveStation: (mn) => (mn === 'JLYP01_AIR01_0001' ? { stationId: 'DG-A09', kind: 'air', password: 'ab##cd' } : undefined),
    onReadings: (readings) => {
      h.readings.push(...readings)
    },
    onPacket: (stationId, packet) => h.packets.push({ stationId, packet }),
    onReject: (info) => h.rejects.push(info),
    onWarning: (info) => h.warnings.push(info),
  })
  open.listeners.push(h.listener)
  return h
}

async function client(port: number): Promise<{ socket: Socket; received: () => string }> {
  const socket = connect({ port, host: '127.0.0.1' })
  socket.setNoDelay(true)
  open.clients.push(socket)
  let data = ''
  socket.setEncoding('utf8')
  socket.on('data', (d: string) => {
    data += d
  })
  socket.on('error', () => {})
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  return { socket, received: () => data }
}

let seq = 100
/** A data upload of MN JLYP01_AIR01_0001 (PW `ab##cd`), its CRC of `crc` kind, ended by `lineEnd`. */
function frame(opts: { pm25: number; crc?: 'appendix-a' | 'modbus-swapped'; lineEnd?: string; note?: string }): {
  text: string
  qn: string
} {
  const qn = `20261124080005${seq++}`
  const data = `QN=${qn};ST=22;CN=2011;PW=ab##cd;MN=JLYP01_AIR01_0001;Flag=5;CP=&&DataTime=20261124080000;${opts.note ? `Note=${opts.note};` : ''}a34004-Rtd=${opts.pm25},a34004-Flag=N&&`
  const b = utf8.encode(data)
  const m = modbusCrc(b)
  const crc = opts.crc === 'modbus-swapped' ? ((m & 0xff) << 8) | (m >> 8) : hj212Crc(b)
  return { text: `##${String(b.length).padStart(4, '0')}${data}${formatCrc(crc)}${opts.lineEnd ?? '\r\n'}`, qn }
}

const ack = (qn: string) => buildDataAck({ qn, pw: 'ab##cd', mn: 'JLYP01_AIR01_0001' })
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('HJ 212 TCP listener: frames without CRLF (issue 12)', () => {
  it.each([
    ['LF only', '\n', 'lf-only'],
    ['no line end', '', 'no-line-end'],
  ])('accepts and acknowledges a frame ended by %s sent alone (its logger waits for the ack)', async (_name, lineEnd, deviation) => {
    const h = await start()
    const c = await client(h.listener.port)
    const f = frame({ pm25: 35, lineEnd })
    c.socket.write(f.text)
    await vi.waitFor(() => expect(c.received()).toBe(ack(f.qn)))
    expect(h.readings.map((r) => r.values.pm25)).toEqual([35])
    expect(h.packets[0]!.packet.deviations).toEqual([deviation])
    expect(h.rejects).toEqual([])
  })

  it.each([
    ['LF only', '\n'],
    ['no line end', ''],
  ])('keeps both a frame ended by %s and the frame right after it in the same segment', async (_name, lineEnd) => {
    const h = await start()
    const c = await client(h.listener.port)
    const first = frame({ pm25: 35, lineEnd })
    const second = frame({ pm25: 36 })
    c.socket.write(first.text + second.text)
    await vi.waitFor(() => expect(c.received()).toBe(ack(first.qn) + ack(second.qn)))
    expect(h.readings.map((r) => r.values.pm25)).toEqual([35, 36])
    expect(h.rejects).toEqual([])
  })

  it('takes a CRLF that arrives after the frame was taken as ended as its line end, not as garbage', async () => {
    const h = await start()
    const c = await client(h.listener.port)
    const f = frame({ pm25: 35, lineEnd: '' })
    c.socket.write(f.text)
    await vi.waitFor(() => expect(c.received()).toBe(ack(f.qn)))
    c.socket.write('\r\n')
    const next = frame({ pm25: 37 })
    c.socket.write(next.text)
    await vi.waitFor(() => expect(h.readings.map((r) => r.values.pm25)).toEqual([35, 37]))
    expect(h.rejects).toEqual([])
  })
})

describe('HJ 212 TCP listener: ## inside PW and CP (issue 12, found by the fuzz helper)', () => {
  it.each([60, 120, 160])('accepts a frame whose PW and CP hold ## when it arrives in two segments cut at %i', async (at) => {
    const h = await start()
    const c = await client(h.listener.port)
    const f = frame({ pm25: 41, note: 'x##0012y' })
    expect(f.text.indexOf('##', 2)).toBeLessThan(at)
    c.socket.write(f.text.slice(0, at))
    await pause(50)
    c.socket.write(f.text.slice(at))
    await vi.waitFor(() => expect(c.received()).toBe(ack(f.qn)))
    expect(h.readings.map((r) => r.values.pm25)).toEqual([41])
    expect(h.rejects).toEqual([])
  })
})

describe('HJ 212 TCP listener: CRC variants (issue 12)', () => {
  it('accepts a swapped-MODBUS CRC, records it per frame and warns', async () => {
    const h = await start()
    const c = await client(h.listener.port)
    const f = frame({ pm25: 35, crc: 'modbus-swapped' })
    c.socket.write(f.text)
    await vi.waitFor(() => expect(c.received()).toBe(ack(f.qn)))
    expect(h.packets.map((p) => [p.stationId, p.packet.deviations])).toEqual([['DG-A09', ['crc-modbus-swapped']]])
    expect(h.warnings.map((w) => w.reason)).toEqual(['hj212-deviation'])
  })

  it('refuses a CRC no variant matches, sends no ack, and keeps the next frame', async () => {
    const h = await start()
    const c = await client(h.listener.port)
    const good = frame({ pm25: 36 })
    const bad = frame({ pm25: 35 }).text.replace('a34004-Rtd=35', 'a34004-Rtd=53')
    c.socket.write(bad + good.text)
    await vi.waitFor(() => expect(c.received()).toBe(ack(good.qn)))
    expect(h.rejects.map((r) => r.reason)).toEqual(['hj212-crc'])
    expect(h.readings.map((r) => r.values.pm25)).toEqual([36])
  })
})
