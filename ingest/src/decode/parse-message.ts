/**
 * Turn one MQTT message into an outcome: readings to accept, a status announcement, or a rejection
 * with its reason. Pure apart from the inputs: time and the registry lookup come in.
 */
import {
  decodeJson,
  validateReadingPayload,
  type ParseResult,
  type Reading,
  type RejectReason,
  type ValidationLimits,
  type WarningReason,
} from '../../../shared/src/domain/reading'
import type { Station } from '../../../shared/src/domain/station'
import type { Topics } from '../../../shared/src/protocol/topics'

export type MessageOutcome =
  | {
      type: 'readings'
      station: Station
      readings: Reading[]
      warnings: { reason: WarningReason; message: string }[]
      rejected: { index: number; reason: RejectReason; message: string }[]
    }
  | { type: 'status'; station: Station; status: 'online' | 'offline' }
  | { type: 'reject'; stationId?: string; reason: RejectReason; message: string }

/** Decoder for a station's HJ 212 payload (supplied by the HJ 212 module). */
export type Hj212Decoder = (
  payload: Uint8Array,
  station: Station,
  now: number,
) => ParseResult<{
  readings: Reading[]
  warnings: { reason: WarningReason; message: string }[]
  rejected: { index: number; reason: RejectReason; message: string }[]
}>

export interface ParseContext {
  topics: Topics
  lookup: (stationId: string) => Station | undefined
  now: number
  limits: ValidationLimits
  maxBytes: number
  hj212?: Hj212Decoder
}

export function parseMessage(topic: string, payload: Uint8Array, ctx: ParseContext): MessageOutcome {
  const t = ctx.topics.parseStation(topic)
  if (!t) return { type: 'reject', reason: 'bad-topic', message: `not a station topic: ${topic.slice(0, 120)}` }
  const station = ctx.lookup(t.stationId)
  if (!station)
    return { type: 'reject', stationId: t.stationId, reason: 'unknown-station', message: `station ${t.stationId} is not registered` }
  if (station.kind !== t.kind)
    return {
      type: 'reject',
      stationId: t.stationId,
      reason: 'kind-mismatch',
      message: `station ${t.stationId} is ${station.kind}, topic says ${t.kind}`,
    }
  if (payload.byteLength > ctx.maxBytes)
    return {
      type: 'reject',
      stationId: t.stationId,
      reason: 'too-large',
      message: `payload of ${payload.byteLength} bytes exceeds ${ctx.maxBytes}`,
    }
  switch (t.channel) {
    case 'status': {
      const s = Buffer.from(payload).toString('utf8').trim()
      if (s !== 'online' && s !== 'offline')
        return { type: 'reject', stationId: t.stationId, reason: 'schema', message: 'status must be "online" or "offline"' }
      return { type: 'status', station, status: s }
    }
    case 'reading': {
      const json = decodeJson(payload, ctx.maxBytes)
      if (!json.ok) return { type: 'reject', stationId: t.stationId, ...json }
      const v = validateReadingPayload(json.value, station.id, station.kind, ctx.now, ctx.limits)
      if (!v.ok) return { type: 'reject', stationId: t.stationId, reason: v.reason, message: v.message }
      return { type: 'readings', station, ...v.value }
    }
    case 'hj212': {
      if (!ctx.hj212) return { type: 'reject', stationId: t.stationId, reason: 'hj212-format', message: 'HJ 212 decoding is not enabled' }
      const v = ctx.hj212(payload, station, ctx.now)
      if (!v.ok) return { type: 'reject', stationId: t.stationId, reason: v.reason, message: v.message }
      return { type: 'readings', station, ...v.value }
    }
  }
}
