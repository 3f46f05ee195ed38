/**
 * Bad input gets a clear reason in the dead letter and loses nothing else: after each malformed
 * message the next valid reading from the same station still flows to the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MqttClient } from 'mqtt'
import type { DeadLetter } from '../ingest/src/decode/dead-letter'
import { startTestSystem, type TestSystem } from './helpers/start-system'

let sys: TestSystem
let station: MqttClient
let svc: MqttClient
const dead: DeadLetter[] = []

beforeAll(async () => {
  sys = await startTestSystem()
  svc = await sys.connectService()
  svc.on('message', (topic, payload) => {
    if (topic.startsWith('envmon/v1/deadletter/')) dead.push(JSON.parse(payload.toString()) as DeadLetter)
  })
  await svc.subscribeAsync('envmon/v1/deadletter/#', { qos: 0 })
  station = await sys.connectStation('DG-WAT-01')
})
afterAll(async () => {
  await sys?.stop()
})

const TOPIC = 'envmon/v1/water/DG-WAT-01/reading'
let seq = 0
/** Publish a valid reading with a unique timestamp and wait until it is stored. */
async function validFlows(): Promise<void> {
  const ts = Date.now() - 60_000 - seq++ * 1000
  station.publish(TOPIC, JSON.stringify({ ts, values: { ph: 7.2, do: 6.5 } }), { qos: 1 })
  await expect.poll(() => sys.store.count('DG-WAT-01', ts, ts + 1), { timeout: 10_000 }).toBe(2)
}

describe('malformed payloads', () => {
  it.each(
    [
      ['not JSON', 'ph=7.2', 'not-json'],
      ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'invalid-utf8'],
      ['a value of the wrong type', JSON.stringify({ ts: Date.now(), values: { ph: '7.2' } }), 'schema'],
      ['a missing timestamp', JSON.stringify({ values: { ph: 7 } }), 'schema'],
      ['a timestamp without offset', JSON.stringify({ ts: '2026-11-24T08:00:00', values: { ph: 7 } }), 'bad-timestamp'],
      ['a timestamp an hour in the future', JSON.stringify({ ts: Date.now() + 3_600_000, values: { ph: 7 } }), 'ts-future'],
      [
        'a timestamp past the last Date (was an internal error)',
        JSON.stringify({ ts: 8_640_000_000_000_001, values: { ph: 7 } }),
        'bad-timestamp',
      ],
      ['a huge number that parses to Infinity', `{"ts":${Date.now()},"values":{"ph":1e400}}`, 'non-finite'],
      ['NaN', `{"ts":${Date.now()},"values":{"ph":NaN}}`, 'not-json'],
      ['deep nesting', '['.repeat(20_000) + ']'.repeat(20_000), 'schema'],
      [
        'a valid reading with a deeply nested extra field',
        `{"ts":${Date.now()},"values":{"ph":7},"meta":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`,
        'schema',
      ],
      ['an empty values object', JSON.stringify({ ts: Date.now(), values: {} }), 'schema'],
      ['an unknown data flag', JSON.stringify({ ts: Date.now(), values: { ph: 7 }, flags: { ph: 'X' } }), 'schema'],
    ].map(([name, payload, reason]) => ({ name, payload, reason })),
  )('$name goes to the dead letter ($reason) and the next reading still flows', async ({ payload, reason }) => {
    const before = dead.length
    station.publish(TOPIC, payload as string | Buffer, { qos: 1 })
    await expect.poll(() => dead.slice(before).find((d) => d.reason === reason), { timeout: 10_000 }).toBeTruthy()
    const d = dead.slice(before).find((x) => x.reason === reason)!
    expect(d).toMatchObject({ topic: TOPIC, stationId: 'DG-WAT-01', warning: false })
    expect(d.message.length).toBeGreaterThan(5)
    expect(Buffer.from(d.payloadBase64, 'base64').subarray(0, 16)).toEqual(Buffer.from(payload as string).subarray(0, 16))
    await validFlows()
  })

  it('an unknown station is dead-lettered with its id', async () => {
    const before = dead.length
    svc.publish('envmon/v1/air/NOT-REGISTERED/reading', JSON.stringify({ ts: Date.now(), values: { pm25: 10 } }), { qos: 1 })
    await expect
      .poll(() => dead.slice(before).find((d) => d.reason === 'unknown-station'), { timeout: 10_000 })
      .toMatchObject({ stationId: 'NOT-REGISTERED' })
    await validFlows()
  })

  it('a batch keeps its valid readings and dead-letters the bad element', async () => {
    const before = dead.length
    const t0 = Date.now() - 3_600_000
    station.publish(
      TOPIC,
      JSON.stringify([
        { ts: t0, values: { ph: 7 } },
        { ts: t0 + 1000, values: { ph: 'bad' } },
        { ts: t0 + 2000, values: { ph: 7.1 } },
      ]),
      { qos: 1 },
    )
    await expect.poll(() => sys.store.count('DG-WAT-01', t0, t0 + 3000), { timeout: 10_000 }).toBe(2)
    expect(dead.slice(before).some((d) => d.reason === 'schema' && d.message.includes('[1]'))).toBe(true)
  })

  it('an unknown metric is kept and flagged as a warning', async () => {
    const before = dead.length
    const ts = Date.now() - 7_200_000
    station.publish(TOPIC, JSON.stringify({ ts, values: { ph: 7, chlorophyll: 3.2 } }), { qos: 1 })
    await expect.poll(() => sys.store.count('DG-WAT-01', ts, ts + 1), { timeout: 10_000 }).toBe(2)
    expect(dead.slice(before).find((d) => d.reason === 'unknown-metric')).toMatchObject({ warning: true })
  })

  it('the same reading delivered twice is stored once', async () => {
    const ts = Date.now() - 5_000_000
    const msg = JSON.stringify({ ts, values: { ph: 7.3, do: 7 } })
    station.publish(TOPIC, msg, { qos: 1 })
    station.publish(TOPIC, msg, { qos: 1 })
    await validFlows()
    expect(await sys.store.count('DG-WAT-01', ts, ts + 1)).toBe(2)
  })
})
