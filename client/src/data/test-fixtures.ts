/**
 * Fixtures for the data-layer tests: a manual frame scheduler and minimal stations and alerts.
 */
import type { AlertEvent } from '../../../shared/src/domain/alert'
import type { StationView } from './api-types'
import type { FrameScheduler } from './frame'

/** A frame scheduler the test advances by hand. */
export function manualFrames(): { schedule: FrameScheduler; frame: () => void; pending: () => number } {
  let queue: (() => void)[] = []
  return {
    schedule: (cb) => void queue.push(cb),
    frame: () => {
      const q = queue
      queue = []
      for (const cb of q) cb()
    },
    pending: () => queue.length,
  }
}

/** A station view with defaults. */
export function station(id: string, extra: Partial<StationView> = {}): StationView {
  return {
    id,
    kind: 'air',
    nameZh: `站${id}`,
    nameEn: `Station ${id}`,
    name: `站${id}`,
    lon: 113.75,
    lat: 23.02,
    town: '东城街道',
    townEn: 'Dongcheng Subdistrict',
    approx: true,
    intervalSec: 60,
    status: 'online',
    statusSince: '2026-11-24T00:00:00.000Z',
    activeAlerts: 0,
    ...extra,
  }
}

/** An alert event with defaults. */
export function alert(id: string, extra: Partial<AlertEvent> = {}): AlertEvent {
  return {
    id,
    stationId: 's1',
    kind: 'air',
    metric: 'pm25',
    rule: 'air.pm25.instant',
    severity: 'warning',
    state: 'open',
    value: 90,
    limit: 75,
    window: 'instant',
    openedAt: '2026-11-24T00:00:00.000Z',
    updatedAt: '2026-11-24T00:00:00.000Z',
    detectedAt: '2026-11-24T00:00:00.000Z',
    historical: false,
    observedAt: '2026-11-24T00:00:00.000Z',
    peak: 90,
    message: 'PM2.5 90 > 75',
    ...extra,
  }
}
