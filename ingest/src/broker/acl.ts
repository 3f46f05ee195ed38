/**
 * Who may publish and subscribe where on the broker (pure). The same policy is expressed for
 * mosquitto as a password file + ACL in docs/deployment.md (and tested against Debian's mosquitto).
 *
 * - A station (username = its id) may publish only `<prefix>/v1/<its kind>/<its id>/(reading|hj212|status)`
 *   and may not subscribe.
 * - A service principal (ingest, server) may publish alerts and dead letters and subscribe to anything.
 * - Nobody publishes to `$SYS/`.
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

export function mayPublish(p: Principal, topic: string, topics: Topics): AclDecision {
  if (topic.startsWith('$SYS')) return { ok: false, why: '$SYS is reserved', reason: 'unauthorized' }
  if (p.type === 'service') return { ok: true }
  const t = topics.parseStation(topic)
  if (!t) return { ok: false, why: `station ${p.station.id} may publish only under its own topics, not ${topic.slice(0, 120)}`, reason: 'unauthorized' }
  if (t.stationId !== p.station.id) return { ok: false, why: `station ${p.station.id} may not publish for ${t.kind}/${t.stationId}`, reason: 'unauthorized' }
  if (t.kind !== p.station.kind) return { ok: false, why: `station ${p.station.id} is ${p.station.kind}, may not publish as ${t.kind}`, reason: 'kind-mismatch' }
  return { ok: true }
}

export function maySubscribe(p: Principal, filter: string): AclDecision {
  if (p.type === 'service') return { ok: true }
  return { ok: false, why: `station ${p.station.id} may not subscribe (${filter.slice(0, 120)})` }
}
