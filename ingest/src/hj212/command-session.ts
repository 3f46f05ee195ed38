/**
 * envmon as HJ 212 upper computer (issue 12): the command sessions with the data loggers. One
 * outstanding command per station (the rest wait in a short queue); each follows the standard's
 * request flow (HJ 212-2017 §6): request → 9011 QnRtn → uploads under the request's QN (history
 * data, or the CN 1011 clock) → 9012 ExeRtn. An unanswered request is sent again with a new QN
 * after a back-off, up to `retries` times, then it has timed out.
 *
 * Transport-agnostic: `send` puts a frame on the station's TCP connection or its MQTT command
 * topic. Every authenticated frame of an HJ 212 station passes through {@link CommandSession.observe},
 * which says what to do with it: ordinary data passes, command answers are consumed, history
 * uploads under an outstanding QN are stored (and counted), and what no request explains — an
 * answer to a QN never asked, a garbled answer, history for another MN, more history than was
 * asked for — is refused with a reason. Nothing here blocks a connection: observe is synchronous.
 */
import {
  buildGetTime,
  buildHistoryRequest,
  buildSetTime,
  dataKindOf,
  formatDataTime,
  formatQn,
  HISTORY_CN,
  HJ212_COMMAND_CN,
  readCommandAnswer,
  type Hj212Address,
  type Hj212HistoryKind,
  type Hj212Packet,
} from '../../../shared/src/protocol/hj212/index'
import type { CommandEntry, CommandLog } from './command-log'

/** What to ask a logger. */
export type CommandSpec =
  { type: 'history'; kind: Hj212HistoryKind; begin: number; end: number } | { type: 'get-time' } | { type: 'set-time' }

/** Where a frame went; undefined when the station has no live link. */
export type CommandRoute = 'tcp' | 'mqtt'

/** What to do with an observed frame. */
export type ObserveVerdict =
  | { action: 'pass' }
  | { action: 'consume' }
  | { action: 'history'; entry: CommandEntry }
  | { action: 'refuse'; message: string; consumed: boolean }

/** How a command ended, for whoever asked (gap recovery, clock check). */
export interface CommandOutcome {
  entry: CommandEntry
  spec: CommandSpec
  /** CN 1011: the logger's clock and when it was read (ms). */
  clock?: { systemTime: number; receivedAt: number }
}

/** Options of {@link CommandSession}. */
export interface CommandSessionOptions {
  log: CommandLog
  /** Put a frame on the station's link; undefined when it has none now. */
  send: (stationId: string, frame: string) => CommandRoute | undefined
  now: () => number
  /** Wait for each answer (9011, then each upload or the 9012) this long. Default 60 s. */
  timeoutMs?: number
  /** Resends after a timeout. Default 2. */
  retries?: number
  /** First back-off before a resend, doubled each time. Default 5 s. */
  backoffMs?: number
  /** Commands waiting per station behind the outstanding one. Default 8. */
  maxQueued?: number
  /** Most readings accepted under one history request, per expected interval count (flood guard). Default: 2× the span's intervals + 10. */
  maxReadings?: (spec: Extract<CommandSpec, { type: 'history' }>) => number
  /** A command ended (executed, failed or timed out). */
  onDone?: (o: CommandOutcome) => void
}

interface Outstanding {
  stationId: string
  spec: CommandSpec
  entry: CommandEntry
  /** Retired QNs of earlier attempts: a late answer to them is stale, not unknown. */
  retired: string[]
  timer?: ReturnType<typeof setTimeout>
  clock?: { systemTime: number; receivedAt: number }
}

/** Counters, live. */
export interface CommandSessionStats {
  sent: number
  executed: number
  failed: number
  timedOut: number
  retries: number
  /** Frames refused: unknown QN, garbled answer, history for another MN, flood. */
  refused: number
  historyReadings: number
}

/**
 * @example
 * const session = new CommandSession({ log, now, send: (id, frame) => listener.sendTo(id, frame) ? 'tcp' : undefined })
 * session.setAddress('DG-A01', { mn, pw, st })
 * session.request('DG-A01', { type: 'history', kind: 'minute', begin, end }, 'auto')
 */
export class CommandSession {
  readonly stats: CommandSessionStats = { sent: 0, executed: 0, failed: 0, timedOut: 0, retries: 0, refused: 0, historyReadings: 0 }
  private readonly addresses = new Map<string, Hj212Address>()
  private readonly outstanding = new Map<string, Outstanding>()
  private readonly byQn = new Map<string, Outstanding>()
  private readonly queues = new Map<string, { spec: CommandSpec; by: string; onStart?: (e: CommandEntry) => void }[]>()
  private lastQn = 0
  private readonly timeoutMs: number
  private readonly retries: number
  private readonly backoffMs: number
  private closed = false

  constructor(private readonly o: CommandSessionOptions) {
    this.timeoutMs = o.timeoutMs ?? 60_000
    this.retries = o.retries ?? 2
    this.backoffMs = o.backoffMs ?? 5_000
  }

  /** Remember how to address a station's logger (MN, PW, ST of its last authenticated frame; memory only). */
  setAddress(stationId: string, a: Hj212Address): void {
    const cur = this.addresses.get(stationId)
    if (!cur || cur.mn !== a.mn || cur.pw !== a.pw || cur.st !== a.st) this.addresses.set(stationId, { ...a })
  }

  /** Whether envmon can address this station's logger (it has sent an authenticated frame). */
  knows(stationId: string): boolean {
    return this.addresses.has(stationId)
  }

  /** The station's outstanding command, if any. */
  busy(stationId: string): CommandEntry | undefined {
    return this.outstanding.get(stationId)?.entry
  }

  /**
   * Ask a logger: sent now when the station is idle, else queued (bounded). Returns the log entry
   * when sent now, none when queued, or an error (unknown station address, queue full).
   * `onStart` gets the log entry when the command goes out (now or later).
   */
  request(
    stationId: string,
    spec: CommandSpec,
    by: string,
    onStart?: (e: CommandEntry) => void,
  ): { ok: true; entry?: CommandEntry } | { ok: false; error: string } {
    if (this.closed) return { ok: false, error: 'shutting down' }
    if (!this.addresses.has(stationId))
      return { ok: false, error: `station ${stationId} has not sent an HJ 212 frame since start: its logger cannot be addressed` }
    if (this.outstanding.has(stationId)) {
      const q = this.queues.get(stationId) ?? []
      if (q.length >= (this.o.maxQueued ?? 8)) return { ok: false, error: `station ${stationId} already has ${q.length} commands waiting` }
      q.push({ spec, by, ...(onStart ? { onStart } : {}) })
      this.queues.set(stationId, q)
      return { ok: true }
    }
    return { ok: true, entry: this.start(stationId, spec, by, onStart) }
  }

  /**
   * Classify an authenticated frame of `stationId` (see the file comment). `receivedAt` is when it
   * arrived (for the CN 1011 clock comparison).
   */
  observe(stationId: string, p: Hj212Packet, receivedAt: number): ObserveVerdict {
    const answer = readCommandAnswer(p)
    if (answer === undefined) {
      // A data upload: history when its QN is an outstanding request's.
      if (dataKindOf(p.cn) === undefined || p.qn === undefined) return { action: 'pass' }
      const out = this.byQn.get(p.qn)
      // A logger's own upload may carry the same QN by chance (both are times to the millisecond):
      // only the CN a history request asked for is its answer; anything else is ordinary data.
      if (out === undefined || out.spec.type !== 'history' || HISTORY_CN[out.spec.kind] !== p.cn) return { action: 'pass' }
      if (out.stationId !== stationId)
        return this.refuse(`MN ${p.mn} sent history under QN ${p.qn}, a request to station ${out.stationId}: not stored`, false)
      return this.history(out, p)
    }
    if (answer.type === 'invalid') {
      const out = answer.qn === undefined ? undefined : this.byQn.get(answer.qn)
      if (out && out.stationId === stationId) this.finish(out, 'failed', `garbled answer: ${answer.message}`)
      return this.refuse(answer.message, true)
    }
    const out = this.byQn.get(answer.qn)
    if (out === undefined || out.stationId !== stationId) {
      const stale = [...this.outstanding.values()].some((x) => x.stationId === stationId && x.retired.includes(answer.qn))
      if (stale) return { action: 'consume' } // an answer to an earlier attempt, overtaken by the retry
      return this.refuse(`MN ${p.mn} CN ${p.cn}: answer to QN ${answer.qn}, which envmon never sent to this station`, true)
    }
    switch (answer.type) {
      case 'request-answer':
        if (!answer.ok) this.finish(out, 'failed', `refused by the logger: QnRtn=${answer.qnRtn} (${answer.meaning})`)
        else {
          this.o.log.update(out.entry, { state: 'acknowledged' }, this.o.now())
          this.arm(out)
        }
        return { action: 'consume' }
      case 'time':
        if (out.spec.type !== 'get-time')
          return this.refuse(`MN ${p.mn}: a clock upload under QN ${answer.qn}, which asked for ${out.entry.cn}`, true)
        out.clock = { systemTime: answer.systemTime, receivedAt }
        this.arm(out)
        return { action: 'consume' }
      case 'exec-result': {
        if (answer.ok || answer.noData) this.finish(out, 'executed', this.describe(out, answer.noData))
        else this.finish(out, 'failed', `the logger could not execute it: ExeRtn=${answer.exeRtn} (${answer.meaning})`)
        return { action: 'consume' }
      }
    }
  }

  /** Stop: clear timers; outstanding commands are left as they are in the log (see CommandLog.load). */
  close(): void {
    this.closed = true
    for (const out of this.outstanding.values()) clearTimeout(out.timer)
  }

  private history(out: Outstanding, p: Hj212Packet): ObserveVerdict {
    const spec = out.spec
    if (spec.type !== 'history') return { action: 'pass' }
    if (p.dataTime !== undefined && (p.dataTime < spec.begin || p.dataTime > spec.end)) {
      return this.refuse(
        `MN ${p.mn}: history at ${formatDataTime(p.dataTime)} outside the requested ${out.entry.params.BeginTime}..${out.entry.params.EndTime}: not stored`,
        false,
      )
    }
    const max = this.o.maxReadings?.(spec) ?? defaultMaxReadings(spec)
    if (out.entry.readings >= max)
      return this.refuse(`MN ${p.mn}: more than ${max} history uploads under QN ${p.qn} (flood): the rest is not stored`, false)
    // Split packets (PNUM/PNO) each carry their own DataTime and share of factors: one reading slot per DataTime.
    if (p.pno === undefined || p.pno === 1) out.entry.readings++
    this.stats.historyReadings++
    this.o.log.update(out.entry, { readings: out.entry.readings }, this.o.now())
    this.arm(out)
    return { action: 'history', entry: out.entry }
  }

  private refuse(message: string, consumed: boolean): ObserveVerdict {
    this.stats.refused++
    return { action: 'refuse', message, consumed }
  }

  private describe(out: Outstanding, noData: boolean): string {
    if (out.spec.type === 'history')
      return noData ? 'executed: the logger has no data for this span' : `executed: ${out.entry.readings} upload(s) received`
    if (out.spec.type === 'get-time') {
      if (!out.clock) return 'executed, but no clock upload came'
      const drift = Math.round((out.clock.systemTime - out.clock.receivedAt) / 1000)
      return `logger clock ${formatDataTime(out.clock.systemTime)} (${drift >= 0 ? '+' : ''}${drift} s against the receive time)`
    }
    return `clock set to ${out.entry.params.SystemTime}`
  }

  private newQn(): string {
    // Unique per process even for two commands in one millisecond.
    const t = Math.max(this.o.now(), this.lastQn + 1)
    this.lastQn = t
    return formatQn(t)
  }

  private frame(stationId: string, spec: CommandSpec, qn: string): { frame: string; cn: string; params: Record<string, string> } {
    const a = this.addresses.get(stationId)!
    switch (spec.type) {
      case 'history':
        return {
          frame: buildHistoryRequest(a, qn, spec.kind, spec.begin, spec.end),
          cn: HISTORY_CN[spec.kind],
          params: { BeginTime: formatDataTime(spec.begin), EndTime: formatDataTime(spec.end) },
        }
      case 'get-time':
        return { frame: buildGetTime(a, qn), cn: HJ212_COMMAND_CN.getTime, params: {} }
      case 'set-time': {
        // The time is taken when the frame leaves, so a queued set carries the right time.
        const t = this.o.now()
        return { frame: buildSetTime(a, qn, t), cn: HJ212_COMMAND_CN.setTime, params: { SystemTime: formatDataTime(t) } }
      }
    }
  }

  private start(stationId: string, spec: CommandSpec, by: string, onStart?: (e: CommandEntry) => void): CommandEntry {
    const qn = this.newQn()
    const f = this.frame(stationId, spec, qn)
    const entry = this.o.log.add({ qn, stationId, cn: f.cn, params: f.params, state: 'sent', by, attempts: 1, readings: 0 }, this.o.now())
    const out: Outstanding = { stationId, spec, entry, retired: [] }
    this.outstanding.set(stationId, out)
    this.byQn.set(qn, out)
    onStart?.(entry)
    this.transmit(out, f.frame)
    return entry
  }

  private transmit(out: Outstanding, frame: string): void {
    let via: CommandRoute | undefined
    try {
      via = this.o.send(out.stationId, frame)
    } catch {
      via = undefined
    }
    if (via === undefined)
      return this.finish(out, 'failed', 'not sent: the station has no live HJ 212 link (TCP connection or MQTT session)')
    this.stats.sent++
    this.o.log.update(out.entry, { via }, this.o.now())
    this.arm(out)
  }

  /** (Re)start the answer timer. */
  private arm(out: Outstanding): void {
    clearTimeout(out.timer)
    out.timer = setTimeout(() => this.expire(out), this.timeoutMs)
    out.timer.unref?.()
  }

  private expire(out: Outstanding): void {
    if (this.outstanding.get(out.stationId) !== out) return
    const e = out.entry
    // Uploads came but no 9012: what arrived is stored; the command did not finish.
    if (e.state === 'acknowledged' && e.readings > 0)
      return this.finish(out, 'timed-out', `no 9012 within ${this.timeoutMs / 1000} s; ${e.readings} upload(s) received and stored`)
    if (e.attempts > this.retries) return this.finish(out, 'timed-out', `no answer after ${e.attempts} attempt(s)`)
    this.stats.retries++
    const wait = this.backoffMs * 2 ** (e.attempts - 1)
    out.timer = setTimeout(() => {
      if (this.outstanding.get(out.stationId) !== out || this.closed) return
      out.retired.push(e.qn)
      this.byQn.delete(e.qn)
      const qn = this.newQn()
      const f = this.frame(out.stationId, out.spec, qn)
      this.byQn.set(qn, out)
      this.o.log.update(
        e,
        { qn, state: 'sent', attempts: e.attempts + 1, params: f.params, result: `resent after ${e.attempts} unanswered attempt(s)` },
        this.o.now(),
      )
      this.transmit(out, f.frame)
    }, wait)
    out.timer.unref?.()
  }

  private finish(out: Outstanding, state: 'executed' | 'failed' | 'timed-out', result: string): void {
    clearTimeout(out.timer)
    if (this.outstanding.get(out.stationId) !== out) return
    this.outstanding.delete(out.stationId)
    this.byQn.delete(out.entry.qn)
    this.o.log.update(out.entry, { state, result }, this.o.now())
    if (state === 'executed') this.stats.executed++
    else if (state === 'failed') this.stats.failed++
    else this.stats.timedOut++
    try {
      this.o.onDone?.({ entry: out.entry, spec: out.spec, ...(out.clock ? { clock: out.clock } : {}) })
    } catch {
      // The caller's bookkeeping must not stop the session.
    }
    // onDone may have sent a follow-up (the clock set after a clock read): the queue waits for it.
    if (this.outstanding.has(out.stationId) || this.closed) return
    const next = this.queues.get(out.stationId)?.shift()
    if (next) this.start(out.stationId, next.spec, next.by, next.onStart)
  }
}

/** Twice the intervals a span can hold at its kind's period, plus slack for split packets counted once. */
function defaultMaxReadings(spec: Extract<CommandSpec, { type: 'history' }>): number {
  const period = spec.kind === 'minute' ? 60_000 : spec.kind === 'hourly' ? 3_600_000 : 86_400_000
  return 2 * (Math.floor((spec.end - spec.begin) / period) + 1) + 10
}
