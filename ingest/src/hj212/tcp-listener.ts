/**
 * The HJ 212-2017 raw TCP listener: data loggers connect and send frames (`##dddd...CRC\r\n`) as
 * the standard's TCP/IP transport; the listener frames, parses, authenticates (MN → station, PW)
 * and hands readings to the app, replying 9014 when a frame's Flag asks for it. Built on node:net;
 * one {@link Hj212Connection} owns each socket. Whether to run it (HJ212_PORT, default 7212, 0
 * meaning off) is the app's decision; port 0 here means an ephemeral port.
 */
import { createServer, type Server } from 'node:net'
import { DEFAULT_LIMITS, type Reading, type ValidationLimits } from '../../../shared/src/domain/reading'
import { DEFAULT_MAX_FRAME_BYTES } from '../../../shared/src/protocol/hj212/index'
import { Hj212Connection, type ConnectionContext } from './connection'
import type { Hj212ListenerStats, Hj212ReadingsMeta, Hj212RejectInfo, Hj212StationInfo, Hj212WarningInfo } from './types'

export type { Hj212ListenerStats, Hj212ReadingsMeta, Hj212RejectInfo, Hj212StationInfo, Hj212WarningInfo } from './types'

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
  /** A rejected frame, stray bytes, or a reading outside the time window. */
  onReject?: (info: Hj212RejectInfo) => void
  /** An accepted frame with deviations from the standard or metrics outside the kind's catalog. */
  onWarning?: (info: Hj212WarningInfo) => void
  /** Clock for the readings' time window check; default Date.now. */
  now?: () => number
  /** Largest frame buffered per connection; default 64 KiB. */
  maxFrameBytes?: number
  /** Close a connection silent for this long; 0 never. Default 10 minutes. */
  idleTimeoutMs?: number
  /** Longest wait for onReadings to settle before giving up on that frame (no ack). Default 30 s. */
  handlerTimeoutMs?: number
  /** Most simultaneous connections; more are refused by the OS accept path. Default 1024. */
  maxConnections?: number
  /** Reading time window and limits; default the contract's (DEFAULT_LIMITS). */
  limits?: ValidationLimits
}

/** A running listener. */
export interface Hj212Listener {
  /** The bound port (the ephemeral one when started with 0). */
  readonly port: number
  /** Live counters. */
  readonly stats: Readonly<Hj212ListenerStats>
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
  const stats: Hj212ListenerStats = { connections: 0, openConnections: 0, frames: 0, accepted: 0, readings: 0, rejected: {}, warnings: {}, acksSent: 0, socketErrors: 0, handlerErrors: 0, idleTimeouts: 0 }
  const ctx: ConnectionContext = {
    resolveStation: opts.resolveStation,
    onReadings: opts.onReadings,
    onReject: opts.onReject ?? (() => {}),
    onWarning: opts.onWarning ?? (() => {}),
    now: opts.now ?? Date.now,
    limits: opts.limits ?? DEFAULT_LIMITS,
    maxFrameBytes: intOption(opts.maxFrameBytes, 'maxFrameBytes', DEFAULT_MAX_FRAME_BYTES, 16),
    idleTimeoutMs: intOption(opts.idleTimeoutMs, 'idleTimeoutMs', 600_000, 0),
    handlerTimeoutMs: intOption(opts.handlerTimeoutMs, 'handlerTimeoutMs', 30_000, 1),
    stats,
  }
  const maxConnections = intOption(opts.maxConnections, 'maxConnections', 1024, 1)

  const connections = new Set<Hj212Connection>()
  const server: Server = createServer((socket) => {
    stats.connections++
    stats.openConnections++
    connections.add(
      new Hj212Connection(socket, ctx, (c) => {
        stats.openConnections--
        connections.delete(c)
      }),
    )
  })
  server.maxConnections = maxConnections

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
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const c of connections) c.destroy()
      })
      return closing
    },
  }
}
