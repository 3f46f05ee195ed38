/**
 * HJ 212-2017 through the whole system: frames from a data logger over the raw TCP listener and
 * over MQTT are stored; the 9014 acknowledgement comes back after the readings are spooled; a bad
 * CRC, a truncated frame, garbage bytes, an unknown MN and a wrong PW go to the dead letter, and
 * the same connection keeps working.
 */
import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDataUpload, formatQn, parseFrame } from '../shared/src/protocol/hj212/index'
import { stationPassword } from '../simulator/src/station-password'
import { TEST_STATION_SECRET, startTestSystem, type TestSystem } from './helpers/start-system'

let sys: TestSystem
let sock: Socket
let received = ''
beforeAll(async () => {
  sys = await startTestSystem({}, { hj212Ephemeral: true })
  sock = connect({ port: sys.hj212Port!, host: '127.0.0.1' })
  sock.on('data', (d) => (received += d.toString('latin1')))
  await new Promise((r) => sock.once('connect', r))
})
afterAll(async () => {
  sock?.destroy()
  await sys?.stop()
})

let minute = 0
function frame(stationId: string, opts: { pw?: string; ack?: boolean; pm25?: number } = {}): { text: string; ts: number; qn: string } {
  const s = sys.registry.get(stationId)!
  const ts = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000 + minute++ * 60_000
  const qn = formatQn(ts)
  const [text] = buildDataUpload({
    qn,
    st: '22',
    cn: '2011',
    pw: opts.pw ?? stationPassword(TEST_STATION_SECRET, s.id),
    mn: s.mn!,
    dataTime: ts,
    ackRequired: opts.ack ?? true,
    factors: { a34004: { Rtd: opts.pm25 ?? 42.5, Flag: 'N' }, a34002: { Rtd: 80, Flag: 'N' } },
  })
  return { text: text!, ts, qn }
}

const stored = (id: string, ts: number) => sys.store.count(id, ts, ts + 1)
const deadCount = (reason: string) => sys.ingest.deadLetters.recent(500).filter((d) => d.reason === reason && d.via === 'tcp').length

describe('HJ 212 over TCP', () => {
  it('stores a real-time frame and acknowledges it with a 9014 carrying the same QN', async () => {
    const f = frame('DG-AIR-05')
    sock.write(f.text)
    await expect.poll(() => stored('DG-AIR-05', f.ts)).toBe(2)
    await expect.poll(() => received.includes('CN=9014')).toBe(true)
    const ack = received.split('\r\n').find((l) => l.includes(`QN=${f.qn}`))!
    expect(parseFrame(ack + '\r\n')).toMatchObject({ ok: true, value: { cn: '9014', qn: f.qn } })
    const series = (await (await sys.api(`/api/stations/DG-AIR-05/series?metric=pm25&from=${f.ts}&to=${f.ts + 1}&every=raw`)).json()) as {
      series: { v: number[] }[]
    }
    expect(series.series[0]!.v).toEqual([42.5])
  })

  it.each([
    ['a bad CRC', (t: string) => t.replace(/[0-9A-F]{4}\r\n$/, (c) => (c.startsWith('0') ? '1' : '0') + c.slice(1)), 'hj212-crc'],
    ['a wrong PW', (t: string) => t, 'hj212-password'],
    ['garbage bytes', () => 'GARBAGE\x00\x01\x02 not a frame\r\n', 'hj212-format'],
  ])('%s goes to the dead letter and the connection keeps working', async (name, mutate, reason) => {
    const before = deadCount(reason)
    const bad = name === 'a wrong PW' ? frame('DG-AIR-05', { pw: 'nope' }) : frame('DG-AIR-05')
    sock.write(mutate(bad.text))
    await expect.poll(() => deadCount(reason), { timeout: 10_000 }).toBeGreaterThan(before)
    expect(await stored('DG-AIR-05', bad.ts)).toBe(0)
    const good = frame('DG-AIR-05')
    sock.write(good.text)
    await expect.poll(() => stored('DG-AIR-05', good.ts)).toBe(2)
  })

  it('a truncated frame followed by a valid one loses only the truncated one', async () => {
    const cut = frame('DG-AIR-05')
    const good = frame('DG-AIR-05')
    sock.write(cut.text.slice(0, 40))
    sock.write(good.text)
    await expect.poll(() => stored('DG-AIR-05', good.ts)).toBe(2)
    expect(await stored('DG-AIR-05', cut.ts)).toBe(0)
  })

  it('frames split across writes and concatenated in one write all arrive', async () => {
    const a = frame('DG-AIR-06')
    const b = frame('DG-AIR-06')
    const c = frame('DG-AIR-06')
    const all = a.text + b.text + c.text
    for (let i = 0; i < all.length; i += 17) sock.write(all.slice(i, i + 17))
    for (const f of [a, b, c]) await expect.poll(() => stored('DG-AIR-06', f.ts)).toBe(2)
  })

  it('an unknown MN is dead-lettered', async () => {
    const before = deadCount('unknown-station')
    const [text] = buildDataUpload({
      qn: formatQn(Date.now()),
      st: '22',
      cn: '2011',
      pw: '123456',
      mn: 'UNKNOWNMN0001',
      dataTime: Date.now() - 60_000,
      factors: { a34004: { Rtd: 10 } },
    })
    sock.write(text!)
    await expect.poll(() => deadCount('unknown-station')).toBeGreaterThan(before)
  })
})

describe('HJ 212 over MQTT', () => {
  it('frames on the hj212 topic are stored', async () => {
    const station = await sys.connectStation('DG-AIR-07')
    const f1 = frame('DG-AIR-07', { ack: false })
    const f2 = frame('DG-AIR-07', { ack: false, pm25: 90 })
    station.publish('envmon/v1/air/DG-AIR-07/hj212', f1.text + f2.text, { qos: 1 })
    await expect.poll(() => stored('DG-AIR-07', f2.ts)).toBe(2)
    expect(await stored('DG-AIR-07', f1.ts)).toBe(2)
  })

  it('a bad frame on the hj212 topic is dead-lettered with its reason', async () => {
    const station = await sys.connectStation('DG-AIR-07')
    const before = sys.ingest.deadLetters.total
    station.publish('envmon/v1/air/DG-AIR-07/hj212', '##0010garbage\r\n', { qos: 1 })
    await expect.poll(() => sys.ingest.deadLetters.total).toBeGreaterThan(before)
    expect(sys.ingest.deadLetters.recent(1)[0]).toMatchObject({ stationId: 'DG-AIR-07', via: 'mqtt' })
  })
})
