/**
 * Types of the HJ 212 TCP listener: what it asks of the app (station lookup, sinks) and what it
 * reports (rejects, warnings, stats).
 */
import type { Reading, RejectReason, WarningReason } from '../../../shared/src/domain/reading'
import type { StationKind } from '../../../shared/src/domain/station'
import type { Hj212Packet } from '../../../shared/src/protocol/hj212/index'

/**
 * A registered station as the listener needs it. The frame's PW is checked by `checkPassword`
 * when given (a registry holding only hashes), else it must equal `password` when that is set.
 */
export interface Hj212StationInfo {
  stationId: string
  kind: StationKind
  password?: string
  checkPassword?: (pw: string) => boolean
}

/** A frame or bytes the listener refused; `raw` is exactly what arrived (for the dead letter). */
export interface Hj212RejectInfo {
  stationId?: string
  reason: RejectReason
  message: string
  raw: Uint8Array
  /** `address:port` of the sender. */
  remote: string
}

/** An accepted frame with something worth telling (deviations from the standard, unknown metrics). */
export interface Hj212WarningInfo {
  stationId: string
  reason: WarningReason
  message: string
  raw: Uint8Array
  remote: string
}

/** What accompanies the readings of one frame. */
export interface Hj212ReadingsMeta {
  stationId: string
  packet: Hj212Packet
  remote: string
}

/** Counters, updated live; read them, do not write them. */
export interface Hj212ListenerStats {
  /** Connections accepted since start. */
  connections: number
  /** Connections open now. */
  openConnections: number
  /** Complete frames cut from the streams (accepted or not). */
  frames: number
  /** Frames accepted (parsed, station known, password right). */
  accepted: number
  /** Readings handed to onReadings and acknowledged by it. */
  readings: number
  /** Rejected frames, bytes and readings, by reason. */
  rejected: Partial<Record<RejectReason, number>>
  /** Warnings, by reason. */
  warnings: Partial<Record<WarningReason, number>>
  /** 9014 data acknowledgements written. */
  acksSent: number
  /** Socket errors (resets, write failures); the connection closes, the listener keeps going. */
  socketErrors: number
  /** onReadings rejected, threw or timed out (no ack sent, the logger will resend). */
  handlerErrors: number
  /** Connections closed for being idle longer than idleTimeoutMs. */
  idleTimeouts: number
}
