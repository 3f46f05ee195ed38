/**
 * The HJ 212-2017 raw TCP listener: data loggers connect and send frames (`##dddd...CRC\r\n`) as
 * the standard's TCP/IP transport; the listener frames, parses, authenticates (MN → station, PW)
 * and hands readings to the app, replying 9014 when a frame's Flag asks for it. Built on node:net;
 * one {@link Hj212Connection} owns each socket. Whether to run it (HJ212_PORT, default 7212, 0
 * meaning off) is the app's decision; port 0 here means an ephemeral port.
 *
 * Slots are earned (issue 15): see {@link ConnectionTable} for who may connect and who makes room,
 * {@link Hj212Connection} for the auth deadline and the idle timer, {@link RejectLimiter} for how
 * many rejects reach the dead letter.
 */
import { createServer, type Server, type Socket } from 'node:net'
import { DEFAULT_LIMITS, type Reading, type ValidationLimits } from '../../../shared/src/domain/reading'
import { DEFAULT_MAX_FRAME_BYTES, type Hj212Packet } from '../../../shared/src/protocol/hj212/index'
import { addressKey } from './address-key'
import { Hj212Connection, type ConnectionContext } from './connection'
import { ConnectionTable } from './connection-table'
import { RejectLimiter } from './reject-limiter'
import type {
  Hj212FrameVerdict,
  Hj212ListenerStats,
  Hj212ReadingsMeta,
  Hj212RejectInfo,
  Hj212ReplacedInfo,
  Hj212StationInfo,
  Hj212WarningInfo,
} from './types'

export type {
  Hj212CloseReason,
  Hj212ConnectionState,
  Hj212FrameVerdict,
  Hj212ListenerStats,
  Hj212ReadingsMeta,
  Hj212RefuseReason,
  Hj212RejectInfo,
  Hj212ReplacedInfo,
  Hj212StationInfo,
  Hj212WarningInfo,
} from './types'

/** {@link startHj212Listener} options. */
export interface Hj212ListenerOptions {
  /** TCP port; 0 picks an ephemeral port (read it back from `listener.port`). */
  port: number
  /** Address to bind; default all interfaces. */
  host?: string
  /** The station whose data logger has this MN, or undefined for an unknown MN. */
  resolveStation: (mn: string) => Hj212StationInfo | undefined
  /**
   * The readings of one accepted frame. May return a Promise: the 9014 ack (when the frame asks for
   * one) is sent only after it resolves; a rejection, a throw or a timeout sends no ack.
   */
  onReadings: (readings: Reading[], meta: Hj212ReadingsMeta) => void | Promise<void>
  /**
   * A rejected frame, stray bytes, a reading outside the time window, or a connection refused,
   * timed out before authenticating, or evicted. What does not come from an authenticated
   * connection is rate-limited (`rejectsPerAddressPerMinute` per reason, `rejectsPerMinute`); the rest are
   * only counted (`stats.unrecorded`).
   */
  onReject?: (info: Hj212RejectInfo) => void
  /** A station's newer authenticated connection replaced (closed) its older one. */
  onReplaced?: (info: Hj212ReplacedInfo) => void
  /** An accepted frame with deviations from the standard or metrics outside the kind's catalog. */
  onWarning?: (info: Hj212WarningInfo) => void
  /** Every accepted frame (station known, PW right), before its warnings: the per-station deviation record (issue 12). */
  onPacket?: (stationId: string, packet: Hj212Packet) => void
  /**
   * Every authenticated frame, before its readings (issue 12, the command session): command
   * answers are consumed, refused frames dead-lettered (`hj212-command`) and not stored.
   */
  onFrame?: (stationId: string, packet: Hj212Packet, receivedAt: number) => Hj212FrameVerdict
  /** Clock for the readings' time window check and the reject allowance's minutes; default Date.now. */
  now?: () => number
  /** Largest frame buffered per connection; default 64 KiB. */
  maxFrameBytes?: number
  /** Close a connection that sent no authenticated frame for this long; 0 never. Default 10 minutes. */
  idleTimeoutMs?: number
  /** Close a connection whose first authenticated frame has not come this long after connecting; 0 never. Default 60 s. */
  authTimeoutMs?: number
  /** Longest wait for onReadings to settle before giving up on that frame (no ack). Default 30 s. */
  handlerTimeoutMs?: number
  /**
   * Most simultaneous connections. A new one past it takes the place of the oldest unauthenticated
   * connection, or is refused when all are authenticated. Default 1024.
   */
  maxConnections?: number
  /** Most unauthenticated connections from one address (IPv6: one /64); more are refused. 0 no cap. Default 16. */
  maxPendingPerAddress?: number
  /** Rejects from one address (not from an authenticated connection) handed to onReject per minute and reason. Default 20. */
  rejectsPerAddressPerMinute?: number
  /** Such rejects handed to onReject per minute from all addresses together. Default 600. */
  rejectsPerMinute?: number
  /** Reading time window and limits; default the contract's (DEFAULT_LIMITS). */
  limits?: ValidationLimits
}

/** A running listener. */
export interface Hj212Listener {
  /** The bound port (the ephemeral one when started with 0). */
  readonly port: number
  /** Live counters. */
  readonly stats: Readonly<Hj212ListenerStats>
  /** Write a frame to the station's live connection (a command); false when it has none. */
  sendTo(stationId: string, frame: string): boolean
  /** Stop accepting, close every connection, resolve when the server is closed. Idempotent. */
  close(): Promise<void>
}

function intOption(value: number | undefined, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = value ?? fallback
  if (!Number.isInteger(v) || v < min || v > max) throw new Error(`invalid ${name}: ${value}`)
  return v
}

/**
 * Start the listener. Rejects (fail fast) on an invalid option or when the port cannot be bound.
 *
 * @example
 * const hj212 = await startHj212Listener({
 *   port: config.hj212Port, resolveStation: (mn) => registry.byMn(mn),
 *   onReadings: (readings) => buffer.addAll(readings), onReject: (r) => deadLetters.add(r),
 * })
 * // later: await hj212.close()
 */
export async function startHj212Listener(opts: Hj212ListenerOptions): Promise<Hj212Listener> {
  const port = intOption(opts.port, 'port', 0, 0, 65535)
  const stats: Hj212ListenerStats = {
    connections: 0,
    openConnections: 0,
    byState: { unauthenticated: 0, authenticated: 0 },
    refused: { 'per-address': 0, full: 0 },
    closed: { 'auth-timeout': 0, 'idle-timeout': 0, evicted: 0, replaced: 0 },
    unrecorded: 0,
    frames: 0,
    accepted: 0,
    readings: 0,
    rejected: {},
    warnings: {},
    acksSent: 0,
    socketErrors: 0,
    handlerErrors: 0,
    idleTimeouts: 0,
  }
  const table = new ConnectionTable<Hj212Connection>({
    maxConnections: intOption(opts.maxConnections, 'maxConnections', 1024, 1),
    maxPendingPerAddress: intOption(opts.maxPendingPerAddress, 'maxPendingPerAddress', 16, 0),
  })
  const now = opts.now ?? Date.now
  const limiter = new RejectLimiter(
    intOption(opts.rejectsPerAddressPerMinute, 'rejectsPerAddressPerMinute', 20, 1),
    intOption(opts.rejectsPerMinute, 'rejectsPerMinute', 600, 1),
    now,
  )
  const onReject = opts.onReject ?? (() => {})
  const onReplaced = opts.onReplaced ?? (() => {})
  // Runs on every authenticated frame: plain assignments, nothing allocated.
  const syncCounts = (): void => {
    stats.openConnections = table.size
    stats.byState.unauthenticated = table.count('unauthenticated')
    stats.byState.authenticated = table.count('authenticated')
  }
  const record = (info: Hj212RejectInfo, limitBy: string | undefined): void => {
    if (limitBy !== undefined && !limiter.allow(limitBy, info.reason)) {
      stats.unrecorded++
      return
    }
    try {
      onReject(info)
    } catch {
      stats.handlerErrors++
    }
  }
  const ctx: ConnectionContext = {
    resolveStation: opts.resolveStation,
    onReadings: opts.onReadings,
    onWarning: opts.onWarning ?? (() => {}),
    onPacket: opts.onPacket ?? (() => {}),
    now,
    limits: opts.limits ?? DEFAULT_LIMITS,
    maxFrameBytes: intOption(opts.maxFrameBytes, 'maxFrameBytes', DEFAULT_MAX_FRAME_BYTES, 16),
    idleTimeoutMs: intOption(opts.idleTimeoutMs, 'idleTimeoutMs', 600_000, 0),
    authTimeoutMs: intOption(opts.authTimeoutMs, 'authTimeoutMs', 60_000, 0),
    handlerTimeoutMs: intOption(opts.handlerTimeoutMs, 'handlerTimeoutMs', 30_000, 1),
    stats,
    record,
    ...(opts.onFrame ? { onFrame: opts.onFrame } : {}),
    authenticated(c, stationId) {
      const previous = table.authenticate(c, stationId)
      if (previous !== undefined) {
        // One live connection per station: the logger reconnected (the old socket is half-dead) or
        // two loggers share an MN; either way the newer one speaks for the station.
        table.remove(previous)
        previous.close('replaced')
        try {
          onReplaced({ stationId, remote: c.remote, previous: previous.remote })
        } catch {
          stats.handlerErrors++
        }
      }
      syncCounts()
    },
  }

  // No server.maxConnections: the OS-level cap closes a newcomer without looking at who holds the
  // slots, which is how 1100 idle connects locked every logger out (issue 15).
  const admit = (socket: Socket): void => {
    const address = addressKey(socket.remoteAddress)
    const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`
    const admission = table.admit(address)
    if (admission.verdict === 'refuse') {
      stats.refused[admission.reason]++
      socket.on('error', () => {})
      socket.destroy()
      const why =
        admission.reason === 'per-address'
          ? `${address} already has ${table.limits.maxPendingPerAddress} connections that have not sent a valid frame yet`
          : `all ${table.limits.maxConnections} connections are authenticated loggers`
      record({ reason: 'connection-refused', message: `connection refused: ${why}`, raw: new Uint8Array(0), remote }, address)
      return
    }
    if (admission.verdict === 'evict') {
      const victim = admission.victim
      table.remove(victim)
      victim.close(
        'evicted',
        `evicted after ${Math.round((Date.now() - victim.openedAt) / 1000)} s without a valid frame: all ${table.limits.maxConnections} connections were taken and ${remote} connected`,
      )
    }
    stats.connections++
    table.add(
      new Hj212Connection(socket, ctx, address, (c) => {
        table.remove(c)
        syncCounts()
      }),
    )
    syncCounts()
  }
  const server: Server = createServer((socket) => {
    try {
      admit(socket)
    } catch {
      // Nothing may escape the accept handler (it would crash the process): count, drop the socket.
      stats.handlerErrors++
      socket.destroy()
    }
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ port, host: opts.host }, () => {
      server.off('error', reject)
      resolve()
    })
  })
  // After start, server errors (e.g. EMFILE on accept) are counted, never thrown.
  server.on('error', () => {
    stats.socketErrors++
  })
  const address = server.address()
  const boundPort = typeof address === 'object' && address !== null ? address.port : port

  let closing: Promise<void> | undefined
  return {
    port: boundPort,
    stats,
    sendTo(stationId, frame) {
      return table.ownerOf(stationId)?.write(frame) ?? false
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const c of [...table.all()]) c.destroy()
      })
      return closing
    },
  }
}
