/**
 * What `/metrics` reads from a process that runs ingest: the ingest service's counters, the dead
 * letter, the durable queue, the broker connection, HJ 212 and (with the embedded broker) its refusals.
 */
import type { EmbeddedBroker } from '../../../ingest/src/broker/embedded-broker'
import type { MetricsSources } from '../http/prometheus'
import type { IngestStack } from './ingest-stack'

/** The metrics sources of an ingest stack (and of the embedded broker, when this process runs it). */
export function metricsSources(ing: IngestStack, broker?: EmbeddedBroker): Omit<MetricsSources, 'clients' | 'openAlerts'> {
  const { ingest, queue } = ing
  return {
    ingest: () => ingest.stats,
    deadLetters: () => ingest.deadLetters.byReason,
    queue: () => queue.snapshot(),
    brokerConnected: () => ingest.state === 'connected',
    hj212: () => ing.hj?.stats,
    hj212Deviations: () => ing.hj212Profiles.totals,
    hj212Commands: () => ing.upper.session.stats,
    ...(broker
      ? {
          brokerRefusals: () => ({
            credentials: broker.stats.refusedConnects,
            'client-id': broker.stats.refusedClientIds,
            publish: broker.stats.refusedPublishes,
            subscribe: broker.stats.refusedSubscribes,
          }),
        }
      : {}),
  }
}
