/**
 * The feed of the one node that sends notifications (NOTIFY=1): every alert transition, on a
 * persistent session (client id `envmon-notify`), so transitions published while that node is down
 * wait at the broker and are notified when it returns. Retained snapshots are not replayed on
 * subscribe (retain handling 2): old alerts are not notified again. Redelivery is harmless: the
 * notifier's outbox keeps one notice per (alert, event, recipient, channel). The ends of stations'
 * backlogs of late data (`backlog`) come the same way, for the late-data digest.
 */
import type { AlertTransition } from '../../../shared/src/rules/alert-book'
import type { BacklogSummary } from '../../../shared/src/rules/backlog'
import type { InternalTopics } from '../../../shared/src/protocol/cluster/internal-topics'
import { decodeAlertSnapshot, decodeBacklogSummary } from '../../../shared/src/protocol/cluster/messages'
import { MqttLink } from '../../../ingest/src/cluster/bus-link'

/** Broker, the persistent client id and where transitions go. */
export interface NotifyFeedOptions {
  url: string
  username?: string
  password?: string
  clientId: string
  internal: InternalTopics
  onTransition: (t: AlertTransition) => void
  onBacklog: (b: BacklogSummary) => void
  onFault: (msg: string) => void
}

/** The notify node's transition feed (start it after the notifier). */
export function createNotifyFeed(o: NotifyFeedOptions): MqttLink {
  const link = new MqttLink({
    url: o.url,
    clientId: o.clientId,
    username: o.username,
    password: o.password,
    clean: false,
    subscriptions: [
      { filter: `${o.internal.base}alert/+`, qos: 1, rh: 2 },
      { filter: o.internal.backlog, qos: 1 },
    ],
    onMessage: (topic, payload) => {
      if (payload.length === 0) return
      if (topic === o.internal.backlog) {
        const b = decodeBacklogSummary(payload)
        if (b) o.onBacklog(b)
        else o.onFault('notify feed: malformed backlog summary')
        return
      }
      const s = decodeAlertSnapshot(payload)
      if (s) o.onTransition({ type: s.type, alert: s.alert })
      else o.onFault('notify feed: malformed alert snapshot')
    },
  })
  link.on('fault', (e) => o.onFault(`notify feed: ${e.message}`))
  return link
}
