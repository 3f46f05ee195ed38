/**
 * The bench publisher, in its own process so it never shares an event loop with the system under
 * test. One MQTT connection (the service principal, or any credentials given), through the minimal
 * raw-socket publisher of lib/mqtt-wire.ts so the publisher is never the bottleneck.
 *
 * - `burst`: publish a cached message set as fast as the broker takes it, but never more than
 *   `lead` messages ahead of what the consumer has reported (`progress` messages relayed by the
 *   orchestrator). That keeps the broker's backlog bounded, so the run measures the consumer's
 *   sustainable rate rather than how much a broker can queue. Topics may be re-prefixed (the raw
 *   baseline publishes the same bytes under a prefix ingest does not subscribe to).
 * - `rate`: generate readings on the fly at a fixed rate (e.g. 5 000/s background load, or every
 *   station once a second with real-time timestamps for the live map).
 */
import type { Protocol } from '../../simulator/src/output/encoders'
import { generateReadings } from '../../simulator/src/generate'
import { demoStations } from '../../simulator/src/select-stations'
import { childConfig, exitWithParent, fatal, toParent, type Msg } from '../lib/child'
import { loadOrGenerate, type MessageSetSpec } from '../lib/messages'
import { connectWire } from '../lib/mqtt-wire'

interface Common {
  url: string
  username?: string
  password?: string
  clientId: string
  qos: 0 | 1
}

export interface BurstConfig extends Common {
  mode: 'burst'
  cacheFile: string
  spec: MessageSetSpec
  /** Most messages published ahead of the consumer's reported progress. */
  lead: number
}

export interface RateConfig extends Common {
  mode: 'rate'
  stations: number
  seed: number
  /** Station ids left out (e.g. reserved for alert injection). */
  exclude?: string[]
  rate: number
  intervalSec: number
  startTs: number
  protocol: Protocol
}

export type PublisherConfig = BurstConfig | RateConfig

const cfg = childConfig<PublisherConfig>()

async function burst(c: BurstConfig): Promise<void> {
  const set = loadOrGenerate(c.cacheFile, c.spec)
  const payloads = set.payloads
  const wire = await connectWire(c.url, { clientId: c.clientId, username: c.username, password: c.password })
  exitWithParent(() => wire.end())
  toParent({ type: 'ready', count: set.topics.length, bytes: set.bytes })
  let consumed = 0
  let waiting: (() => void) | undefined
  process.on('message', (m: Msg) => {
    if (m?.type === 'progress') {
      consumed = m.consumed as number
      const w = waiting
      waiting = undefined
      w?.()
    } else if (m?.type === 'go') {
      void run(
        m.prefix as string | undefined,
        Math.min((m.count as number | undefined) ?? set.topics.length, set.topics.length),
        (m.maxMs as number | undefined) ?? Infinity,
      ).catch(fatal)
    }
  })
  /** Publish up to `n` messages, for at most `maxMs`. */
  async function run(prefix: string | undefined, n: number, maxMs: number): Promise<void> {
    consumed = 0
    const topics = set.topics.map((t) => Buffer.from(prefix ? prefix + t.slice(t.indexOf('/')) : t, 'utf8'))
    const t0 = Date.now()
    toParent({ type: 'started', t: t0 })
    let i = 0
    while (i < n && Date.now() - t0 < maxMs) {
      const limit = Math.min(n, consumed + c.lead)
      // Also keep QoS 1 packet ids unique: well under 65 535 unacknowledged.
      if (i >= limit || wire.inflight() > 30_000) {
        await new Promise<void>((r) => {
          waiting = r
          // Wake anyway now and then: the time budget may run out while the consumer is stalled.
          setTimeout(r, i < limit ? 1 : 50)
        })
        continue
      }
      const stop = Math.min(limit, i + 256)
      await wire.publishSlice(topics, payloads, i, stop, c.qos)
      i = stop
    }
    const tSent = Date.now()
    await wire.drained()
    toParent({ type: 'published', n: i, t0, tSent, tAcked: Date.now() })
  }
}

async function rate(c: RateConfig): Promise<void> {
  const exclude = new Set(c.exclude ?? [])
  const stations = demoStations(c.stations, c.seed).filter((s) => !exclude.has(s.id))
  const gen = generateReadings(stations, c.startTs, Number.MAX_SAFE_INTEGER, c.seed, { protocol: c.protocol, intervalSec: c.intervalSec })
  const wire = await connectWire(c.url, { clientId: c.clientId, username: c.username, password: c.password })
  /** The rate's timer, started at `go` (the exit handler is registered before it). */
  const rate: { timer?: NodeJS.Timeout } = {}
  let sent = 0
  exitWithParent(async () => {
    clearInterval(rate.timer)
    toParent({ type: 'rate-done', sent })
    await wire.end()
  })
  toParent({ type: 'ready', stations: stations.length })
  await new Promise<void>((resolve) =>
    process.on('message', (m: Msg) => {
      if (m?.type === 'go') resolve()
    }),
  )
  const t0 = performance.now()
  let lastReport = t0
  const topics: Buffer[] = []
  const payloads: Buffer[] = []
  rate.timer = setInterval(() => {
    const now = performance.now()
    const due = Math.floor(((now - t0) / 1000) * c.rate)
    topics.length = 0
    payloads.length = 0
    while (sent + topics.length < due) {
      const m = gen.next().value!
      topics.push(Buffer.from(m.topic, 'utf8'))
      payloads.push(m.payload)
    }
    if (topics.length) void wire.publishSlice(topics, payloads, 0, topics.length, c.qos)
    sent += topics.length
    if (now - lastReport >= 1000) {
      lastReport = now
      toParent({ type: 'tick', sent, t: Date.now() })
    }
  }, 10)
  toParent({ type: 'started', t: Date.now() })
}

;(cfg.mode === 'burst' ? burst(cfg) : rate(cfg)).catch(fatal)
