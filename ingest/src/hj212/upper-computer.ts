/**
 * envmon as the HJ 212 upper computer (issue 12), assembled: the command log, the command session,
 * gap recovery with its gap finder, and the two transports a command can take:
 * - TCP: the station's live connection on the HJ 212 listener (one per authenticated station);
 * - MQTT: the station's command topic `<prefix>/v1/<kind>/<id>/hj212/cmd`; its answers come back
 *   on its `.../hj212` topic, through {@link Hj212UpperComputer.mqttDecoder}.
 * A station's commands go the way its latest frame came.
 */
import type { Hj212CommandsView } from '../../../shared/src/protocol/http/hj212'
import type { ParseResult, Reading } from '../../../shared/src/domain/reading'
import type { Station, StationKind } from '../../../shared/src/domain/station'
import {
  decodeHj212Payload,
  garbageRejectReason,
  parseHj212Payload,
  type Hj212ParsedPayload,
  type PacketOutcome,
} from '../../../shared/src/protocol/hj212/index'
import type { Topics } from '../../../shared/src/protocol/topics'
import { CommandLog } from './command-log'
import { CommandSession, type CommandRoute } from './command-session'
import { LiveSlotGapFinder, type GapFinder } from './gap-finder'
import { GapRecovery, type GapRecord } from './gap-recovery'
import type { Hj212FrameVerdict } from './types'

/** Settings (HJ212_RECOVERY_* in server/src/config.ts). */
export interface UpperComputerSettings {
  /** Request missing history automatically (gap recovery) and keep clocks (HJ212_RECOVERY=1). */
  auto: boolean
  timeoutMs: number
  retries: number
  backoffMs: number
  maxSpanMs: number
  clockThresholdMs: number
  silenceIntervals: number
  /** How often closed hours are checked for holes; 0 never. */
  sweepEveryMs: number
}

/** What it needs from the app. */
export interface UpperComputerOptions {
  settings: UpperComputerSettings
  now: () => number
  topics: Topics
  lookup: (stationId: string) => Pick<Station, 'id' | 'kind' | 'intervalSec' | 'mn'> | undefined
  /** Publish on MQTT (the ingest session's connection). */
  publish: (topic: string, payload: string) => void
  /** The TCP listener's sendTo, once it runs. */
  sendTcp: (stationId: string, frame: string) => boolean
  /** Command log file (under DATA_DIR); none keeps it in memory. */
  logFile?: string
  /** Another gap finder (the completeness module); default the live path's. */
  finder?: GapFinder
  log?: (level: 'info' | 'warn', line: string) => void
}

type Decoded = ParseResult<PacketOutcome>

/**
 * @example
 * const upper = new Hj212UpperComputer({ settings, now, topics, lookup: (id) => registry.get(id), publish, sendTcp: (id, f) => listener.sendTo(id, f) })
 */
export class Hj212UpperComputer {
  readonly log: CommandLog
  readonly session: CommandSession
  readonly recovery: GapRecovery
  private readonly routes = new Map<string, CommandRoute>()
  private sweepTimer: ReturnType<typeof setInterval> | undefined

  constructor(private readonly o: UpperComputerOptions) {
    const s = o.settings
    this.log = new CommandLog({
      ...(o.logFile ? { file: o.logFile } : {}),
      onError: (e) => o.log?.('warn', `HJ 212 command log: ${e.message}`),
    })
    this.session = new CommandSession({
      log: this.log,
      now: o.now,
      send: (id, frame) => this.send(id, frame),
      timeoutMs: s.timeoutMs,
      retries: s.retries,
      backoffMs: s.backoffMs,
      onDone: (d) => this.recovery.done(d),
    })
    this.recovery = new GapRecovery({
      session: this.session,
      finder: o.finder ?? new LiveSlotGapFinder(),
      now: o.now,
      intervalOf: (id) => {
        const st = o.lookup(id)
        return st ? st.intervalSec * 1000 : undefined
      },
      silenceIntervals: s.silenceIntervals,
      maxSpanMs: s.maxSpanMs,
      clockThresholdMs: s.clockThresholdMs,
      ...(o.log ? { log: o.log } : {}),
    })
    if (s.auto && s.sweepEveryMs > 0) {
      this.sweepTimer = setInterval(() => void this.recovery.sweep([...this.routes.keys()]), s.sweepEveryMs)
      this.sweepTimer.unref?.()
    }
  }

  /** The TCP listener's `onFrame`. */
  tcpFrame = (stationId: string, p: Parameters<GapRecovery['frame']>[1], receivedAt: number): Hj212FrameVerdict =>
    this.frame(stationId, p, receivedAt, 'tcp')

  /**
   * Wrap the MQTT `.../hj212` decoder: command answers are taken out (consumed, or refused with
   * `hj212-command`), the rest is decoded as before. The payload is split and parsed once, here,
   * and the decoder gets the parsed frames (issue 16).
   */
  mqttDecoder(
    base: (payload: Uint8Array | Hj212ParsedPayload, station: Station, now: number) => Decoded = decodeHj212Payload,
  ): (payload: Uint8Array, station: Station, now: number) => Decoded {
    return (payload, station, now) => {
      const parsed = parseHj212Payload(payload)
      const frames = parsed.frames
      const keep: Hj212ParsedPayload['frames'] = []
      const refused: PacketOutcome['rejected'] = []
      let consumed = 0
      for (let index = 0; index < frames.length; index++) {
        const p = frames[index]!
        // Unparseable frames and another MN's frames are left to the decoder, which says why.
        if (!p.ok || (station.mn !== undefined && p.value.mn !== station.mn)) {
          keep.push(p)
          continue
        }
        const v = this.frame(station.id, p.value, now, 'mqtt')
        if (v.action === 'pass' || v.action === 'history') {
          keep.push(p)
          continue
        }
        if (v.action === 'refuse') refused.push({ index, reason: 'hj212-command', message: v.message })
        consumed++
      }
      if (consumed === 0) return base(parsed, station, now)
      // Bytes outside frames, which the decoder would report, when only some frames reach it.
      for (const g of parsed.garbage)
        refused.push({ index: -1, reason: garbageRejectReason(g.reason), message: `${g.bytes.length} bytes outside a frame (${g.reason})` })
      if (keep.length === 0) return { ok: true, value: { readings: [], warnings: [], rejected: refused } }
      const r = base({ frames: keep, garbage: [] }, station, now)
      if (!r.ok)
        return refused.length > 0
          ? { ok: true, value: { readings: [], warnings: [], rejected: [...refused, { index: -1, reason: r.reason, message: r.message }] } }
          : r
      return { ok: true, value: { ...r.value, rejected: [...r.value.rejected, ...refused] } }
    }
  }

  /** Accepted readings (every transport): gap detection on return. */
  readings(station: Pick<Station, 'id'>, readings: readonly Reading[]): void {
    if (!this.o.settings.auto || !this.routes.has(station.id)) return
    this.recovery.readings(station.id, readings)
  }

  /** Admin: request history for [from, to] (the whole range, as asked). */
  async requestHistory(
    stationId: string,
    from: number,
    to: number,
    by: string,
  ): Promise<{ ok: true; gaps: GapRecord[] } | { ok: false; error: string }> {
    if (!this.session.knows(stationId))
      return { ok: false, error: `station ${stationId} has not sent an HJ 212 frame since start: its logger cannot be addressed` }
    return { ok: true, gaps: await this.recovery.recover(stationId, from, to, 'manual', by) }
  }

  /** Admin: read the logger's clock and set it when it is off. */
  syncClock(stationId: string, by: string): { ok: true } | { ok: false; error: string } {
    return this.recovery.checkClock(stationId, by)
  }

  /** The command log and gaps, newest first. */
  view(stationId?: string, limit = 200): Hj212CommandsView {
    const out: Hj212CommandsView = {
      commands: this.log.list({ ...(stationId ? { stationId } : {}), limit }),
      gaps: this.recovery.list(stationId, limit),
    }
    if (stationId) {
      const busy = this.session.busy(stationId)
      if (busy) out.busy = { ...busy }
      const route = this.routes.get(stationId)
      if (route) out.route = route
    }
    return out
  }

  close(): void {
    clearInterval(this.sweepTimer)
    this.session.close()
    this.log.flush()
  }

  private frame(stationId: string, p: Parameters<GapRecovery['frame']>[1], receivedAt: number, via: CommandRoute): Hj212FrameVerdict {
    this.routes.set(stationId, via)
    if (!this.o.settings.auto) {
      // Manual commands only: the session still classifies, but nothing is asked on its own.
      const v = this.session.observe(stationId, p, receivedAt)
      if (v.action === 'pass' && p.qn !== undefined) this.session.setAddress(stationId, { mn: p.mn, pw: p.pw, st: p.st })
      return v
    }
    return this.recovery.frame(stationId, p, receivedAt)
  }

  private send(stationId: string, frame: string): CommandRoute | undefined {
    const route = this.routes.get(stationId)
    if (route === 'tcp') return this.o.sendTcp(stationId, frame) ? 'tcp' : undefined
    const st = this.o.lookup(stationId)
    if (route !== 'mqtt' || !st) return undefined
    this.o.publish(this.o.topics.command(st.kind as StationKind, st.id), frame)
    return 'mqtt'
  }
}
