/**
 * Read the broker's retained alert snapshots (`alert/+`) once: what a rules owner restores at
 * start besides its own alert log, so partitions that moved to it (INGEST_COUNT changed, or a
 * node's data directory replaced) keep their open alerts, acknowledgements and suppressions.
 */
import type { Alert } from '../../../shared/src/domain/alert'
import type { InternalTopics } from '../../../shared/src/protocol/cluster/internal-topics'
import { decodeAlertSnapshot } from '../../../shared/src/protocol/cluster/messages'
import { MqttLink } from '../cluster/bus-link'

/** Broker, a throw-away client id and which alerts to keep. */
export interface RetainedAlertsOptions {
  url: string
  username?: string
  password?: string
  clientId: string
  internal: InternalTopics
  /** Keep only these (e.g. the stations this node owns). */
  keep: (a: Alert) => boolean
  timeoutMs?: number
}

/** Connect (clean session), take every retained snapshot up to a barrier, disconnect. */
export async function readRetainedAlerts(o: RetainedAlertsOptions): Promise<Alert[]> {
  const out = new Map<string, Alert>()
  const link = new MqttLink({
    url: o.url,
    clientId: o.clientId,
    username: o.username,
    password: o.password,
    clean: true,
    subscriptions: [{ filter: `${o.internal.base}alert/+`, qos: 1 }],
    barrierTopic: o.internal.barrier(o.clientId),
    onMessage: (_topic, payload) => {
      const s = decodeAlertSnapshot(payload)
      if (!s || !o.keep(s.alert)) return
      const prev = out.get(s.alert.id)
      if (!prev || s.alert.updatedAt >= prev.updatedAt) out.set(s.alert.id, s.alert)
    },
  })
  try {
    await link.start()
    await link.sync(o.timeoutMs ?? 30_000)
  } finally {
    await link.stop()
  }
  return [...out.values()]
}
