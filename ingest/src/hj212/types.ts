/**
 * Types of the HJ 212 TCP listener: what it asks of the app (station lookup, sinks) and what it
 * reports (rejects, warnings, stats).
 */
import type { RejectReason, WarningReason } from '../../../shared/src/domain/reading'
import type { StationKind } from '../../../shared/src/domain/station'
import type { Hj212Packet } from '../../../shared/src/protocol/hj212/index'

/**
 * A registered station as the listener needs it. The frame's PW is checked by `checkPassword`
 * when given (a registry holding only hashes), else it must equal `password` when that is set.
 */
export interface Hj212StationInfo {
  stationId: string
  kind: StationKind
  /** Units its logger sends metrics in, when not the catalog's (Station.sentUnits, issue 12). */
  sentUnits?: Readonly<Record<string, string>>
  password?: string
  checkPassword?: (pw: string) => boolean
}

/**
 * Where a connection is: `unauthenticated` from accept until its first frame with a valid CRC, a
 * known MN and the right PW; `authenticated` after (it then speaks for that station).
 */
export type Hj212ConnectionState = 'unauthenticated' | 'authenticated'

/**
 * Why a new connection was refused at accept: its address already holds its cap of
 * unauthenticated connections, or the listener is full of authenticated ones.
 */
export type Hj212RefuseReason = 'per-address' | 'full'

/**
 * Why the listener closed a connection it had accepted: no authenticated frame before the auth
 * deadline, no valid frame for the idle timeout, evicted (the oldest unauthenticated one) to take a
 * new connection when full, or replaced by a newer authenticated connection of the same station.
 */
export type Hj212CloseReason = 'auth-timeout' | 'idle-timeout' | 'evicted' | 'replaced'

/** A station's newer authenticated connection replaced its older one (which was closed). */
export interface Hj212ReplacedInfo {
  stationId: string
  /** `address:port` of the new connection. */
  remote: string
  /** `address:port` of the connection closed. */
  previous: string
}

/**
 * A frame, bytes or a connection the listener refused; `raw` is exactly what arrived (for the dead
 * letter; empty for a refused, timed-out or evicted connection).
 */
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

/**
 * What to do with an authenticated frame, as the HJ 212 command session decides (issue 12):
 * `pass` and `history` are data to store; `consume` is a command answer (no readings);
 * `refuse` is dead-lettered with reason `hj212-command` and its readings are not stored.
 */
export type Hj212FrameVerdict = { action: 'pass' } | { action: 'history' } | { action: 'consume' } | { action: 'refuse'; message: string }

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
  /** Connections open now, by state (they sum to openConnections). */
  byState: Record<Hj212ConnectionState, number>
  /** New connections refused at accept, by reason (not counted in `connections`). */
  refused: Record<Hj212RefuseReason, number>
  /** Accepted connections the listener closed, by reason (`idle-timeout` also in idleTimeouts). */
  closed: Record<Hj212CloseReason, number>
  /**
   * Rejects not handed to onReject (so not dead-lettered) because their address, or the listener
   * as a whole, was over its per-minute allowance; counted here and in `rejected`/`refused`/`closed`.
   */
  unrecorded: number
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
  /** Connections closed for sending no valid frame for idleTimeoutMs (= closed['idle-timeout']). */
  idleTimeouts: number
}
