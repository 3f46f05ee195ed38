/**
 * Socket.IO event maps (contract, "Socket.IO"): what the server pushes and what browsers send.
 */
import type { AlertEvent } from '../domain/alert'
import type { StationKind, StationStatus } from '../domain/station'
import type { TargetsBody } from './http/targets'

/** `reading` payload: one station's newest reading (throttled per station to ≤ 1/s). */
export interface ReadingEvent {
  stationId: string
  kind: StationKind
  /** ISO 8601. */
  ts: string
  values: Record<string, number>
  flags?: Record<string, string>
  aqi?: AqiSummary
}

/** The AQI shown on air stations (HJ 633-2012). */
export interface AqiSummary {
  aqi: number
  level: string
  category: { zh: string; en: string }
  color: string
  primary: string[]
  /** `hourly` real-time AQI. */
  basis: string
  /** ISO time of the START of the hour the AQI is for: the hour [ts, end) (envmon labels hours by their start). */
  ts: string
  /**
   * **[added]** ISO end of that hour (exclusive). CNEMC and the national release label an hour by its
   * end ("16:00" = mean of 15:00–16:00): their "16:00" is envmon's `ts` 15:00, `end` 16:00.
   */
  end: string
}

export interface StationStatusEvent {
  stationId: string
  status: StationStatus
  /** ISO 8601. */
  since: string
}

/**
 * `feed` payload **[added]**: whether this server receives the stations' data from the MQTT broker.
 * Sent to each browser when it connects (once the server knows) and on every change, so the UI can
 * say "reconnecting" while the broker is away even though the browser's own connection is fine.
 */
export interface FeedEvent {
  broker: 'up' | 'down'
  /** ISO 8601: since when. */
  since: string
}

export interface SubscribeRequest {
  stations?: string[]
  kinds?: StationKind[]
  /**
   * **[added, issue 16]** `true`: receive the readings as one `readings` array per tick instead of
   * one `reading` message per station (a map of 1000 stations then decodes one message a second,
   * not 1000). Absent or `false`: `reading` as in the bureau's contract.
   */
  batch?: boolean
}

/** The `subscribe` acknowledgement: the rooms joined and whether readings come batched. */
export interface SubscribeAck {
  ok: boolean
  rooms: string[]
  /** **[added, issue 16]** Whether this socket now receives `readings` (batched) instead of `reading`. */
  batch?: boolean
  error?: string
}

export interface ServerToClientEvents {
  /** One station's newest reading, to sockets that did not ask for batches. */
  reading: (e: ReadingEvent) => void
  /**
   * **[added, issue 16]** The tick's readings (each station's newest, each reading once) in one
   * array, to sockets that subscribed with `batch: true`: one event per tick for a socket subscribed
   * to everything, one per kind room and per station room (not already covered by a kind) otherwise.
   */
  readings: (e: ReadingEvent[]) => void
  /** Every alert transition; `historical: true` marks a historical exceedance (late data, already over): list it, never ring or toast. */
  alert: (e: AlertEvent) => void
  'station-status': (e: StationStatusEvent) => void
  /** The targets board, month to date, when a value or status changes (same body as GET /api/targets). */
  targets: (e: TargetsBody) => void
  feed: (e: FeedEvent) => void
}

export interface ClientToServerEvents {
  subscribe: (req: SubscribeRequest, ack?: (r: SubscribeAck) => void) => void
}
