/**
 * Payloads of the internal cluster topics (internal-topics.ts): JSON, produced only by envmon's
 * own processes under the service principal. Decoders check the shape (a malformed message is
 * counted and dropped by the caller, never thrown out of an MQTT callback) but do not re-validate
 * readings: ingest validated them before they were spooled and forwarded.
 */
import type { Alert } from '../../domain/alert'
import type { DataFlag, Reading } from '../../domain/reading'
import { maybeStationKind, type StationKind, type StationStatus } from '../../domain/station'
import type { AqiSummary } from '../events'
import type { ActionResult, TransitionType } from '../../rules/alert-book'
import type { BacklogSummary } from '../../rules/backlog'

/** One entry of a `part/<p>` message (ingest → rules owner). */
export type PartitionMessage =
  { t: 'readings'; stationId: string; readings: Reading[] } | { t: 'status'; stationId: string; status: 'online' | 'offline' }

/** A `part/<p>` payload: the entries of one partition in arrival order (batched per event-loop turn). */
export type PartitionBatch = PartitionMessage[]

/** Retained `alert/<id>`: the alert after its latest transition. */
export interface AlertSnapshot {
  type: TransitionType
  alert: Alert
}

/** Retained `status/<stationId>`. */
export interface StatusSnapshot {
  stationId: string
  kind: StationKind
  status: StationStatus
  since: number
}

/** Retained `live/<stationId>`: the newest reading, the newest value of each metric, the AQI. */
export interface LiveSnapshot {
  stationId: string
  kind: StationKind
  /** The newest reading (what the socket `reading` event shows). */
  reading: Pick<Reading, 'ts' | 'values' | 'flags'>
  /** Newest value per metric: [value, ts, flag]. */
  latest: Record<string, [number, number, DataFlag]>
  aqi?: AqiSummary
}

/** server → rules owner (`action/<p>`). */
export interface ActionRequest {
  id: string
  action: 'ack' | 'resolve'
  alertId: string
  stationId: string
  by: string
  note?: string
  /** Epoch ms after which the owner must ignore it (the server has answered 504 by then). */
  expiresAt: number
  /** Topic of the reply. */
  replyTo: string
}

/** rules owner → server (`reply/<node>`). */
export type ActionReply = { id: string } & ActionResult

/** `stored`: station-days committed to the store, as (station, kind, a time in that day). */
export interface StoredNotice {
  items: [string, StationKind, number][]
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

function json(buf: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8'))
  } catch {
    return undefined
  }
}

function isReading(v: unknown): v is Reading {
  return isObj(v) && isStr(v.stationId) && maybeStationKind(v.kind) !== undefined && isNum(v.ts) && isObj(v.values)
}

function isAlert(v: unknown): v is Alert {
  return (
    isObj(v) &&
    isStr(v.id) &&
    isStr(v.stationId) &&
    maybeStationKind(v.kind) !== undefined &&
    isStr(v.rule) &&
    isStr(v.state) &&
    isNum(v.updatedAt) &&
    isNum(v.openedAt)
  )
}

const TRANSITIONS = new Set(['opened', 'escalated', 'acknowledged', 'resolved', 'recorded'])
const STATUSES = new Set(['online', 'stale', 'offline'])

function isPartitionMessage(v: unknown): v is PartitionMessage {
  if (!isObj(v) || !isStr(v.stationId)) return false
  if (v.t === 'readings') return Array.isArray(v.readings) && v.readings.every(isReading)
  return v.t === 'status' && (v.status === 'online' || v.status === 'offline')
}

/** The valid entries of a partition batch and how many were malformed; undefined when it is not a batch at all. */
export function decodePartitionBatch(buf: Uint8Array): { entries: PartitionMessage[]; malformed: number } | undefined {
  const v = json(buf)
  if (!Array.isArray(v)) return undefined
  const entries = v.filter(isPartitionMessage)
  return { entries, malformed: v.length - entries.length }
}

/** An `alert/<id>` payload, or undefined when malformed. */
export function decodeAlertSnapshot(buf: Uint8Array): AlertSnapshot | undefined {
  const v = json(buf)
  return isObj(v) && typeof v.type === 'string' && TRANSITIONS.has(v.type) && isAlert(v.alert) ? (v as unknown as AlertSnapshot) : undefined
}

/** A `backlog` payload (a BacklogSummary), or undefined when malformed. */
export function decodeBacklogSummary(buf: Uint8Array): BacklogSummary | undefined {
  const v = json(buf)
  return isObj(v) &&
    isStr(v.stationId) &&
    maybeStationKind(v.kind) !== undefined &&
    isNum(v.receivedFrom) &&
    isNum(v.receivedTo) &&
    isNum(v.dataFrom) &&
    isNum(v.dataTo) &&
    isNum(v.readings) &&
    isNum(v.exceedanceCount) &&
    Array.isArray(v.exceedances) &&
    v.exceedances.every(isAlert) &&
    Array.isArray(v.ongoing)
    ? (v as unknown as BacklogSummary)
    : undefined
}

/** A `status/<station>` payload, or undefined when malformed. */
export function decodeStatusSnapshot(buf: Uint8Array): StatusSnapshot | undefined {
  const v = json(buf)
  return isObj(v) &&
    isStr(v.stationId) &&
    maybeStationKind(v.kind) !== undefined &&
    typeof v.status === 'string' &&
    STATUSES.has(v.status) &&
    isNum(v.since)
    ? (v as unknown as StatusSnapshot)
    : undefined
}

/** A `live/<station>` payload, or undefined when malformed. */
export function decodeLiveSnapshot(buf: Uint8Array): LiveSnapshot | undefined {
  const v = json(buf)
  return isObj(v) &&
    isStr(v.stationId) &&
    maybeStationKind(v.kind) !== undefined &&
    isObj(v.reading) &&
    isNum(v.reading.ts) &&
    isObj(v.reading.values) &&
    isObj(v.latest)
    ? (v as unknown as LiveSnapshot)
    : undefined
}

/** An `action/<p>` payload, or undefined when malformed. */
export function decodeActionRequest(buf: Uint8Array): ActionRequest | undefined {
  const v = json(buf)
  return isObj(v) &&
    isStr(v.id) &&
    (v.action === 'ack' || v.action === 'resolve') &&
    isStr(v.alertId) &&
    isStr(v.stationId) &&
    isStr(v.by) &&
    isNum(v.expiresAt) &&
    isStr(v.replyTo) &&
    (v.note === undefined || typeof v.note === 'string')
    ? (v as unknown as ActionRequest)
    : undefined
}

/** A `reply/<node>` payload, or undefined when malformed. */
export function decodeActionReply(buf: Uint8Array): ActionReply | undefined {
  const v = json(buf)
  if (!isObj(v) || !isStr(v.id) || typeof v.ok !== 'boolean') return undefined
  if (v.ok)
    return isObj(v.transition) && typeof v.transition.type === 'string' && TRANSITIONS.has(v.transition.type) && isAlert(v.transition.alert)
      ? (v as unknown as ActionReply)
      : undefined
  return isStr(v.code) && typeof v.message === 'string' ? (v as unknown as ActionReply) : undefined
}

/** A `stored` payload, or undefined when malformed. */
export function decodeStoredNotice(buf: Uint8Array): StoredNotice | undefined {
  const v = json(buf)
  return isObj(v) &&
    Array.isArray(v.items) &&
    v.items.every((i) => Array.isArray(i) && isStr(i[0]) && maybeStationKind(i[1]) !== undefined && isNum(i[2]))
    ? (v as unknown as StoredNotice)
    : undefined
}
