/**
 * A server node's view of the cluster state, on one MQTT connection with a clean session (every
 * server node receives everything; on each (re)connect the retained messages rebuild the view):
 *
 *   alert/+        retained snapshots → the alerts read model (RemoteAlerts)
 *   status/+       retained station status → the read model; the targets board recomputes
 *   live/+         retained newest values + AQI → the live cache and the AQI shown by the API
 *   stored         committed station-days → the targets board's cached days
 *   reply/<node>   answers to this node's actions
 *   <prefix>/v1/deadletter/+ (contract) → this node's dead-letter view (admin API)
 */
import type { AqiSummary } from '../../../shared/src/protocol/events'
import type { Topics } from '../../../shared/src/protocol/topics'
import type { LatestValue } from '../../../shared/src/ports/store'
import type { DeadLetter, DeadLetterLog } from '../../../ingest/src/decode/dead-letter'
import type { InternalTopics } from '../../../shared/src/protocol/cluster/internal-topics'
import {
  decodeActionReply,
  decodeAlertSnapshot,
  decodeLiveSnapshot,
  decodeStatusSnapshot,
  decodeStoredNotice,
} from '../../../shared/src/protocol/cluster/messages'
import { MqttLink } from '../../../ingest/src/cluster/bus-link'
import type { LatestCache } from '../live/latest-cache'
import type { TargetsService } from '../targets/targets-service'
import type { RemoteAlerts } from './remote-alerts'

/** Broker, the node's client id and the read models to feed. */
export interface StateFeedOptions {
  url: string
  username?: string
  password?: string
  clientId: string
  topics: Topics
  internal: InternalTopics
  remote: RemoteAlerts
  latest: LatestCache
  aqi: Map<string, AqiSummary>
  targets: TargetsService
  deadLetters: DeadLetterLog
  onFault: (msg: string) => void
}

/** The state connection and its counters. */
export interface StateFeed {
  link: MqttLink
  readonly stats: { malformed: number }
}

/** The state connection of a server node (start its link, then `sync()`). */
export function createStateFeed(o: StateFeedOptions): StateFeed {
  const i = o.internal
  const stats = { malformed: 0 }
  const bad = (what: string) => {
    stats.malformed++
    o.onFault(`state feed: malformed ${what} message`)
  }
  const deadLetterBase = o.topics.deadLetter('_').slice(0, -1)
  const link = new MqttLink({
    url: o.url,
    clientId: o.clientId,
    username: o.username,
    password: o.password,
    clean: true,
    subscriptions: [
      { filter: `${i.base}alert/+`, qos: 1 },
      { filter: `${i.base}status/+`, qos: 1 },
      { filter: `${i.base}live/+`, qos: 0 },
      { filter: i.stored, qos: 1 },
      { filter: `${i.base}reply/${o.clientId}`, qos: 1 },
      { filter: `${deadLetterBase}+`, qos: 0 },
    ],
    barrierTopic: i.barrier(o.clientId),
    onMessage: (topic, payload) => {
      if (topic.startsWith(`${i.base}alert/`)) {
        const s = decodeAlertSnapshot(payload)
        if (s) o.remote.applySnapshot(s)
        else if (payload.length > 0) bad('alert')
      } else if (topic.startsWith(`${i.base}live/`)) {
        const s = decodeLiveSnapshot(payload)
        if (!s) return payload.length > 0 ? bad('live') : undefined
        const values = new Map<string, LatestValue>()
        for (const [m, [value, ts, flag]] of Object.entries(s.latest)) values.set(m, { value, ts, flag })
        o.latest.warm(new Map([[s.stationId, values]]))
        if (s.aqi) o.aqi.set(s.stationId, s.aqi)
      } else if (topic.startsWith(`${i.base}status/`)) {
        const s = decodeStatusSnapshot(payload)
        if (!s) return payload.length > 0 ? bad('status') : undefined
        o.remote.applyStatus(s)
        o.targets.touch()
      } else if (topic === i.stored) {
        const n = decodeStoredNotice(payload)
        if (!n) return bad('stored')
        o.targets.stored(n.items.map(([stationId, kind, ts]) => ({ stationId, kind, ts })))
      } else if (topic.startsWith(`${i.base}reply/`)) {
        const r = decodeActionReply(payload)
        if (r) o.remote.applyReply(r)
        else bad('reply')
      } else if (topic.startsWith(deadLetterBase)) {
        try {
          const d = JSON.parse(payload.toString('utf8')) as DeadLetter
          if (typeof d.reason === 'string' && typeof d.topic === 'string') o.deadLetters.add(d)
        } catch {
          bad('dead letter')
        }
      }
    },
  })
  link.on('fault', (e) => o.onFault(`state feed: ${e.message}`))
  return { link, stats }
}
