/**
 * What the HTTP API reads of alerts and station status, and the operator actions it asks for.
 * Implemented by the AlertService (one process: the rules run here) and by the server nodes'
 * read model of a cluster (server/src/cluster/remote-alerts.ts: snapshots from the rules owners,
 * actions sent to the owner of the station's partition).
 */
import type { Alert, AlertState } from '../domain/alert'
import type { Station, StationStatus } from '../domain/station'
import type { ActionResult } from '../rules/alert-book'
import type { Rule } from '../rules/rule'

/** Filters of `list`. */
export interface AlertQuery {
  status?: AlertState | 'all'
  stationId?: string
  limit?: number
}

/** A station's live status as the API shows it. */
export interface StationStatusView {
  status: StationStatus
  /** Epoch ms since when it has had this status. */
  since: number
  lastSeen?: number
}

/** The alerts port of the HTTP API. */
export interface AlertsView {
  statusOf(stationId: string): StationStatusView | undefined
  get(id: string): Alert | undefined
  /** Newest first. */
  list(q?: AlertQuery): Alert[]
  /** Open or acknowledged alerts of a station. */
  activeFor(stationId: string): Alert[]
  rulesFor(station: Station): Rule[]
  /** May be asynchronous (a remote owner); may reject with an HttpError (e.g. 504 when the owner does not answer). */
  acknowledge(id: string, by: string, note?: string): ActionResult | Promise<ActionResult>
  resolve(id: string, by: string, note?: string): ActionResult | Promise<ActionResult>
}
