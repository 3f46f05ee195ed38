/**
 * Ingest → live (one process): each accepted batch updates the latest-values cache, tells the
 * targets board data is arriving, runs through the rules, and is pushed to the browsers (with the
 * station's hourly AQI for air). Status announcements go to the alert service's liveness; the
 * ingest connection's state shows in the browsers as "live" or "reconnecting".
 */
import type { EventEmitter } from 'node:events'
import type { AqiSummary } from '../../../shared/src/protocol/events'
import type { AlertService } from '../../../ingest/src/alerting/alert-service'
import type { IngestEvents } from '../../../ingest/src/service'
import type { LatestCache } from '../live/latest-cache'
import type { TargetsService } from '../targets/targets-service'
import type { LiveHub } from '../ws/hub'

export interface IngestToLiveDeps {
  ingest: Pick<EventEmitter<IngestEvents>, 'on'>
  latest: Pick<LatestCache, 'update'>
  targets: Pick<TargetsService, 'arriving'>
  alerts: Pick<AlertService, 'onReadings' | 'onAnnounced'>
  hub: Pick<LiveHub, 'reading' | 'setFeed'>
  aqiFor: (stationId: string) => AqiSummary | undefined
  now: () => number
}

export function wireIngestToLive(d: IngestToLiveDeps): void {
  d.ingest.on('readings', (station, readings) => {
    d.latest.update(readings)
    d.targets.arriving(readings)
    d.alerts.onReadings(station, readings)
    d.hub.reading(station.kind, readings, station.kind === 'air' ? () => d.aqiFor(station.id) : undefined)
  })
  d.ingest.on('status', (station, status) => d.alerts.onAnnounced(station, status))
  d.ingest.on('connection', (s) => d.hub.setFeed(s === 'connected', d.now()))
}
