/**
 * Notifications on a cluster server node (NOTIFY=1 on exactly one node): the notifier (outbox,
 * escalation, channels) fed by its own persistent session on the ingest nodes' transitions and
 * backlogs, and mounted on this node's web stack (admin API, delivery status).
 */
import type { InternalTopics } from '../../../shared/src/protocol/cluster/internal-topics'
import type { MqttLink } from '../../../ingest/src/cluster/bus-link'
import type { Cleanups } from '../compose/cleanups'
import { createNotifier, type NotifierOptions, type NotifierHandle } from '../notify/index'
import { createNotifyFeed } from './notify-feed'

/** Start the notifier and its feed; `mount` hands it to the web stack. */
export async function startClusterNotifier(o: {
  broker: { url: string; username?: string; password?: string }
  internal: InternalTopics
  notifier: NotifierOptions
  mount: (n: NotifierHandle) => void
  onFault: (msg: string) => void
  cleanups: Cleanups
}): Promise<MqttLink> {
  const notifier = createNotifier(o.notifier)
  o.mount(notifier)
  notifier.start()
  o.cleanups.push(() => notifier.stop())
  const feed = createNotifyFeed({
    ...o.broker,
    clientId: 'envmon-notify',
    internal: o.internal,
    onTransition: (t) => notifier.onTransition(t),
    onBacklog: (b) => notifier.onBacklog(b),
    onFault: o.onFault,
  })
  await feed.start()
  o.cleanups.push(() => feed.stop())
  return feed
}
