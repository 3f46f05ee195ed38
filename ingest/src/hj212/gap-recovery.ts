/**
 * Gap recovery and clock keeping for HJ 212 stations (issue 12), on top of {@link CommandSession}:
 *
 * - A station comes back after a gap (a reading more than `silenceIntervals` intervals after the
 *   previous one), or a closed hour has holes ({@link GapRecovery.sweep}): the missing spans
 *   (asked of the {@link GapFinder}) are requested from the logger as minute data (CN 2051), or
 *   hourly data (CN 2061) for stations reporting hourly, in chunks of at most `maxSpanMs`, one
 *   chunk at a time. What comes back goes the normal way (spool, store, the late-data rules: dated
 *   by the data, nobody paged for what is over); the gap is marked recovered when the logger says
 *   it is done (9012).
 * - The logger's clock is read (CN 1011) the first time a station is seen, every
 *   `clockCheckEveryMs`, and whenever a real-time frame's DataTime is more than the threshold off
 *   its receive time; past the threshold, it is set (CN 1012). Every change is in the command log.
 */
import type { Reading } from '../../../shared/src/domain/reading'
import type { Hj212GapRecord } from '../../../shared/src/protocol/http/hj212'
import { formatDataTime, type Hj212Packet } from '../../../shared/src/protocol/hj212/index'
import type { CommandOutcome, CommandSession, CommandSpec, ObserveVerdict } from './command-session'
import type { GapFinder, TimeRange } from './gap-finder'

/** A gap and what became of it (the wire type: shared/src/protocol/http/hj212.ts). */
export type GapRecord = Hj212GapRecord

/** Options of {@link GapRecovery}. */
export interface GapRecoveryOptions {
  session: CommandSession
  finder: GapFinder
  now: () => number
  /** A station's reporting interval in ms, or undefined when it is not registered. */
  intervalOf: (stationId: string) => number | undefined
  /** Silence longer than this many intervals is a gap. Default 3. */
  silenceIntervals?: number
  /** Longest span per history request. Default 6 h. */
  maxSpanMs?: number
  /** Oldest data worth requesting (older gaps are clipped). Default 7 days. */
  maxAgeMs?: number
  /** Set the logger's clock when it is off by more than this. Default 5 min. */
  clockThresholdMs?: number
  /** Read each logger's clock this often. Default 6 h. */
  clockCheckEveryMs?: number
  /** Gaps kept for display. Default 1000. */
  maxGaps?: number
  /** One line for the operators' log. */
  log?: (level: 'info' | 'warn', line: string) => void
}

interface GapWork {
  gap: GapRecord
  chunks: TimeRange[]
  kind: 'minute' | 'hourly'
}

const HOUR = 3_600_000

/**
 * @example
 * const recovery = new GapRecovery({ session, finder, now, intervalOf: (id) => registry.get(id)?.intervalSec * 1000 })
 * // every authenticated frame: const verdict = recovery.frame(stationId, packet, now)
 * // every accepted batch:      recovery.readings(stationId, readings)
 */
export class GapRecovery {
  private readonly gaps: GapRecord[] = []
  private nextId = 1
  private readonly lastTs = new Map<string, number>()
  private readonly lastClockCheck = new Map<string, number>()
  private readonly work = new Map<string, GapWork[]>()
  private readonly active = new Map<number, GapWork>()
  private readonly swept = new Map<string, number>()

  constructor(private readonly o: GapRecoveryOptions) {}

  /** An authenticated frame of an HJ 212 station: remember its address, watch its clock, classify it. */
  frame(stationId: string, p: Hj212Packet, receivedAt: number): ObserveVerdict {
    const verdict = this.o.session.observe(stationId, p, receivedAt)
    if (verdict.action === 'pass' && p.qn !== undefined) {
      // Data frames carry the logger's MN, PW and ST: how to address it.
      this.o.session.setAddress(stationId, { mn: p.mn, pw: p.pw, st: p.st })
      this.clockWatch(stationId, p, receivedAt)
    }
    return verdict
  }

  /** Accepted readings of a station (live or recovered): gap detection on return. */
  readings(stationId: string, readings: readonly Reading[]): void {
    const intervalMs = this.o.intervalOf(stationId)
    if (intervalMs === undefined || readings.length === 0) return
    const times = readings.map((r) => r.ts).sort((a, b) => a - b)
    ;(this.o.finder as { record?: (id: string, i: number, t: readonly number[]) => void }).record?.(stationId, intervalMs, times)
    // History answering a request lies inside a gap envmon recorded: it is not the station coming back.
    const live = times.filter((t) => !this.insideGap(stationId, t))
    if (live.length === 0) return
    const last = this.lastTs.get(stationId)
    const silence = (this.o.silenceIntervals ?? 3) * intervalMs
    if (last !== undefined && this.o.session.knows(stationId)) {
      // Only the first new time after the old newest can open a gap; earlier times are backfill.
      const next = live.find((t) => t > last)
      if (next !== undefined && next - last > silence) void this.recover(stationId, last + intervalMs, next - intervalMs, 'return')
    }
    this.lastTs.set(stationId, Math.max(last ?? -Infinity, live.at(-1)!))
  }

  /**
   * Look for holes in the last closed hour of every station that speaks HJ 212 and request them
   * (each hour at most once per station).
   */
  async sweep(stationIds: Iterable<string>): Promise<void> {
    const now = this.o.now()
    const hourEnd = Math.floor(now / HOUR) * HOUR
    for (const id of stationIds) {
      if (!this.o.session.knows(id) || this.swept.get(id) === hourEnd) continue
      this.swept.set(id, hourEnd)
      await this.recover(id, hourEnd - HOUR, hourEnd - 1, 'sweep')
    }
  }

  /**
   * Find and request what is missing of [from, to] for a station (also the admin's "request
   * history for this range": `found: 'manual'` requests the whole range as asked).
   */
  async recover(stationId: string, from: number, to: number, found: GapRecord['found'], by = 'auto'): Promise<GapRecord[]> {
    const intervalMs = this.o.intervalOf(stationId)
    if (intervalMs === undefined || to < from) return []
    const oldest = this.o.now() - (this.o.maxAgeMs ?? 7 * 86_400_000)
    from = Math.max(from, oldest)
    let spans: TimeRange[]
    try {
      spans = found === 'manual' ? [{ from, to }] : await this.o.finder.missing(stationId, from, to, intervalMs)
    } catch (e) {
      this.o.log?.('warn', `HJ 212 gap check for ${stationId} failed: ${(e as Error).message}`)
      return []
    }
    const out: GapRecord[] = []
    for (const s of spans) {
      if (this.overlapsOpen(stationId, s)) continue
      const kind = intervalMs >= HOUR ? 'hourly' : 'minute'
      const gap: GapRecord = {
        id: this.nextId++,
        stationId,
        from: s.from,
        to: s.to,
        state: 'requested',
        found,
        by,
        readings: 0,
        commands: [],
        detectedAt: this.o.now(),
      }
      this.keep(gap)
      out.push(gap)
      this.o.log?.(
        'info',
        `HJ 212: ${stationId} is missing ${formatDataTime(s.from)}..${formatDataTime(s.to)} (UTC+8, ${found}); requesting it from the logger`,
      )
      const list = this.work.get(stationId) ?? []
      list.push({ gap, chunks: chunk(s, this.o.maxSpanMs ?? 6 * HOUR, intervalMs), kind })
      this.work.set(stationId, list)
    }
    this.pump(stationId)
    return out
  }

  /** Read the logger's clock now (also the admin's "sync clock": `setIfOff` sets it past the threshold). */
  checkClock(stationId: string, by = 'auto'): { ok: true } | { ok: false; error: string } {
    this.lastClockCheck.set(stationId, this.o.now())
    const r = this.o.session.request(stationId, { type: 'get-time' }, by)
    return r.ok ? { ok: true } : r
  }

  /** A command finished: next chunk of its gap, or the clock set after a clock read. */
  done(o: CommandOutcome): void {
    const { entry, spec } = o
    if (spec.type === 'get-time' && o.clock && entry.state === 'executed') {
      const drift = o.clock.systemTime - o.clock.receivedAt
      if (Math.abs(drift) > (this.o.clockThresholdMs ?? 300_000)) {
        this.o.log?.('info', `HJ 212: ${entry.stationId}'s logger clock is ${Math.round(drift / 1000)} s off; setting it (CN 1012)`)
        this.o.session.request(entry.stationId, { type: 'set-time' }, entry.by)
      }
      return
    }
    if (spec.type === 'set-time' && entry.state === 'executed')
      this.o.log?.('info', `HJ 212: ${entry.stationId}'s logger clock set to ${entry.params.SystemTime} (UTC+8)`)
    const w = this.active.get(entry.id)
    if (!w) return
    this.active.delete(entry.id)
    const g = w.gap
    g.readings += entry.readings
    if (entry.state !== 'executed') {
      g.state = 'failed'
      g.result = `${entry.cn} ${entry.state}: ${entry.result ?? ''}`
      this.dropWork(entry.stationId, w)
    } else if (w.chunks.length === 0) {
      g.state = g.readings > 0 ? 'recovered' : 'no-data'
      g.result = g.readings > 0 ? `${g.readings} upload(s) recovered` : 'the logger had no data for it'
      this.o.log?.('info', `HJ 212: ${g.stationId} gap ${formatDataTime(g.from)}..${formatDataTime(g.to)} ${g.state} (${g.result})`)
      this.dropWork(entry.stationId, w)
    }
    this.pump(entry.stationId)
  }

  /** Gaps, newest first, optionally for one station. */
  list(stationId?: string, limit = 100): GapRecord[] {
    const out: GapRecord[] = []
    for (let i = this.gaps.length - 1; i >= 0 && out.length < limit; i--)
      if (stationId === undefined || this.gaps[i]!.stationId === stationId)
        out.push({ ...this.gaps[i]!, commands: [...this.gaps[i]!.commands] })
    return out
  }

  private clockWatch(stationId: string, p: Hj212Packet, receivedAt: number): void {
    const last = this.lastClockCheck.get(stationId)
    const now = this.o.now()
    const every = this.o.clockCheckEveryMs ?? 6 * HOUR
    const off = p.cn === '2011' && p.dataTime !== undefined && Math.abs(p.dataTime - receivedAt) > (this.o.clockThresholdMs ?? 300_000)
    // A DataTime far off may be buffered data, not a wrong clock: a read decides, at most every 10 minutes.
    if (last === undefined || now - last >= every || (off && now - last >= 600_000)) this.checkClock(stationId)
  }

  /** Send the next chunk of the station's oldest pending gap when the session is free for it. */
  private pump(stationId: string): void {
    const list = this.work.get(stationId)
    const w = list?.[0]
    if (!w || [...this.active.values()].some((a) => a.gap.stationId === stationId)) return
    const c = w.chunks.shift()
    if (!c) return this.dropWork(stationId, w)
    const intervalMs = this.o.intervalOf(stationId) ?? 60_000
    const spec: CommandSpec = {
      type: 'history',
      kind: w.kind,
      begin: c.from,
      end: c.to + (w.kind === 'minute' ? Math.min(intervalMs, 60_000) - 1000 : 0),
    }
    // Marked active before the request, so only one chunk of this station is in the session at a time.
    const pending = -w.gap.id
    this.active.set(pending, w)
    const r = this.o.session.request(stationId, spec, w.gap.by, (e) => {
      this.active.delete(pending)
      w.gap.commands.push(e.id)
      this.active.set(e.id, w)
    })
    if (!r.ok) {
      this.active.delete(pending)
      w.gap.state = 'failed'
      w.gap.result = r.error
      this.dropWork(stationId, w)
      this.pump(stationId)
    }
  }

  private dropWork(stationId: string, w: GapWork): void {
    const list = this.work.get(stationId)
    if (!list) return
    const i = list.indexOf(w)
    if (i >= 0) list.splice(i, 1)
    if (list.length === 0) this.work.delete(stationId)
  }

  private insideGap(stationId: string, t: number): boolean {
    for (let i = this.gaps.length - 1; i >= 0; i--) {
      const g = this.gaps[i]!
      // A request's span ends a little after its last slot (the whole last minute is asked for).
      if (g.stationId === stationId && t >= g.from && t < g.to + 60_000) return true
    }
    return false
  }

  private overlapsOpen(stationId: string, s: TimeRange): boolean {
    return this.gaps.some((g) => g.stationId === stationId && g.state === 'requested' && g.from <= s.to && s.from <= g.to)
  }

  private keep(g: GapRecord): void {
    this.gaps.push(g)
    const max = this.o.maxGaps ?? 1000
    if (this.gaps.length > max) this.gaps.splice(0, this.gaps.length - max)
  }
}

/** Split a span into pieces of at most `maxSpanMs`, on the interval grid. */
export function chunk(s: TimeRange, maxSpanMs: number, intervalMs: number): TimeRange[] {
  const step = Math.max(intervalMs, Math.floor(maxSpanMs / intervalMs) * intervalMs)
  const out: TimeRange[] = []
  for (let from = s.from; from <= s.to; from += step) out.push({ from, to: Math.min(s.to, from + step - intervalMs) })
  return out
}
