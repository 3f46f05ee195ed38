/**
 * The mqtt.js transport on Debian's mosquitto acknowledges apart from mqtt.js's message loop
 * (issue 16): it receives the next messages while earlier ones wait for the spool, so one turn's
 * messages share one spool write; and the broker gets a message's PUBACK only when ingest calls its
 * `ack`, never before.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import mqtt from 'mqtt'
import { makeTopics } from '../shared/src/protocol/topics'
import { MqttTransport } from '../ingest/src/transport/mqtt-transport'
import { hasMosquitto, startMosquitto } from './helpers/mosquitto'

const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c()
})

const SERVICE = { username: 'envmon-service', password: 'service-pw' }

describe.skipIf(!hasMosquitto)('mqtt.js transport acknowledgements (mosquitto)', () => {
  it('receives further messages while earlier ones are unacknowledged; the broker redelivers exactly the unacknowledged', async () => {
    const mosq = await startMosquitto({ serviceUsername: SERVICE.username, users: { [SERVICE.username]: SERVICE.password } })
    cleanup.push(() => mosq.dispose())
    const topics = makeTopics('envmon')
    /** A transport on the same persistent session each time; it records each message's ts and ack. */
    const session = async () => {
      const transport = new MqttTransport({ brokerUrl: mosq.url, ...SERVICE, clientId: 'ingest-acks', topics })
      const got: { ts: number; ack: () => void }[] = []
      let probes = 0
      await transport.start(
        (_topic, payload, ack) => {
          const ts = (JSON.parse(payload.toString()) as { ts: number }).ts
          if (ts >= 0) return got.push({ ts, ack })
          probes++
          ack()
        },
        () => undefined,
      )
      return { transport, got, probes: () => probes }
    }
    const first = await session()
    const pub = await mqtt.connectAsync(mosq.url, { ...SERVICE, clientId: 'acks-publisher', reconnectPeriod: 0 })
    cleanup.push(() => pub.endAsync(true))
    const topic = topics.station('air', 'DG-A01', 'reading')
    // The first session subscribes after connecting: probe until its subscription is in place.
    await vi.waitFor(
      async () => {
        await pub.publishAsync(topic, JSON.stringify({ ts: -1 }), { qos: 1 })
        expect(first.probes()).toBeGreaterThan(0)
      },
      { timeout: 5000, interval: 100 },
    )
    const N = 20
    for (let i = 0; i < N; i++) await pub.publishAsync(topic, JSON.stringify({ ts: i }), { qos: 1 })

    // All arrive although none is acknowledged yet (a one-at-a-time loop would stop at the first).
    await vi.waitFor(() => expect(first.got.length).toBe(N), { timeout: 5000 })
    for (const m of first.got.slice(0, 5)) m.ack()
    await first.transport.stop()

    // The broker redelivers exactly the 15 that were never acknowledged.
    const second = await session()
    await vi.waitFor(() => expect(second.got.length).toBe(N - 5), { timeout: 5000 })
    await new Promise((r) => setTimeout(r, 300))
    expect(second.got.map((m) => m.ts)).toEqual(Array.from({ length: N - 5 }, (_, i) => i + 5))
    for (const m of second.got) m.ack()
    await second.transport.stop()

    const third = await session()
    cleanup.push(() => third.transport.stop())
    await new Promise((r) => setTimeout(r, 500))
    expect(third.got).toEqual([])
  })
})
