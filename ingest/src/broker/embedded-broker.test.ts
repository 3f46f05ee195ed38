/**
 * The embedded broker's accept hook (ingest in process): intercepted messages reach the hook before
 * the broker acknowledges them, wait while no hook is attached, and still reach other subscribers;
 * the system's own messages are published in process. A real aedes broker and real mqtt.js clients.
 */
import { afterEach, describe, expect, it } from 'vitest'
import mqtt, { type MqttClient } from 'mqtt'
import { makeTopics } from '../../../shared/src/protocol/topics'
import { startEmbeddedBroker, type EmbeddedBroker } from './embedded-broker'

const topics = makeTopics()
let broker: EmbeddedBroker
const clients: MqttClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) await c.endAsync(true)
  await broker?.close()
})

async function start(): Promise<EmbeddedBroker> {
  broker = await startEmbeddedBroker({ host: '127.0.0.1', port: 0, topics, intercept: (t) => topics.matchesStationFilter(t) })
  return broker
}

async function client(): Promise<MqttClient> {
  const c = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0, clientId: `t-${Math.random().toString(36).slice(2)}` })
  clients.push(c)
  return c
}

const READING = 'envmon/v1/air/A1/reading'
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('embedded broker accept hook', () => {
  it('acknowledges a QoS 1 message only after the hook is done with it', async () => {
    await start()
    const taken: { topic: string; payload: string; done: () => void }[] = []
    broker.accept((topic, payload, done) => taken.push({ topic, payload: payload.toString(), done }))
    const station = await client()
    let acked = false
    const pub = station.publishAsync(READING, '{"ts":1,"values":{"pm25":1}}', { qos: 1 }).then(() => (acked = true))
    await expect.poll(() => taken.length).toBe(1)
    expect(taken[0]).toMatchObject({ topic: READING, payload: '{"ts":1,"values":{"pm25":1}}' })
    await tick(100)
    expect(acked).toBe(false) // the hook holds it: no PUBACK yet
    taken[0]!.done()
    await pub
    expect(acked).toBe(true)
  })

  it('holds messages that arrive before a hook is attached, then hands them over in order', async () => {
    await start()
    const station = await client()
    const pubs = [1, 2, 3].map((i) => station.publishAsync(READING, String(i), { qos: 1 }))
    await expect.poll(() => broker.stats.held).toBe(3)
    const got: string[] = []
    broker.accept((_t, payload, done) => {
      got.push(payload.toString())
      done()
    })
    await Promise.all(pubs)
    expect(got).toEqual(['1', '2', '3'])
  })

  it('passes other topics by, and routes hooked messages to subscribers after the hook', async () => {
    await start()
    const hooked: string[] = []
    broker.accept((topic, _p, done) => {
      hooked.push(topic)
      done()
    })
    const watcher = await client()
    await watcher.subscribeAsync(['envmon/#'], { qos: 1 })
    const seen: string[] = []
    watcher.on('message', (t) => seen.push(t))
    const station = await client()
    await station.publishAsync(READING, 'x', { qos: 1 })
    await station.publishAsync('envmon/v1/air/A1/command', 'y', { qos: 1 })
    await station.publishAsync('envmon/v1/energy/E1/status', 'online', { qos: 0 })
    await expect.poll(() => seen.length).toBe(3)
    expect(hooked).toEqual([READING, 'envmon/v1/energy/E1/status'])
  })

  it("hands a station's will (offline status) to the hook when its connection drops", async () => {
    await start()
    const hooked: string[] = []
    broker.accept((topic, payload, done) => {
      hooked.push(`${topic} ${payload.toString()}`)
      done()
    })
    const station = await mqtt.connectAsync(broker.url, {
      reconnectPeriod: 0,
      will: { topic: 'envmon/v1/air/A1/status', payload: Buffer.from('offline'), qos: 1, retain: true },
    })
    station.stream.destroy() // not a clean DISCONNECT: the broker publishes the will
    await expect.poll(() => hooked).toEqual(['envmon/v1/air/A1/status offline'])
    await station.endAsync(true)
  })

  it('publishes the system’s own messages in process', async () => {
    await start()
    const watcher = await client()
    await watcher.subscribeAsync('envmon/v1/alerts/#', { qos: 1 })
    const got = new Promise<[string, string]>((r) => watcher.once('message', (t, p) => r([t, p.toString()])))
    broker.publish('envmon/v1/alerts/A1', '{"id":"x"}', 1)
    expect(await got).toEqual(['envmon/v1/alerts/A1', '{"id":"x"}'])
  })
})
