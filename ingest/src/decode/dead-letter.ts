/**
 * Dead letters: every rejected message (and every accepted one with a warning) is counted by
 * reason and by station, published on `<prefix>/v1/deadletter/<stationId or _>`, and sampled for
 * the admin API: the last few of each (reason, station) pair, kept on disk under DATA_DIR within a
 * size bound (issue 15). Payloads are kept as base64, truncated beyond `maxPayloadBytes`.
 */
import type { DeadLetter, DeadLetterCounts } from '../../../shared/src/protocol/http/dead-letters'
import { DeadLetterFiles, sampleLine } from './dead-letter-files'
import { RateLimiter, SampleSet, stationKey } from './dead-letter-samples'

// The wire shapes are the admin API's (shared/src/protocol/http/dead-letters.ts).
export type { DeadLetter, DeadLetterCounts }

export function makeDeadLetter(
  /** `size`: the message's real size when `payload` is only its start (an oversized packet). */
  info: {
    topic: string
    stationId?: string
    reason: DeadLetter['reason']
    message: string
    warning?: boolean
    via?: 'mqtt' | 'tcp'
    size?: number
  },
  payload: Uint8Array,
  receivedAt: number,
  maxPayloadBytes = 4096,
): DeadLetter {
  const size = Math.max(info.size ?? 0, payload.byteLength)
  const truncated = size > Math.min(payload.byteLength, maxPayloadBytes)
  const d: DeadLetter = {
    topic: info.topic,
    reason: info.reason,
    message: info.message,
    warning: info.warning ?? false,
    payloadBase64: Buffer.from(payload.buffer, payload.byteOffset, Math.min(payload.byteLength, maxPayloadBytes)).toString('base64'),
    size,
    truncated,
    receivedAt: new Date(receivedAt).toISOString(),
    via: info.via ?? 'mqtt',
  }
  if (info.stationId !== undefined) d.stationId = info.stationId
  return d
}

/** Options of {@link DeadLetterLog}; every one has a default. */
export interface DeadLetterLogOptions {
  /** Keep counts and samples in this directory (DATA_DIR/dead-letter); memory only when omitted. */
  dir?: string
  /** Bound of the directory in bytes (DEAD_LETTER_MAX_BYTES); the samples get 40 % of it. */
  maxBytes?: number
  /** Samples kept per (reason, station) pair. */
  perPair?: number
  /** Stations kept per reason. */
  pairsPerReason?: number
  /** Samples kept per second per reason and per pair under a flood (beyond a burst): counting stays exact. */
  samplesPerSecond?: { reason: number; pair: number }
  /** How often counts and new samples go to disk (ms). */
  flushMs?: number
  now?: () => number
  /** A write failed (disk full): counting goes on in memory. */
  onError?: (e: Error) => void
}

/** Station keys counted apart; beyond it, stations are counted together under this key. */
const MAX_STATION_KEYS = 5000
export const OTHER_STATIONS = '(other)'

/**
 * Exact counts by reason and by station, and the last few samples of each (reason, station) pair,
 * optionally kept on disk across restarts within a size bound (dead-letter-files.ts).
 * @example
 * const log = new DeadLetterLog({ dir: join(dataDir, 'dead-letter'), maxBytes: 32 * 1024 * 1024 })
 * log.add(makeDeadLetter({ topic, reason: 'not-json', message }, payload, Date.now()))
 * log.recent(100, { reason: 'not-json' })
 */
export class DeadLetterLog {
  readonly byReason = new Map<string, number>()
  /** Station key → reason → count. */
  readonly byStation = new Map<string, Map<string, number>>()
  total = 0
  unsampled = 0
  since: string
  private readonly samples: SampleSet
  private readonly files?: DeadLetterFiles
  private readonly maxBytes: number
  private readonly reasonRate: RateLimiter
  private readonly pairRate: RateLimiter
  private readonly now: () => number
  private seq = 0
  private pending = ''
  private dirty = false
  private closed = false
  private timer?: NodeJS.Timeout

  constructor(private readonly opts: DeadLetterLogOptions = {}) {
    this.now = opts.now ?? Date.now
    this.maxBytes = opts.maxBytes ?? DEFAULT_DEAD_LETTER_BYTES
    const perPair = opts.perPair ?? 20
    this.samples = new SampleSet({
      perPair,
      pairsPerReason: opts.pairsPerReason ?? 200,
      maxReasons: 64,
      maxBytes: Math.floor(this.maxBytes * 0.4),
    })
    const rate = opts.samplesPerSecond ?? { reason: 20, pair: 1 }
    this.reasonRate = new RateLimiter(5 * perPair, rate.reason)
    this.pairRate = new RateLimiter(perPair, rate.pair)
    this.since = new Date(this.now()).toISOString()
    if (opts.dir) {
      this.files = new DeadLetterFiles(opts.dir)
      this.restore()
    }
  }

  /** Count a letter, and keep it as a sample unless its reason or pair is over its rate. */
  add(d: DeadLetter): void {
    this.total++
    this.byReason.set(d.reason, (this.byReason.get(d.reason) ?? 0) + 1)
    this.countStation(stationKey(d), d.reason, 1)
    this.dirty = true
    const now = this.now()
    const pair = `${d.reason}\u0000${stationKey(d)}`
    if (this.reasonRate.has(d.reason, now) && this.pairRate.has(pair, now)) {
      this.reasonRate.take(d.reason, now)
      this.pairRate.take(pair, now)
      const seq = ++this.seq
      const { line, bytes } = sampleLine(seq, d)
      if (this.samples.add({ seq, letter: d, bytes }) && this.files) this.pending += line
    } else {
      this.unsampled++
    }
    this.schedule()
  }

  /** Kept samples, newest first, optionally of one reason and/or station (`_` = none). */
  recent(limit = 100, filter: { reason?: string; stationId?: string } = {}): DeadLetter[] {
    const list = [...this.samples.select(filter.reason, filter.stationId)]
    list.sort((a, b) => b.seq - a.seq)
    return list.slice(0, limit).map((s) => s.letter)
  }

  /** The exact counts. */
  counts(): DeadLetterCounts {
    const byStation: Record<string, number> = {}
    const byStationReason: Record<string, Record<string, number>> = {}
    for (const [st, m] of this.byStation) {
      let sum = 0
      for (const n of m.values()) sum += n
      byStation[st] = sum
      byStationReason[st] = Object.fromEntries(m)
    }
    return {
      since: this.since,
      total: this.total,
      byReason: Object.fromEntries(this.byReason),
      byStation,
      byStationReason,
      unsampled: this.unsampled,
      sampled: this.samples.size,
    }
  }

  /** Write what is pending now (counts and new samples). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    const f = this.files
    if (!f || this.closed) return
    try {
      if (this.pending) {
        // Past its share, the samples file is compacted (which writes the pending ones too).
        if (f.activeBytes + this.pending.length > this.maxBytes * 0.5) this.compact()
        else f.append(this.pending)
        this.pending = ''
      }
      if (this.dirty) {
        this.dirty = false
        f.saveCounts({
          since: this.since,
          total: this.total,
          byReason: Object.fromEntries(this.byReason),
          byStation: this.stationCounts(),
          unsampled: this.unsampled,
        })
      }
    } catch (e) {
      this.pending = ''
      this.opts.onError?.(e as Error)
    }
  }

  /** Flush and stop writing (the log still counts in memory afterwards; a restarted one reads the files). */
  close(): void {
    this.flush()
    this.closed = true
  }

  /** Bytes the directory holds now (0 in memory). */
  diskBytes(): number {
    return this.files?.diskBytes() ?? 0
  }

  private schedule(): void {
    if (this.timer || !this.files || this.closed) return
    this.timer = setTimeout(() => this.flush(), this.opts.flushMs ?? 1000)
    this.timer.unref()
  }

  private countStation(key: string, reason: string, n: number): void {
    let m = this.byStation.get(key)
    if (!m) {
      if (this.byStation.size >= MAX_STATION_KEYS) key = OTHER_STATIONS
      m = this.byStation.get(key) ?? new Map<string, number>()
      this.byStation.set(key, m)
    }
    m.set(reason, (m.get(reason) ?? 0) + n)
  }

  private stationCounts(): Record<string, Record<string, number>> {
    return Object.fromEntries([...this.byStation].map(([k, m]) => [k, Object.fromEntries(m)]))
  }

  private compact(): void {
    const kept = [...this.samples.all()].sort((a, b) => a.seq - b.seq)
    this.files!.compact(kept.map((s) => sampleLine(s.seq, s.letter).line))
  }

  /** Read back the counts and samples of the last run, and compact them into one file. */
  private restore(): void {
    const { counts, samples } = this.files!.load()
    if (counts) {
      this.since = counts.since ?? this.since
      this.total = counts.total
      this.unsampled = counts.unsampled ?? 0
      for (const [r, n] of Object.entries(counts.byReason)) this.byReason.set(r, n)
      for (const [st, m] of Object.entries(counts.byStation)) for (const [r, n] of Object.entries(m)) this.countStation(st, r, n)
    }
    samples.sort((a, b) => a.seq - b.seq)
    for (const s of samples) {
      this.samples.add({ seq: s.seq, letter: s.letter, bytes: sampleLine(s.seq, s.letter).bytes })
      this.seq = Math.max(this.seq, s.seq)
    }
    if (samples.length > 0) this.compact()
    this.dirty = true
    this.flush()
  }
}

/** Default bound of the dead letter's directory: 32 MiB. */
export const DEFAULT_DEAD_LETTER_BYTES = 32 * 1024 * 1024
