/**
 * The simulated data logger's side of HJ 212 two-way communication (issue 12): it keeps a local
 * history buffer of what it measured (also while its link is down), its own clock (which may
 * drift), and answers the centre's requests per HJ 212-2017 §6: 9011 with QnRtn, then the data
 * (CN 2051 minute / 2061 hourly / 2031 daily history with Avg/Min/Max, split into PNUM/PNO packets
 * when long) or the CN 1011 clock upload, then 9012 with ExeRtn (100 when it has no data).
 * `misbehave` makes it a bad logger for tests of the centre's defences.
 */
import type { Station } from '../../../shared/src/domain/station'
import {
  buildDataUpload,
  buildExecResult,
  buildRequestAnswer,
  buildTimeUpload,
  encodeFrame,
  formatQn,
  FrameSplitter,
  parseFrame,
  readRequest,
  type IntervalValues,
} from '../../../shared/src/protocol/hj212/index'
import type { Sample } from '../models/types'
import { ST_CODE } from '../real-stations'
import { factorCodeOf, type TimedSample } from './encoders'

/** How a bad logger misbehaves when asked for history. */
export type LoggerMisbehaviour = 'silent' | 'garbage' | 'wrong-qn' | 'flood' | 'other-mn'

/** Options of {@link SimLogger}. */
export interface SimLoggerOptions {
  /** PW the logger expects and sends. Default `123456`. */
  password?: string
  /** True time, epoch ms. Default Date.now. */
  now?: () => number
  /** The logger's clock runs this far ahead (negative: behind). Default 0. */
  clockOffsetMs?: number
  /** Most samples kept. Default 20 000 (two weeks of minutes). */
  maxSamples?: number
  /** Largest data segment per history frame (smaller forces PNUM/PNO split packets). Default 1024. */
  maxDataLength?: number
  /** Ask for 9014 on history uploads (Flag A). Default false. */
  ackRequired?: boolean
  misbehave?: LoggerMisbehaviour
}

const HOUR = 3_600_000
const DAY = 86_400_000
const CST = 8 * HOUR

/**
 * @example
 * const logger = new SimLogger(station, { password })
 * logger.record(t, sample)
 * for (const frame of logger.answer(requestFrame)) await link.send('hj212', Buffer.from(frame, 'ascii'))
 */
export class SimLogger {
  /** Clock sets applied (CN 1012). */
  clockSets = 0
  /** Requests answered. */
  answered = 0
  /** Requests it could not answer, why (newest last). */
  readonly errors: string[] = []
  private readonly samples: TimedSample[] = []
  private readonly mn: string
  private readonly pw: string
  private readonly st: string
  private offset: number
  private readonly now: () => number

  constructor(
    private readonly station: Pick<Station, 'id' | 'kind' | 'mn'>,
    private readonly o: SimLoggerOptions = {},
  ) {
    if (!station.mn) throw new Error(`invalid station ${station.id}: no mn for HJ 212`)
    this.mn = station.mn
    this.pw = o.password ?? '123456'
    this.st = ST_CODE[station.kind]
    this.offset = o.clockOffsetMs ?? 0
    this.now = o.now ?? Date.now
  }

  /** The logger's clock reading for true time `t`. */
  clock(t = this.now()): number {
    return t + this.offset
  }

  /** How far its clock is off, ms. */
  get clockOffsetMs(): number {
    return this.offset
  }

  /** Keep a measured sample (true time `t`; stamped with the logger's clock). */
  record(t: number, sample: Sample): void {
    this.samples.push({ t: this.clock(t), sample })
    const max = this.o.maxSamples ?? 20_000
    if (this.samples.length > max) this.samples.splice(0, this.samples.length - max)
  }

  /** Samples kept. */
  get size(): number {
    return this.samples.length
  }

  /**
   * The frames to send back for bytes received from the centre (one or more frames); nothing for
   * frames that are not requests to this logger.
   */
  answer(received: string | Uint8Array): string[] {
    const splitter = new FrameSplitter()
    const out: string[] = []
    for (const f of splitter.push(typeof received === 'string' ? new TextEncoder().encode(received) : received).frames) {
      try {
        out.push(...this.answerOne(f))
      } catch (e) {
        // A logger never crashes on a request; it counts it (e.g. maxDataLength below one factor group).
        this.errors.push((e as Error).message)
      }
    }
    return out
  }

  private answerOne(frame: string): string[] {
    const p = parseFrame(frame)
    if (!p.ok || p.value.mn !== this.mn) return []
    const req = readRequest(p.value)
    if (req === undefined || req.qn === undefined) return []
    const me = { mn: this.mn, pw: this.pw, st: this.st }
    if (p.value.pw !== this.pw) return [buildRequestAnswer(me, req.qn, 3)]
    if (req.type === 'invalid') return [buildRequestAnswer(me, req.qn, 100)]
    this.answered++
    const bad = this.o.misbehave
    if (req.type === 'get-time')
      return [buildRequestAnswer(me, req.qn, 1), buildTimeUpload(me, req.qn, this.clock()), buildExecResult(me, req.qn, 1)]
    if (req.type === 'set-time') {
      this.offset = req.time - this.now()
      this.clockSets++
      return [buildRequestAnswer(me, req.qn, 1), buildExecResult(me, req.qn, 1)]
    }
    if (bad === 'silent') return []
    if (bad === 'garbage')
      return [encodeFrame({ qn: req.qn, st: '91', cn: '9011', pw: this.pw, mn: this.mn, flag: 4, cp: 'QnRtn=ok!' }), 'garbage\r\n']
    const qn = bad === 'wrong-qn' ? formatQn(Date.parse('2001-01-01T00:00:00Z')) : req.qn
    const mn = bad === 'other-mn' ? `${this.mn}X`.slice(0, 24) : this.mn
    const groups = this.aggregate(req.kind, req.begin, req.end)
    const cn = req.kind === 'minute' ? '2051' : req.kind === 'hourly' ? '2061' : '2031'
    const uploads: string[] = []
    const repeat = bad === 'flood' ? 50 : 1
    for (let r = 0; r < repeat; r++) {
      for (const g of groups) {
        uploads.push(
          ...buildDataUpload({
            cn,
            qn,
            st: this.st,
            pw: this.pw,
            mn,
            dataTime: g.t,
            factors: g.factors,
            ackRequired: this.o.ackRequired ?? false,
            ...(this.o.maxDataLength ? { maxDataLength: this.o.maxDataLength } : {}),
          }),
        )
      }
    }
    return [buildRequestAnswer(me, qn, 1), ...uploads, buildExecResult(me, qn, groups.length > 0 ? 1 : 100)]
  }

  /** Samples in [begin, end] by the request's period: one group per minute, hour or CST day. */
  private aggregate(
    kind: 'minute' | 'hourly' | 'daily',
    begin: number,
    end: number,
  ): { t: number; factors: Record<string, IntervalValues> }[] {
    const period = kind === 'minute' ? 60_000 : kind === 'hourly' ? HOUR : DAY
    const bucketOf = (t: number) => (kind === 'daily' ? Math.floor((t + CST) / DAY) * DAY - CST : Math.floor(t / period) * period)
    const buckets = new Map<number, Map<string, { sum: number; n: number; min: number; max: number; flag: string }>>()
    for (const { t, sample } of this.samples) {
      if (t < begin || t > end) continue
      const b = bucketOf(t)
      let m = buckets.get(b)
      if (!m) buckets.set(b, (m = new Map()))
      for (const key in sample.values) {
        const v = sample.values[key]!
        const code = factorCodeOf(this.station.kind, key)
        const a = m.get(code)
        if (a) {
          a.sum += v
          a.n++
          a.min = Math.min(a.min, v)
          a.max = Math.max(a.max, v)
        } else m.set(code, { sum: v, n: 1, min: v, max: v, flag: sample.flags[key] ?? 'N' })
      }
    }
    return [...buckets.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([t, m]) => ({
        t,
        factors: Object.fromEntries(
          [...m].map(([code, a]) => [code, { Avg: round(a.sum / a.n), Min: a.min, Max: a.max, Flag: a.flag as IntervalValues['Flag'] }]),
        ),
      }))
  }
}

const round = (v: number) => Math.round(v * 1e4) / 1e4
