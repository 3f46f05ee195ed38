/**
 * The dead letter holds every refusal (issue 15): a station publishing under another station's
 * topic or to `alerts/…` (unauthorized), under the wrong kind (kind-mismatch) and an MQTT packet
 * over the broker's limit (too-large) reach it, from a real MQTT client against the embedded
 * broker, with the station, the topic and a sample of the payload. It survives a restart on the
 * same data directory, and a flood of one reason far beyond the old 500-letter ring keeps the other
 * reasons' samples, counts exactly, and stays within DEAD_LETTER_MAX_BYTES on disk.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MqttClient } from 'mqtt'
import type { DeadLetter, DeadLetterCounts } from '../ingest/src/decode/dead-letter'
import { startTestSystem, type TestSystem } from './helpers/start-system'

const MAX_PACKET = 64 * 1024
const MAX_DL_BYTES = 1024 * 1024
const ENV = { MQTT_MAX_PACKET_BYTES: String(MAX_PACKET), DEAD_LETTER_MAX_BYTES: String(MAX_DL_BYTES) }
const root = mkdtempSync(join(tmpdir(), 'envmon-dl-sys-'))
let sys: TestSystem
beforeAll(async () => {
  sys = await startTestSystem(ENV, {}, root)
})
afterAll(async () => {
  await sys?.stop()
  rmSync(root, { recursive: true, force: true })
})

type Body = DeadLetterCounts & { recent: DeadLetter[] }
const body = async (query = ''): Promise<Body> => {
  const res = await sys.api(`/api/deadletters?limit=500${query}`)
  expect(res.status).toBe(200)
  return (await res.json()) as Body
}

/** Publish as a station and wait until the broker closes its connection. */
async function refusedPublish(stationId: string, topic: string, payload: string | Buffer): Promise<void> {
  const c: MqttClient = await sys.connectStation(stationId)
  const closed = new Promise<void>((r) => c.once('close', () => r()))
  c.publish(topic, payload, { qos: 1 })
  await closed
}

const letterOf = (reason: string) => sys.ingest.deadLetters.recent(500, { reason })[0]

describe('refusals reach the dead letter', () => {
  it('a publish under another station’s topic: unauthorized, with the publishing station and the topic', async () => {
    await refusedPublish('DG-AIR-01', 'envmon/v1/air/DG-AIR-02/reading', '{"ts":1,"values":{"pm25":999}}')
    await expect
      .poll(() => letterOf('unauthorized'), { timeout: 10_000 })
      .toMatchObject({ stationId: 'DG-AIR-01', topic: 'envmon/v1/air/DG-AIR-02/reading', via: 'mqtt', warning: false })
    expect(Buffer.from(letterOf('unauthorized')!.payloadBase64, 'base64').toString()).toBe('{"ts":1,"values":{"pm25":999}}')
  })

  it('a publish to alerts/…: unauthorized', async () => {
    await refusedPublish('DG-AIR-03', 'envmon/v1/alerts/DG-AIR-03', '{"fake":"alert"}')
    await expect
      .poll(() => sys.ingest.deadLetters.recent(10, { reason: 'unauthorized', stationId: 'DG-AIR-03' })[0], { timeout: 10_000 })
      .toMatchObject({ topic: 'envmon/v1/alerts/DG-AIR-03' })
  })

  it('a connect with another station’s client id: unauthorized, with the station that tried it', async () => {
    await expect(sys.connectStation('DG-AIR-09', { clientId: 'DG-AIR-07', reconnectPeriod: 0 })).rejects.toBeTruthy()
    await expect
      .poll(() => sys.ingest.deadLetters.recent(10, { reason: 'unauthorized', stationId: 'DG-AIR-09' })[0], { timeout: 10_000 })
      .toMatchObject({ topic: '(connect)', message: expect.stringMatching(/client id DG-AIR-07/) })
  })

  it('a publish under the wrong kind: kind-mismatch', async () => {
    await refusedPublish('DG-AIR-04', 'envmon/v1/water/DG-AIR-04/reading', '{"ts":1,"values":{"ph":7}}')
    await expect
      .poll(() => letterOf('kind-mismatch'), { timeout: 10_000 })
      .toMatchObject({ stationId: 'DG-AIR-04', topic: 'envmon/v1/water/DG-AIR-04/reading' })
    expect(letterOf('kind-mismatch')!.message).toMatch(/is air/)
  })

  it('an MQTT packet over the broker’s limit: too-large, with the topic, its size and the payload’s start', async () => {
    const payload = Buffer.concat([Buffer.from('{"ts":1,"values":{"pm25":1},"pad":"'), Buffer.alloc(2 * MAX_PACKET, 0x78)])
    await refusedPublish('DG-AIR-05', 'envmon/v1/air/DG-AIR-05/reading', payload)
    await expect
      .poll(() => letterOf('too-large'), { timeout: 10_000 })
      .toMatchObject({ stationId: 'DG-AIR-05', topic: 'envmon/v1/air/DG-AIR-05/reading', truncated: true })
    const d = letterOf('too-large')!
    expect(d.size).toBeGreaterThan(2 * MAX_PACKET)
    const sample = Buffer.from(d.payloadBase64, 'base64')
    expect(sample.length).toBeGreaterThan(0)
    expect(sample.length).toBeLessThanOrEqual(4096)
    expect(payload.subarray(0, sample.length).equals(sample)).toBe(true)
  })

  it('the API answers the counts by reason and by station', async () => {
    const b = await body()
    expect(b.byReason).toMatchObject({ unauthorized: 3, 'kind-mismatch': 1, 'too-large': 1 })
    expect(b.byStation).toMatchObject({ 'DG-AIR-01': 1, 'DG-AIR-03': 1, 'DG-AIR-04': 1, 'DG-AIR-05': 1, 'DG-AIR-09': 1 })
    expect(b.byStationReason['DG-AIR-04']).toEqual({ 'kind-mismatch': 1 })
    expect((await body('&reason=kind-mismatch')).recent.map((d) => d.reason)).toEqual(['kind-mismatch'])
    expect((await body('&station=DG-AIR-01')).recent.map((d) => d.topic)).toEqual(['envmon/v1/air/DG-AIR-02/reading'])
  })
})

describe('a durable, bounded dead letter', () => {
  it('survives a restart on the same data directory', async () => {
    const before = await body()
    expect(before.total).toBeGreaterThanOrEqual(4)
    expect(before.recent.length).toBeGreaterThanOrEqual(4)
    await sys.stop()
    sys = await startTestSystem(ENV, {}, root)
    const after = await body()
    expect(after.total).toBe(before.total)
    expect(after.byReason).toEqual(before.byReason)
    expect(after.byStationReason).toEqual(before.byStationReason)
    expect(after.recent).toEqual(before.recent)
  })

  it('a flood of one reason far beyond the old ring keeps the others’ samples, counts exactly and stays bounded', async () => {
    const N = 5000
    const station = await sys.connectStation('DG-AIR-06')
    const before = sys.ingest.deadLetters.counts()
    const pad = 'y'.repeat(2000)
    for (let i = 0; i < N; i += 250) {
      await Promise.all(
        Array.from({ length: 250 }, (_, k) =>
          station.publishAsync('envmon/v1/air/DG-AIR-06/reading', `not json ${i + k} ${pad}`, { qos: 1 }),
        ),
      )
    }
    await expect
      .poll(() => sys.ingest.deadLetters.counts().byReason['not-json'] ?? 0, { timeout: 30_000 })
      .toBe((before.byReason['not-json'] ?? 0) + N)
    const c = sys.ingest.deadLetters.counts()
    expect(c.total).toBe(before.total + N)
    expect(c.byStation['DG-AIR-06']).toBe(N)
    for (const reason of ['unauthorized', 'kind-mismatch', 'too-large']) expect(letterOf(reason), reason).toBeDefined()
    // The newest 500 of the API are mostly flood, but every other reason is asked for by name.
    const b = await body('&reason=too-large')
    expect(b.recent[0]).toMatchObject({ stationId: 'DG-AIR-05' })
    expect(b.byReason['not-json']).toBe((before.byReason['not-json'] ?? 0) + N)
    sys.ingest.deadLetters.flush()
    expect(sys.ingest.deadLetters.diskBytes()).toBeLessThanOrEqual(MAX_DL_BYTES)

    // And after another restart: the exact counts and the other reasons' samples are still there.
    await sys.stop()
    sys = await startTestSystem(ENV, {}, root)
    const again = await body()
    expect(again.total).toBe(c.total)
    expect(again.byReason).toEqual(c.byReason)
    for (const reason of ['unauthorized', 'kind-mismatch', 'too-large']) expect(letterOf(reason), reason).toBeDefined()
  }, 90_000)
})
