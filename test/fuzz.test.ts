/**
 * Fuzz: a seeded corpus of malformed inputs over MQTT and the HJ 212 TCP listener. No crash, every
 * malformed message in the dead letter with a reason, and valid traffic sent in between keeps
 * flowing. Plus oversized payloads refused without buffering them.
 */
import { connect as tcpConnect } from 'node:net'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDataUpload, formatQn } from '../shared/src/protocol/hj212/index'
import { mulberry32 as prng } from '../shared/src/random/prng'
import { stationPassword } from '../simulator/src/station-password'
import { TEST_STATION_SECRET, startTestSystem, type TestSystem } from './helpers/start-system'

const MAX_PAYLOAD = 64 * 1024
let sys: TestSystem
beforeAll(async () => {
  sys = await startTestSystem(
    { MAX_PAYLOAD_BYTES: String(MAX_PAYLOAD), MQTT_MAX_PACKET_BYTES: String(256 * 1024) },
    { hj212Ephemeral: true },
  )
})
afterAll(async () => {
  await sys?.stop()
})

/** Each entry is rejected as one message, for one reason. */
function jsonCorpus(rand: () => number): { name: string; payload: Buffer }[] {
  const now = Date.now()
  const out: { name: string; payload: Buffer }[] = []
  const valid = JSON.stringify({ ts: now - 1000, values: { pm25: 12, pm10: 30 } })
  for (let i = 0; i < 60; i++)
    out.push({
      name: 'random bytes',
      payload: Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 300) }, () => Math.floor(rand() * 256))),
    })
  for (let i = 0; i < 40; i++)
    out.push({ name: 'truncated JSON', payload: Buffer.from(valid.slice(0, 1 + Math.floor(rand() * (valid.length - 2)))) })
  out.push({ name: 'oversized JSON', payload: Buffer.from(JSON.stringify({ ts: now, values: { pm25: 1 }, pad: 'x'.repeat(MAX_PAYLOAD) })) })
  for (const v of ['"12"', 'null', 'true', '[1]', '{}', '{"a":1}'])
    out.push({ name: 'wrong type', payload: Buffer.from(`{"ts":${now},"values":{"pm25":${v}}}`) })
  for (const v of ['NaN', 'Infinity', '-Infinity', '1e999', '-1e400'])
    out.push({ name: 'non-finite', payload: Buffer.from(`{"ts":${now},"values":{"pm25":${v}}}`) })
  for (const depth of [100, 5000, 50_000])
    out.push({
      name: 'deep nesting',
      payload: Buffer.from('{"ts":1,"values":'.repeat(Math.min(depth, 3000)) + '1' + '}'.repeat(Math.min(depth, 3000))),
    })
  out.push({ name: 'deep array nesting', payload: Buffer.from('['.repeat(60_000)) })
  for (const b of [[0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]]) {
    out.push({
      name: 'invalid UTF-8',
      payload: Buffer.concat([Buffer.from(`{"ts":${now},"values":{"pm25":1},"x":"`), Buffer.from(b), Buffer.from('"}')]),
    })
  }
  for (const ts of [
    '"2026-11-24 08:00:00"',
    '"not a date"',
    `${now + 3_600_000}`,
    '0',
    '-5',
    `"${new Date(now).toISOString().slice(0, 19)}"`,
  ])
    out.push({ name: 'bad timestamp', payload: Buffer.from(`{"ts":${ts},"values":{"pm25":1}}`) })
  out.push({ name: 'empty', payload: Buffer.alloc(0) })
  out.push({ name: 'empty batch', payload: Buffer.from('[]') })
  return out
}

describe('fuzz over MQTT', () => {
  it('every malformed message is dead-lettered with a reason; valid readings interleaved all arrive', async () => {
    const rand = prng(212)
    const corpus = jsonCorpus(rand)
    const station = await sys.connectStation('DG-AIR-08')
    const before = sys.ingest.deadLetters.total
    const rejectedBefore = sys.ingest.stats.rejected
    const T0 = Date.now() - 3_000_000
    let valid = 0
    for (const [i, c] of corpus.entries()) {
      station.publish('envmon/v1/air/DG-AIR-08/reading', c.payload, { qos: 1 })
      station.publish('envmon/v1/air/DG-AIR-08/reading', JSON.stringify({ ts: T0 + i * 1000, values: { pm25: i } }), { qos: 1 })
      valid++
    }
    await expect.poll(() => sys.store.count('DG-AIR-08', T0, T0 + corpus.length * 1000), { timeout: 20_000 }).toBe(valid)
    await expect.poll(() => sys.ingest.stats.rejected - rejectedBefore, { timeout: 10_000 }).toBe(corpus.length)
    const letters = sys.ingest.deadLetters.recent(500).slice(0, sys.ingest.deadLetters.total - before)
    expect(letters.every((d) => d.reason && d.message && d.stationId === 'DG-AIR-08')).toBe(true)
    const reasons = new Set(letters.map((d) => d.reason))
    for (const r of ['not-json', 'invalid-utf8', 'too-large', 'schema', 'non-finite', 'bad-timestamp', 'ts-future'])
      expect(reasons).toContain(r)
    expect((await sys.api('/api/health')).status).toBe(200)
  }, 60_000)

  it('an MQTT packet larger than the broker limit is refused before it is buffered', async () => {
    const before = sys.broker!.stats.oversized
    const sock = tcpConnect({ port: sys.broker!.port, host: '127.0.0.1' })
    await new Promise((r) => sock.once('connect', r))
    // PUBLISH (0x30) declaring 200 MB of remaining length; only a few bytes follow.
    sock.write(Buffer.from([0x30, 0x80, 0x80, 0x80, 0x64, 0x00, 0x01, 0x61]))
    await new Promise((r) => sock.once('close', r))
    expect(sys.broker!.stats.oversized).toBe(before + 1)
  })
})

describe('property fuzz over MQTT (fast-check)', () => {
  const T_NOW = Date.now()
  /** JSON readings right and wrong (extreme timestamps included), batches, deep nesting, any JSON, any bytes. */
  const payload = fc.oneof(
    fc
      .record(
        {
          ts: fc.oneof(fc.integer({ min: T_NOW - 86_400_000, max: T_NOW }), fc.maxSafeInteger(), fc.double(), fc.string({ maxLength: 30 })),
          values: fc.dictionary(fc.constantFrom('pm25', 'pm10', 'o3', 'x-y', ''), fc.oneof(fc.double(), fc.integer(), fc.constant(null))),
        },
        { requiredKeys: [] },
      )
      .map((o) => JSON.stringify(o)),
    fc
      .array(
        fc.record({
          ts: fc.oneof(fc.integer({ min: T_NOW - 86_400_000, max: T_NOW }), fc.maxSafeInteger()),
          values: fc.dictionary(fc.constantFrom('pm25', 'no2'), fc.integer()),
        }),
        { maxLength: 30 },
      )
      .map((a) => JSON.stringify(a)),
    fc.integer({ min: 0, max: 20_000 }).map((d) => `{"ts":${T_NOW},"values":{"pm25":1},"x":${'['.repeat(d)}${']'.repeat(d)}}`),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
  )

  it('each generated message is stored or dead-lettered with a reason; none is an internal error', async () => {
    const id = 'DG-AIR-07'
    expect(sys.registry.get(id)?.kind).toBe('air')
    const station = await sys.connectStation(id)
    const svc = await sys.connectService()
    const letters: { reason: string; message: string; stationId?: string }[] = []
    svc.on('message', (_t, p) => letters.push(JSON.parse(p.toString()) as (typeof letters)[number]))
    // All stations' and `_` (no station): an internal error is dead-lettered without a station id.
    await svc.subscribeAsync('envmon/v1/deadletter/#', { qos: 1 })
    const errorsBefore = sys.ingest.stats.listenerErrors
    let runs = 0
    await fc.assert(
      fc.asyncProperty(payload, async (p) => {
        runs++
        const { accepted, rejected } = sys.ingest.stats
        await station.publishAsync(`envmon/v1/air/${id}/reading`, p, { qos: 1 })
        // Every message ends accepted (spooled), rejected (dead-lettered), or both (a batch with bad elements).
        await expect
          .poll(() => sys.ingest.stats.accepted - accepted + (sys.ingest.stats.rejected - rejected), { timeout: 10_000, interval: 5 })
          .toBeGreaterThan(0)
      }),
      { numRuns: 80 },
    )
    expect(runs).toBe(80)
    expect(sys.ingest.stats.listenerErrors).toBe(errorsBefore)
    await expect.poll(() => letters.length, { timeout: 10_000 }).toBeGreaterThan(0)
    for (const d of letters) {
      expect(d.reason).not.toBe('internal')
      expect(d.message.length).toBeGreaterThan(0)
      expect(d.stationId).toBe(id)
    }
    expect((await sys.api('/api/health')).status).toBe(200)
  }, 60_000)
})

describe('fuzz over the HJ 212 TCP listener', () => {
  it('survives garbage, bad CRCs, bad lengths, split and concatenated frames; valid frames all stored', async () => {
    const rand = prng(7212)
    const s = sys.registry.get('DG-AIR-09')!
    const pw = stationPassword(TEST_STATION_SECRET, s.id)
    const T0 = Math.floor(Date.now() / 60_000) * 60_000 - 7_200_000
    const valid = (i: number) =>
      buildDataUpload({
        qn: formatQn(T0 + i * 60_000),
        st: '22',
        cn: '2011',
        pw,
        mn: s.mn!,
        dataTime: T0 + i * 60_000,
        factors: { a34004: { Rtd: i, Flag: 'N' } },
      })[0]!
    const bad: string[] = []
    for (let i = 0; i < 30; i++)
      bad.push(String.fromCharCode(...Array.from({ length: 1 + Math.floor(rand() * 200) }, () => Math.floor(rand() * 256))))
    for (let i = 0; i < 20; i++) {
      const f = valid(1000 + i)
      const pos = 6 + Math.floor(rand() * (f.length - 12))
      bad.push(f.slice(0, pos) + String.fromCharCode(f.charCodeAt(pos) ^ 0x01) + f.slice(pos + 1)) // one flipped bit: bad CRC or bad length
    }
    for (let i = 0; i < 10; i++) bad.push(valid(2000 + i).replace(/^##\d{4}/, `##${String(Math.floor(rand() * 9999)).padStart(4, '0')}`))
    const sock = tcpConnect({ port: sys.hj212Port!, host: '127.0.0.1' })
    await new Promise((r) => sock.once('connect', r))
    // Counted exactly (the kept samples are the last few of each reason and station, issue 15).
    const rejectedBefore = sys.ingest.deadLetters.total
    let stream = ''
    for (let i = 0; i < bad.length; i++) stream += bad[i] + valid(i)
    // Write in random chunk sizes: frames split across writes and several in one write.
    for (let i = 0; i < stream.length;) {
      const n = 1 + Math.floor(rand() * 400)
      sock.write(Buffer.from(stream.slice(i, i + n), 'latin1'))
      i += n
    }
    await expect
      .poll(() => sys.store.count('DG-AIR-09', T0 + (bad.length - 1) * 60_000, T0 + bad.length * 60_000), { timeout: 20_000 })
      .toBe(1)
    const storedCount = await sys.store.count('DG-AIR-09', T0, T0 + bad.length * 60_000)
    expect(storedCount).toBe(bad.length)
    const tcpLetters = sys.ingest.deadLetters.total - rejectedBefore
    expect(sys.ingest.deadLetters.recent(1)[0]).toMatchObject({ via: 'tcp' })
    expect(tcpLetters).toBeGreaterThanOrEqual(bad.length)
    sock.destroy()
  }, 60_000)
})
