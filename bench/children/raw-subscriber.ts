/**
 * The raw baseline: a bare mqtt.js subscriber that only counts messages, connected exactly as
 * ingest connects (persistent session, MQTT 3.1.1, QoS 1 subscription), in its own process.
 * Reports its count every `reportMs`.
 */
import mqtt from 'mqtt'
import { childConfig, exitWithParent, fatal, toParent } from '../lib/child'

export interface RawSubscriberConfig {
  url: string
  username?: string
  password?: string
  clientId: string
  filters: string[]
  qos: 0 | 1
  reportMs: number
}

const cfg = childConfig<RawSubscriberConfig>()

async function main(): Promise<void> {
  const client = await mqtt.connectAsync(cfg.url, {
    clientId: cfg.clientId,
    clean: false,
    protocolVersion: 4,
    username: cfg.username,
    password: cfg.password,
    reconnectPeriod: 0,
  })
  let n = 0
  client.on('message', () => {
    n++
  })
  await client.subscribeAsync(cfg.filters, { qos: cfg.qos })
  const timer = setInterval(() => toParent({ type: 'count', n, t: Date.now() }), cfg.reportMs)
  exitWithParent(async () => {
    clearInterval(timer)
    // Leave no persistent session behind on the broker.
    await client.unsubscribeAsync(cfg.filters).catch(() => undefined)
    await client.endAsync(true)
  })
  toParent({ type: 'ready' })
}

main().catch(fatal)
