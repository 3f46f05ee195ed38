/**
 * The rules side of an ingest node in a cluster: it owns the partitions p ≡ index (mod count) and
 * runs, for their stations only, the alert service (standards rules, alert lifecycle, liveness).
 *
 * In: `part/<p>` (readings and status announcements forwarded by every ingest node) and
 * `action/<p>` (operator actions from the server nodes), on a persistent session of its own
 * (client id `envmon-rules-<index>`), so messages for its partitions wait at the broker while it
 * is down. Each message is acknowledged after it has been applied (the alert log is written
 * synchronously before a transition is announced).
 *
 * Out: every transition on the contract's alerts topic and as a retained snapshot
 * (`alert/<id>`, the servers' read model); station status retained (`status/<id>`); the live
 * feed, retained and throttled (`live/<id>`); replies to actions (`reply/<node>`); the end of each
 * station's backlog of late data (`backlog`, for the notify node's digest).
 */
import { toAlertEvent } from '../../../shared/src/domain/alert'
import type { Reading } from '../../../shared/src/domain/reading'
import type { Station } from '../../../shared/src/domain/station'
import type { AqiSummary } from '../../../shared/src/protocol/events'
import type { Topics } from '../../../shared/src/protocol/topics'
import type { AlertTransition } from '../../../shared/src/rules/alert-book'
import type { BacklogSummary } from '../../../shared/src/rules/backlog'
import type { StatusChange } from '../../../shared/src/rules/liveness'
import type { AlertService } from './alert-service'
import type { InternalTopics } from '../../../shared/src/protocol/cluster/internal-topics'
import { LiveThrottle } from '../cluster/live-throttle'
import {
  decodeActionRequest,
  decodePartitionBatch,
  type ActionReply,
  type AlertSnapshot,
  type StatusSnapshot,
} from '../../../shared/src/protocol/cluster/messages'
import { MqttLink } from '../cluster/bus-link'
import { ownedPartitions, ownsStation, type Ownership } from '../../../shared/src/protocol/cluster/partition'

/** Broker, identity, ownership and the alert service it drives. */
export interface RulesOwnerOptions {
  url: string
  username?: string
  password?: string
  clientId: string
  topics: Topics
  internal: InternalTopics
  ownership: Ownership
  lookup: (stationId: string) => Station | undefined
  alerts: AlertService
  aqiFor: (stationId: string) => AqiSummary | undefined
  now: () => number
  /** Live feed throttle (default 1000 ms). */
  liveIntervalMs?: number
  onFault?: (msg: string) => void
}

/**
 * Runs the rules of the owned partitions and publishes their results.
 * @example
 * const owner = new RulesOwner({ url, clientId: 'envmon-rules-0', topics, internal, ownership, lookup, alerts, aqiFor, now })
 * await owner.start(registry.list())
 */
export class RulesOwner {
  readonly link: MqttLink
  readonly stats = {
    batches: 0,
    readings: 0,
    statuses: 0,
    foreign: 0,
    unknownStation: 0,
    malformed: 0,
    actions: 0,
    expiredActions: 0,
    published: 0,
    publishErrors: 0,
  }
  private readonly live: LiveThrottle
  private readonly offTransition: (t: AlertTransition) => void
  private readonly offStatus: (c: StatusChange) => void
  private readonly offBacklog: (b: BacklogSummary) => void

  constructor(private readonly o: RulesOwnerOptions) {
    const owned = new Set(ownedPartitions(o.ownership))
    const all = [...Array(o.ownership.partitions).keys()]
    this.link = new MqttLink({
      url: o.url,
      clientId: o.clientId,
      username: o.username,
      password: o.password,
      clean: false,
      subscriptions: [...owned].flatMap((p) => [
        { filter: o.internal.partition(p), qos: 1 as const },
        { filter: o.internal.action(p), qos: 1 as const },
      ]),
      // After a change of INGEST_COUNT the resumed session may still hold partitions now owned by another node.
      unsubscribe: all.filter((p) => !owned.has(p)).flatMap((p) => [o.internal.partition(p), o.internal.action(p)]),
      onMessage: (topic, payload) => this.handle(topic, payload),
    })
    this.link.on('fault', (e) => o.onFault?.(`rules owner: ${e.message}`))
    this.live = new LiveThrottle({
      intervalMs: o.liveIntervalMs,
      now: o.now,
      aqiFor: o.aqiFor,
      send: (s) => this.send(o.internal.live(s.stationId), JSON.stringify(s), true),
    })
    this.offTransition = (t) => this.onTransition(t)
    this.offStatus = (c) => this.onStatus(c)
    o.alerts.on('transition', this.offTransition)
    o.alerts.on('status', this.offStatus)
    this.offBacklog = (b) => this.send(o.internal.backlog, JSON.stringify(b), false)
    o.alerts.on('backlog', this.offBacklog)
  }

  /** Whether this node owns a station's rules. */
  owns(stationId: string): boolean {
    return ownsStation(this.o.ownership, stationId)
  }

  /** Connect, then publish the status of every owned station (retained) so servers start complete. */
  async start(stations: readonly Station[]): Promise<void> {
    await this.link.start()
    for (const s of stations) if (this.owns(s.id)) this.publishStatus(s.id)
  }

  /** Publish a snapshot again (e.g. a transition the broker may have missed before a crash). */
  republish(t: AlertTransition): void {
    this.send(this.o.internal.alert(t.alert.id), JSON.stringify({ type: t.type, alert: t.alert } satisfies AlertSnapshot), true)
  }

  async stop(): Promise<void> {
    this.o.alerts.off('transition', this.offTransition)
    this.o.alerts.off('status', this.offStatus)
    this.o.alerts.off('backlog', this.offBacklog)
    this.live.close()
    await this.link.stop()
  }

  private handle(topic: string, payload: Buffer): void {
    const part = this.o.internal.idOf(topic, 'part')
    if (part !== undefined) return this.onPartition(payload)
    if (this.o.internal.idOf(topic, 'action') !== undefined) return this.onAction(payload)
    this.stats.malformed++
  }

  private onPartition(payload: Buffer): void {
    const batch = decodePartitionBatch(payload)
    if (!batch) {
      this.stats.malformed++
      return
    }
    this.stats.batches++
    this.stats.malformed += batch.malformed
    for (const m of batch.entries) {
      if (!this.owns(m.stationId)) {
        // Left in a resumed session after a rebalance: the new owner has its own copy.
        this.stats.foreign++
        continue
      }
      const station = this.o.lookup(m.stationId)
      if (!station) {
        this.stats.unknownStation++
        continue
      }
      if (m.t === 'status') {
        this.stats.statuses++
        this.o.alerts.onAnnounced(station, m.status)
      } else {
        this.stats.readings += m.readings.length
        this.onReadings(station, m.readings)
      }
    }
  }

  private onReadings(station: Station, readings: Reading[]): void {
    this.o.alerts.onReadings(station, readings)
    this.live.update(station, readings)
  }

  private onAction(payload: Buffer): void {
    const a = decodeActionRequest(payload)
    if (!a) {
      this.stats.malformed++
      return
    }
    // The server has answered 504 by now: applying it late would surprise the operator.
    if (this.o.now() > a.expiresAt) {
      this.stats.expiredActions++
      return
    }
    this.stats.actions++
    const alert = this.o.alerts.get(a.alertId)
    let reply: ActionReply
    if (!alert || alert.stationId !== a.stationId || !this.owns(alert.stationId))
      reply = { id: a.id, ok: false, code: 'not-found', message: `no alert ${a.alertId}` }
    else
      reply = {
        id: a.id,
        ...(a.action === 'ack' ? this.o.alerts.acknowledge(a.alertId, a.by, a.note) : this.o.alerts.resolve(a.alertId, a.by, a.note)),
      }
    // The transition's snapshot was published first (synchronously, from the alert service's event), so the server sees it before the reply.
    this.send(a.replyTo, JSON.stringify(reply), false)
  }

  private onTransition(t: AlertTransition): void {
    this.send(this.o.topics.alert(t.alert.stationId), JSON.stringify({ ...toAlertEvent(t.alert), transition: t.type }), false)
    this.republish(t)
  }

  private onStatus(c: StatusChange): void {
    this.publishStatus(c.stationId)
  }

  private publishStatus(stationId: string): void {
    const station = this.o.lookup(stationId)
    const st = this.o.alerts.statusOf(stationId)
    if (!station || !st) return
    const snap: StatusSnapshot = { stationId, kind: station.kind, status: st.status, since: st.since }
    this.send(this.o.internal.status(stationId), JSON.stringify(snap), true)
  }

  private send(topic: string, payload: string, retain: boolean): void {
    this.link.publish(topic, payload, { qos: 1, retain }).then(
      () => this.stats.published++,
      (e: Error) => {
        this.stats.publishErrors++
        this.o.onFault?.(`rules owner: publish to ${topic} failed: ${e.message}`)
      },
    )
  }
}
