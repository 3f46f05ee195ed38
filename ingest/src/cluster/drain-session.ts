/**
 * Retire a cluster session without losing what waits in it (scale-down, docs/deployment.md).
 *
 * mosquitto keeps giving an offline member of a shared subscription its round-robin share of the
 * messages (queued in its persistent session), so an ingest node that is gone for good leaves a
 * session that keeps collecting station messages. `drainSession` takes that session over (same
 * client id), unsubscribes it at once, republishes every queued station message to its original
 * topic (the remaining ingest nodes take it through the shared group; QoS 1, through a second
 * connection, and acknowledged only once the republish is: a crash mid-way loses nothing), and,
 * once nothing has arrived for `idleMs`, disconnects
 * with a session expiry of 0 so the broker deletes the session.
 *
 * A retired rules session (`envmon-rules-<i>`) holds partition messages whose rules have moved to
 * other nodes: they are dropped (counted), not republished, because the new owners may already have
 * some of them (a reading applied twice would count twice in a window). The readings themselves
 * are stored already.
 */
import mqtt, { type IPublishPacket } from 'mqtt'
import type { Topics } from '../../../shared/src/protocol/topics'
import type { InternalTopics } from '../../../shared/src/protocol/cluster/internal-topics'

/** The session to retire and how to reach the broker. */
export interface DrainOptions {
  url: string
  username?: string
  password?: string
  clientId: string
  topics: Topics
  internal: InternalTopics
  /** The ingest share group (default envmon-ingest). */
  shareGroup?: string
  partitions: number
  /** Quiet time after which the session is considered empty (default 3 s). */
  idleMs?: number
}

/** What the drain did with the queued messages. */
export interface DrainResult {
  republished: number
  dropped: number
}

/**
 * Take a retired node's session over, hand its queued station messages back to the ingest group, delete it.
 * @example
 * await drainSession({ url, username, password, clientId: 'envmon-ingest-2', topics, internal, partitions: 16 })
 */
export async function drainSession(o: DrainOptions): Promise<DrainResult> {
  const result: DrainResult = { republished: 0, dropped: 0 }
  const t = o.topics
  const share = `$share/${o.shareGroup ?? 'envmon-ingest'}/`
  const filters = [
    ...(['reading', 'hj212', 'status'] as const).map((c) => share + t.allStations(c)),
    ...[...Array(o.partitions).keys()].flatMap((p) => [o.internal.partition(p), o.internal.action(p)]),
  ]
  // Republish on a connection of its own: waiting for a PUBACK inside the session's message
  // handler would block the very stream that carries it.
  const pub = await mqtt.connectAsync(o.url, {
    clientId: `${o.clientId}-drain`,
    clean: true,
    protocolVersion: 5,
    username: o.username,
    password: o.password,
    reconnectPeriod: 0,
    connectTimeout: 10_000,
  })
  const client = mqtt.connect(o.url, {
    clientId: o.clientId,
    clean: false,
    protocolVersion: 5,
    username: o.username,
    password: o.password,
    reconnectPeriod: 0,
    connectTimeout: 10_000,
    properties: { sessionExpiryInterval: 0xffffffff },
  })
  let last = Date.now()
  client.handleMessage = (packet: IPublishPacket, done) => {
    last = Date.now()
    if (!t.parseStation(packet.topic)) {
      result.dropped++
      return done()
    }
    pub.publish(packet.topic, packet.payload as Buffer, { qos: 1 }, (err) => {
      if (!err) result.republished++
      done(err ?? undefined)
    })
  }
  try {
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve())
      client.once('error', reject)
    })
    client.on('error', () => undefined)
    await client.unsubscribeAsync(filters)
    const idle = o.idleMs ?? 3000
    while (Date.now() - last < idle) await new Promise((r) => setTimeout(r, Math.min(250, idle)))
    await new Promise<void>((r) => client.end(false, { properties: { sessionExpiryInterval: 0 } }, () => r()))
  } finally {
    client.end(true)
    await pub.endAsync()
  }
  return result
}
