/**
 * Alerts → push, MQTT, log and notify (one process). Each transition reaches the browsers (a
 * historical exceedance too, `historical: true`: listed, no alarm), the MQTT alerts topic, the log
 * and the notifier (persisted in its outbox before it is announced). A station's status change
 * reaches the browsers and the targets board; the end of a backlog of late data is logged and
 * handed to the notifier (one summary, not one message per historical alert).
 */
import type { EventEmitter } from 'node:events'
import { toAlertEvent } from '../../../shared/src/domain/alert'
import type { StationKind } from '../../../shared/src/domain/station'
import type { Topics } from '../../../shared/src/protocol/topics'
import type { AlertServiceEvents } from '../../../ingest/src/alerting/alert-service'
import type { Logger } from '../log'
import type { NotifierHandle } from '../notify/index'
import type { TargetsService } from '../targets/targets-service'
import type { LiveHub } from '../ws/hub'

export interface AlertFanoutDeps {
  alerts: Pick<EventEmitter<AlertServiceEvents>, 'on'>
  hub: Pick<LiveHub, 'alert' | 'status'>
  /** Publish on the broker (the ingest session). */
  publish: (topic: string, payload: string, qos: 0 | 1) => void
  topics: Pick<Topics, 'alert'>
  notifier: Pick<NotifierHandle, 'onTransition' | 'onBacklog'>
  targets: Pick<TargetsService, 'touch'>
  kindOf: (stationId: string) => StationKind | undefined
  log: Pick<Logger, 'info' | 'debug'>
}

export function wireAlertFanout(d: AlertFanoutDeps): void {
  d.alerts.on('transition', (t) => {
    d.hub.alert(t.alert)
    d.publish(d.topics.alert(t.alert.stationId), JSON.stringify({ ...toAlertEvent(t.alert), transition: t.type }), 1)
    d.log.info(`alert ${t.type}: ${t.alert.stationId} ${t.alert.rule} ${t.alert.message}`)
    d.notifier.onTransition(t)
  })
  d.alerts.on('status', (c) => {
    const kind = d.kindOf(c.stationId)
    if (kind) d.hub.status(c.stationId, kind, { stationId: c.stationId, status: c.status, since: new Date(c.since).toISOString() })
    d.targets.touch()
  })
  d.alerts.on('backlog', (b) => {
    d.log[b.exceedanceCount + b.ongoing.length > 0 ? 'info' : 'debug'](
      `late data: ${b.stationId} sent ${b.readings} late reading(s) (${new Date(b.dataFrom).toISOString()} to ${new Date(b.dataTo).toISOString()}): ${b.exceedanceCount} historical exceedance(s), ${b.ongoing.length} still going on`,
    )
    d.notifier.onBacklog(b)
  })
}
