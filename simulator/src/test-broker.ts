/**
 * Test helpers for the integration tests: a real embedded aedes broker on port 0 and an mqtt.js
 * subscriber that collects messages. Always close both.
 */
import { once } from 'node:events'
import net, { type AddressInfo } from 'node:net'
import { Aedes } from 'aedes'
import mqtt, { type MqttClient } from 'mqtt'

/** A running broker. */
export interface TestBroker {
  url: string
  aedes: Aedes
  close(): Promise<void>
}

/** Start aedes on an ephemeral port. */
export async function startBroker(): Promise<TestBroker> {
  const aedes = await Aedes.createBroker()
  const server = net.createServer(aedes.handle)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `mqtt://127.0.0.1:${port}`,
    aedes,
    async close() {
      await new Promise<void>((resolve) => aedes.close(() => resolve()))
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** A received message. */
export interface Received {
  topic: string
  payload: Buffer
  retain: boolean
}

/** A subscriber collecting every message on `filters`. */
export interface Collector {
  messages: Received[]
  client: MqttClient
  close(): Promise<void>
}

/** Connect a subscriber and subscribe to `filters` (resolves once subscribed). */
export async function collect(url: string, filters: string[]): Promise<Collector> {
  const client = await mqtt.connectAsync(url, { reconnectPeriod: 0 })
  const messages: Received[] = []
  client.on('message', (topic, payload, packet) => messages.push({ topic, payload, retain: packet.retain }))
  await client.subscribeAsync(filters, { qos: 1 })
  return { messages, client, close: () => client.endAsync(true) }
}
