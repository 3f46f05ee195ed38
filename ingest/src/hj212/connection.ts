/**
 * One data logger connection: the single owner of its socket, its FrameSplitter and its frame
 * queue. Frames are handled one at a time, in arrival order, so each 9014 acknowledgement goes out
 * only after the sink accepted that frame's readings, and acks leave in the order frames came.
 * A bad frame is rejected and the connection keeps going; nothing thrown by a callback escapes a
 * socket event handler.
 *
 * Two timers guard the slot (issue 15): the auth deadline closes a connection that has not sent a
 * valid frame of a registered station with the right PW in time, and the idle timer closes one
 * that has sent no such frame for the idle timeout. Only complete authenticated frames reset the
 * idle timer: stray bytes, partial frames and rejected frames do not, so a client trickling a
 * byte a second cannot hold a slot.
 */
import type { Socket } from 'node:net'
import type { Reading, RejectReason, ValidationLimits, WarningReason } from '../../../shared/src/domain/reading'
import {
  acceptPacket,
  buildDataAck,
  FrameSplitter,
  garbageRejectReason,
  parseFrame,
  type Hj212Packet,
  type SplitResult,
} from '../../../shared/src/protocol/hj212/index'
import type {
  Hj212CloseReason,
  Hj212ConnectionState,
  Hj212FrameVerdict,
  Hj212ListenerStats,
  Hj212ReadingsMeta,
  Hj212RejectInfo,
  Hj212StationInfo,
  Hj212WarningInfo,
} from './types'

/** What a connection needs from its listener; options are validated by the listener. */
export interface ConnectionContext {
  resolveStation: (mn: string) => Hj212StationInfo | undefined
  onReadings: (readings: Reading[], meta: Hj212ReadingsMeta) => void | Promise<void>
  onWarning: (info: Hj212WarningInfo) => void
  /** Every accepted frame of a station, before its warnings (issue 12: the per-station deviation record). */
  onPacket: (stationId: string, packet: Hj212Packet) => void
  now: () => number
  limits: ValidationLimits
  maxFrameBytes: number
  idleTimeoutMs: number
  /** Deadline for the first authenticated frame; 0 none. */
  authTimeoutMs: number
  handlerTimeoutMs: number
  stats: Hj212ListenerStats
  /** A frame of `stationId` passed CRC, MN and PW checks on `c` (the listener's one-per-station rule). */
  authenticated: (c: Hj212Connection, stationId: string) => void
  /** The command session's say on an authenticated frame (issue 12); absent: every frame is data. */
  onFrame?: (stationId: string, packet: Hj212Packet, receivedAt: number) => Hj212FrameVerdict
  /**
   * Hand a reject to the dead letter: `limitBy` is the sender's address key when the reject does
   * not come from an authenticated connection (rate-limited per address), undefined otherwise.
   */
  record: (info: Hj212RejectInfo, limitBy: string | undefined) => void
}

/**
 * How long a frame that checks (declared length and CRC) waits for its line end before it is taken
 * as ended without one (issue 12: some loggers send none and wait for their 9014).
 */
const LINE_END_WAIT_MS = 200

/** Frames queued while the sink is busy before the socket is paused (TCP pushes back on the logger). */
const MAX_QUEUED_FRAMES = 64
const utf8 = new TextEncoder()

const NO_BYTES = new Uint8Array(0)

/** The handler of one accepted socket; closes itself on the auth deadline, idle timeout, error or end. */
export class Hj212Connection {
  /** `address:port` of the sender. */
  readonly remote: string
  /** When it was accepted (ms, Date.now). */
  readonly openedAt = Date.now()
  private connState: Hj212ConnectionState = 'unauthenticated'
  private readonly splitter: FrameSplitter
  private readonly queue: string[] = []
  private pumping = false
  private closed = false
  /** Set when the listener decided to close it; nothing more is handled from then on. */
  private closeReason: Hj212CloseReason | undefined
  private bytesReceived = 0
  private authTimer: ReturnType<typeof setTimeout> | undefined
  private idleTimer: ReturnType<typeof setTimeout> | undefined
  private lineEndTimer: ReturnType<typeof setTimeout> | undefined

  /** Unauthenticated until its first frame with a registered MN and the right PW. */
  get state(): Hj212ConnectionState {
    return this.connState
  }

  /** `address` is the sender's per-address key (see addressKey). */
  constructor(
    private readonly socket: Socket,
    private readonly ctx: ConnectionContext,
    readonly address: string,
    onClosed: (c: Hj212Connection) => void,
  ) {
    this.remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`
    this.splitter = new FrameSplitter({ maxFrameBytes: ctx.maxFrameBytes })
    socket.setNoDelay(true)
    if (ctx.authTimeoutMs > 0) {
      const expire = () =>
        this.close(
          'auth-timeout',
          `no frame of a registered station with the right PW within ${ctx.authTimeoutMs / 1000} s of connecting (${this.bytesReceived} bytes received)`,
        )
      this.authTimer = setTimeout(() => this.call(expire), ctx.authTimeoutMs)
    }
    if (ctx.idleTimeoutMs > 0) this.idleTimer = setTimeout(() => this.call(() => this.close('idle-timeout')), ctx.idleTimeoutMs)
    socket.on('data', (chunk: Buffer) => this.call(() => this.onData(chunk)))
    socket.on('error', () => {
      ctx.stats.socketErrors++
    })
    socket.on('close', () =>
      this.call(() => {
        this.onClose()
        onClosed(this)
      }),
    )
  }

  /** Write a frame of envmon's (a command to the logger); false when the socket cannot take it. */
  write(frame: string): boolean {
    if (this.closed || this.closeReason !== undefined || !this.socket.writable) return false
    this.socket.write(frame) // a write failure surfaces as 'error' (counted) and 'close'
    return true
  }

  /** Close the connection now (listener shutdown). */
  destroy(): void {
    this.socket.destroy()
  }

  /**
   * The listener closes this connection for `reason` (counted; `auth-timeout` and `evicted`
   * dead-lettered with `message`). Idempotent: the first reason wins.
   */
  close(reason: Hj212CloseReason, message?: string): void {
    if (this.closed || this.closeReason !== undefined) return
    this.closeReason = reason
    this.ctx.stats.closed[reason]++
    if (reason === 'idle-timeout') this.ctx.stats.idleTimeouts++
    if (message !== undefined && (reason === 'auth-timeout' || reason === 'evicted')) {
      this.ctx.record({ reason, message, raw: NO_BYTES, remote: this.remote }, this.state === 'authenticated' ? undefined : this.address)
    }
    this.socket.destroy()
  }

  private onData(chunk: Buffer): void {
    if (this.closeReason !== undefined) return
    this.bytesReceived += chunk.length
    clearTimeout(this.lineEndTimer)
    this.take(this.splitter.push(chunk))
    if (this.splitter.awaitingLineEnd)
      this.lineEndTimer = setTimeout(
        () => this.call(() => this.closeReason === undefined && !this.closed && this.take(this.splitter.flush())),
        LINE_END_WAIT_MS,
      )
  }

  /** Queue what the splitter cut, reject what it dropped. */
  private take({ frames, garbage }: SplitResult): void {
    for (const g of garbage)
      this.reject(undefined, garbageRejectReason(g.reason), `${g.bytes.length} bytes outside a frame (${g.reason})`, g.bytes)
    if (frames.length === 0) return
    this.ctx.stats.frames += frames.length
    this.queue.push(...frames)
    if (this.queue.length > MAX_QUEUED_FRAMES) this.socket.pause()
    void this.pump()
  }

  private onClose(): void {
    this.closed = true
    clearTimeout(this.authTimer)
    clearTimeout(this.idleTimer)
    clearTimeout(this.lineEndTimer)
    this.queue.length = 0
    for (const g of this.splitter.finish().garbage)
      this.reject(undefined, garbageRejectReason(g.reason), `connection closed inside a frame: ${g.bytes.length} bytes dropped`, g.bytes)
  }

  private async pump(): Promise<void> {
    if (this.pumping) return
    this.pumping = true
    try {
      while (this.queue.length > 0 && !this.closed && this.closeReason === undefined) await this.handle(this.queue.shift()!)
    } catch {
      this.ctx.stats.handlerErrors++
    } finally {
      this.pumping = false
      if (!this.closed && this.socket.isPaused()) this.socket.resume()
    }
  }

  private async handle(frame: string): Promise<void> {
    const raw = utf8.encode(frame)
    const parsed = parseFrame(frame)
    if (!parsed.ok) return this.reject(undefined, parsed.reason, parsed.message, raw)
    const packet = parsed.value
    const resolved = this.call(() => this.ctx.resolveStation(packet.mn))
    if (!resolved.ok) return // counted as a handler error; no ack, so the logger sends it again
    const station = resolved.value
    if (station === undefined) return this.reject(undefined, 'unknown-station', `MN ${packet.mn} is not a registered station`, raw)
    const { stationId } = station
    if (station.checkPassword ? !station.checkPassword(packet.pw ?? '') : station.password !== undefined && station.password !== packet.pw)
      return this.reject(stationId, 'hj212-password', `wrong PW for MN ${packet.mn}`, raw)
    if (this.closeReason !== undefined) return
    this.ctx.stats.accepted++
    this.authenticate(stationId)

    this.call(() => this.ctx.onPacket(stationId, packet))
    if (this.ctx.onFrame) {
      const onFrame = this.ctx.onFrame
      const verdict = this.call(() => onFrame(stationId, packet, this.ctx.now()))
      const v: Hj212FrameVerdict = verdict.ok ? verdict.value : { action: 'pass' }
      if (v.action === 'refuse') this.reject(stationId, 'hj212-command', v.message, raw)
      if (v.action === 'refuse' || v.action === 'consume') {
        // Acknowledged all the same when asked: the logger must not resend what was refused.
        if (packet.flag.ackRequired) this.ack(packet)
        return
      }
    }

    const outcome = acceptPacket(
      packet,
      { id: stationId, kind: station.kind, sentUnits: station.sentUnits },
      this.ctx.now(),
      this.ctx.limits,
    )
    for (const w of outcome.warnings) this.warn(stationId, w.reason, w.message, raw)
    for (const r of outcome.rejected) this.reject(stationId, r.reason, r.message, raw)
    if (outcome.readings.length > 0) {
      if (!(await this.deliver(outcome.readings, { stationId, packet, remote: this.remote }))) return
      this.ctx.stats.readings += outcome.readings.length
    }
    // HJ 212-2017 Flag bit A: the logger waits for 数据应答 (CN 9014) and resends without it.
    if (packet.flag.ackRequired) this.ack(packet)
  }

  /** A complete frame of `stationId` passed CRC, MN and PW: the slot is earned, the idle timer restarts. */
  private authenticate(stationId: string): void {
    if (this.connState === 'unauthenticated') {
      clearTimeout(this.authTimer)
      this.connState = 'authenticated'
    }
    this.idleTimer?.refresh()
    // The listener's hook catches what its own callback throws: no closure per frame here.
    this.ctx.authenticated(this, stationId)
  }

  /** Hand readings to the sink; false when it threw, rejected or did not settle in time. */
  private async deliver(readings: Reading[], meta: Hj212ReadingsMeta): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('onReadings timed out')), this.ctx.handlerTimeoutMs)
      })
      await Promise.race([Promise.resolve(this.ctx.onReadings(readings, meta)), timeout])
      return true
    } catch {
      this.ctx.stats.handlerErrors++
      return false
    } finally {
      clearTimeout(timer)
    }
  }

  private ack(packet: Hj212Packet): void {
    if (this.closed || !this.socket.writable) return
    const frame = this.call(() => buildDataAck(packet))
    if (!frame.ok) return
    this.socket.write(frame.value) // a write failure surfaces as 'error' (counted) and 'close'
    this.ctx.stats.acksSent++
  }

  private reject(stationId: string | undefined, reason: RejectReason, message: string, raw: Uint8Array): void {
    const counts = this.ctx.stats.rejected
    counts[reason] = (counts[reason] ?? 0) + 1
    const info: Hj212RejectInfo = { reason, message, raw, remote: this.remote }
    if (stationId !== undefined) info.stationId = stationId
    this.ctx.record(info, this.state === 'authenticated' ? undefined : this.address)
  }

  private warn(stationId: string, reason: WarningReason, message: string, raw: Uint8Array): void {
    const counts = this.ctx.stats.warnings
    counts[reason] = (counts[reason] ?? 0) + 1
    this.call(() => this.ctx.onWarning({ stationId, reason, message, raw, remote: this.remote }))
  }

  /** Run an app callback; a throw is counted as a handler error instead of escaping. */
  private call<T>(fn: () => T): { ok: true; value: T } | { ok: false } {
    try {
      return { ok: true, value: fn() }
    } catch {
      this.ctx.stats.handlerErrors++
      return { ok: false }
    }
  }
}
