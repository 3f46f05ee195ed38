/**
 * The cluster's internal MQTT topics (issue 7, scale-out). They live under
 * `<prefix>/internal/v1/`, outside the contract's `<prefix>/v1/<kind>/<station>/...` grammar, so
 * no station ACL pattern (`<prefix>/v1/+/%u/...`) can ever match one and no ingest subscription
 * (`<prefix>/v1/+/+/reading`) ever receives one. Only the service principal may use them.
 *
 *   part/<p>            ingest → rules owner of partition p: accepted readings, status announcements (QoS 1)
 *   action/<p>          server → rules owner: acknowledge / resolve (QoS 1, expires)
 *   reply/<node>        rules owner → the server that asked (QoS 1)
 *   alert/<alertId>     rules owner → servers: alert snapshot (retained; the servers' read model)
 *   status/<stationId>  rules owner → servers: station status (retained)
 *   live/<stationId>    rules owner → servers: newest values + AQI, ≤ 1/s per station (retained)
 *   stored              ingest → servers: station-days committed to the store (targets invalidation)
 *   backlog             rules owner → the notify node: a station's backlog of late data ended (digest; QoS 1)
 *   config/registry     an admin's node → every node: the station registry (retained)
 *   config/rules        an admin's node → every node: the per-station rule overrides (retained)
 *   barrier/<clientId>  a client to itself: "every retained message before this one has arrived"
 */
import { STATION_ID_PATTERN } from '../../domain/station'

/** Builders (and a parser) of the internal topics of one prefix. */
export interface InternalTopics {
  base: string
  partition(p: number): string
  action(p: number): string
  reply(node: string): string
  alert(alertId: string): string
  status(stationId: string): string
  live(stationId: string): string
  stored: string
  backlog: string
  config(name: 'registry' | 'rules'): string
  barrier(clientId: string): string
  /** The last level of a topic under `base` + `kind/`, when it is a valid id. */
  idOf(topic: string, kind: 'alert' | 'status' | 'live' | 'part' | 'action' | 'reply'): string | undefined
}

/** Ids that can be a topic level: station ids, UUIDs, node ids. */
const LEVEL = /^[A-Za-z0-9_.:-]{1,128}$/

/**
 * @example
 * const t = internalTopics('envmon'); t.partition(3) // 'envmon/internal/v1/part/3'
 */
export function internalTopics(prefix: string): InternalTopics {
  const base = `${prefix}/internal/v1/`
  const level = (v: string, what: string) => {
    if (!LEVEL.test(v)) throw new Error(`invalid ${what}: ${v}`)
    return v
  }
  return {
    base,
    partition: (p) => `${base}part/${p}`,
    action: (p) => `${base}action/${p}`,
    reply: (node) => `${base}reply/${level(node, 'node id')}`,
    alert: (id) => `${base}alert/${level(id, 'alert id')}`,
    status: (id) => `${base}status/${level(id, 'station id')}`,
    live: (id) => `${base}live/${level(id, 'station id')}`,
    stored: `${base}stored`,
    backlog: `${base}backlog`,
    config: (name) => `${base}config/${name}`,
    barrier: (clientId) => `${base}barrier/${level(clientId, 'client id')}`,
    idOf(topic, kind) {
      const head = `${base}${kind}/`
      if (!topic.startsWith(head)) return undefined
      const id = topic.slice(head.length)
      if (kind === 'status' || kind === 'live') return STATION_ID_PATTERN.test(id) ? id : undefined
      return LEVEL.test(id) ? id : undefined
    },
  }
}
