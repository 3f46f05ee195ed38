/**
 * The events a server node pushes to browsers, on a second MQTT connection with SHARED
 * subscriptions (`$share/<group>/...`, MQTT 5): the broker hands each alert transition, status
 * change and live reading to exactly one server node of the group, whose hub broadcasts it
 * through the socket.io Redis adapter to the browsers on every node. Retained messages are not
 * replayed on subscribe (retain handling 2): only what happens from now on is pushed.
 */
import type { InternalTopics } from '../../../shared/src/protocol/cluster/internal-topics'
import { decodeAlertSnapshot, decodeLiveSnapshot, decodeStatusSnapshot } from '../../../shared/src/protocol/cluster/messages'
import { MqttLink } from '../../../ingest/src/cluster/bus-link'
import type { LiveHub } from '../ws/hub'

/** Broker, a unique client id, the group and the hub to push through. */
export interface PushFeedOptions {
  url: string
  username?: string
  password?: string
  clientId: string
  /** The shared-subscription group of the server nodes. */
  group: string
  internal: InternalTopics
  hub: LiveHub
  onFault: (msg: string) => void
}

/** The push connection and its counters. */
export interface PushFeed {
  link: MqttLink
  readonly stats: { alerts: number; statuses: number; readings: number; malformed: number }
}

/** The shared-subscription push of a server node (start its link). */
export function createPushFeed(o: PushFeedOptions): PushFeed {
  const i = o.internal
  const stats = { alerts: 0, statuses: 0, readings: 0, malformed: 0 }
  const share = (f: string) => `$share/${o.group}/${f}`
  const link = new MqttLink({
    url: o.url,
    clientId: o.clientId,
    username: o.username,
    password: o.password,
    clean: true,
    subscriptions: [
      { filter: share(`${i.base}alert/+`), qos: 1, rh: 2 },
      { filter: share(`${i.base}status/+`), qos: 1, rh: 2 },
      { filter: share(`${i.base}live/+`), qos: 0, rh: 2 },
    ],
    onMessage: (topic, payload) => {
      if (payload.length === 0) return // a cleared retained message
      if (topic.startsWith(`${i.base}alert/`)) {
        const s = decodeAlertSnapshot(payload)
        if (!s) return void stats.malformed++
        stats.alerts++
        o.hub.alert(s.alert)
      } else if (topic.startsWith(`${i.base}status/`)) {
        const s = decodeStatusSnapshot(payload)
        if (!s) return void stats.malformed++
        stats.statuses++
        o.hub.status(s.stationId, s.kind, { stationId: s.stationId, status: s.status, since: new Date(s.since).toISOString() })
      } else if (topic.startsWith(`${i.base}live/`)) {
        const s = decodeLiveSnapshot(payload)
        if (!s) return void stats.malformed++
        stats.readings++
        const r = {
          stationId: s.stationId,
          kind: s.kind,
          ts: s.reading.ts,
          values: s.reading.values,
          ...(s.reading.flags ? { flags: s.reading.flags } : {}),
        }
        o.hub.reading(s.kind, [r], s.aqi)
      }
    },
  })
  link.on('fault', (e) => o.onFault(`push feed: ${e.message}`))
  return { link, stats }
}
