/**
 * Who may publish and subscribe where on the broker (pure). The same policy is expressed for
 * mosquitto as a password file + ACL in docs/deployment.md (and tested against Debian's mosquitto).
 *
 * - A station (username = its id) may publish only `<prefix>/v1/<its kind>/<its id>/(reading|hj212|status)`
 *   and may subscribe to exactly one filter: its own HJ 212 command topic
 *   `<prefix>/v1/<its kind>/<its id>/hj212/cmd` (issue 12, envmon as upper computer).
 * - A service principal (ingest, server) may publish alerts and dead letters and subscribe to anything.
 * - Nobody publishes to `$SYS/`.
 * - A station connects only with its own client id (`mayConnect`), so it cannot take over, and
 *   thereby disconnect, another station's session (issue 15).
 */
import type { Station } from '../../../shared/src/domain/station'
import type { Topics } from '../../../shared/src/protocol/topics'

export type Principal = { type: 'station'; station: Station } | { type: 'service'; name: string }

/**
 * A refusal's dead-letter reason: `kind-mismatch` when a station publishes under its own id but
 * another kind, `unauthorized` otherwise.
 */
export type AclRefusal = 'unauthorized' | 'kind-mismatch'

export type AclDecision = { ok: true } | { ok: false; why: string; reason?: AclRefusal }

/**
 * The one character allowed between a station id and a client id suffix. Station ids are
 * `[A-Za-z0-9_-]` (STATION_ID_PATTERN), so `:` can never be part of one: `DG-AIR-03:logger` belongs
 * to DG-AIR-03 and to no other station, whereas with `-` it could be station `DG-AIR-03-logger`'s
 * own id (and `DG-AIR-0` + `3` has no separator at all).
 */
export const CLIENT_ID_SEPARATOR = ':'

/**
 * Whether a principal may connect with this MQTT client id. A station's client id must be its
 * station id, or its station id + `:` + anything; a service principal may use any (ingest's
 * persistent session and the cluster's feeds have fixed ids of their own).
 * @example
 * mayConnect(station('DG-AIR-03'), 'DG-AIR-03:logger') // { ok: true }
 * mayConnect(station('DG-AIR-03'), 'DG-AIR-04')        // { ok: false, why: ... }
 */
export function mayConnect(p: Principal, clientId: string): AclDecision {
  if (p.type === 'service') return { ok: true }
  const id = p.station.id
  if (clientId === id || clientId.startsWith(id + CLIENT_ID_SEPARATOR)) return { ok: true }
  return {
    ok: false,
    why: `station ${id} may connect only with client id ${id} or ${id}${CLIENT_ID_SEPARATOR}<suffix>, not ${clientId.slice(0, 128)}`,
  }
}

export function mayPublish(p: Principal, topic: string, topics: Topics): AclDecision {
  if (topic.startsWith('$SYS')) return { ok: false, why: '$SYS is reserved', reason: 'unauthorized' }
  if (p.type === 'service') return { ok: true }
  const t = topics.parseStation(topic)
  if (!t)
    return {
      ok: false,
      why: `station ${p.station.id} may publish only under its own topics, not ${topic.slice(0, 120)}`,
      reason: 'unauthorized',
    }
  if (t.stationId !== p.station.id)
    return { ok: false, why: `station ${p.station.id} may not publish for ${t.kind}/${t.stationId}`, reason: 'unauthorized' }
  if (t.kind !== p.station.kind)
    return { ok: false, why: `station ${p.station.id} is ${p.station.kind}, may not publish as ${t.kind}`, reason: 'kind-mismatch' }
  return { ok: true }
}

export function maySubscribe(p: Principal, filter: string, topics?: Topics): AclDecision {
  if (p.type === 'service') return { ok: true }
  // No wildcards: the filter must be the station's own command topic, character for character.
  if (topics && filter === topics.command(p.station.kind, p.station.id)) return { ok: true }
  return { ok: false, why: `station ${p.station.id} may subscribe only to its HJ 212 command topic, not ${filter.slice(0, 120)}` }
}
