/**
 * The dead letter's kept samples: the last few letters of each (reason, station) pair, within a
 * byte budget, so a flood of one kind cannot push the other kinds out (issue 15). Under the
 * budget, the pair with the most samples inside the reason holding the most bytes gives up its
 * oldest sample first; a new pair beyond a reason's pair cap replaces that reason's least recently
 * updated pair. A sample is one JSON line as it is stored on disk (`bytes` is its length).
 */
import type { DeadLetter } from './dead-letter'

/** One kept letter: its order number and its stored line. */
export interface Sample {
  seq: number
  letter: DeadLetter
  /** Bytes of the stored line (with its newline). */
  bytes: number
}

/** Bounds of the kept samples. */
export interface SampleLimits {
  /** Samples kept per (reason, station) pair. */
  perPair: number
  /** Pairs kept per reason (stations beyond it replace the least recently seen one). */
  pairsPerReason: number
  /** Distinct reasons kept (more is a bug or a hostile publisher: their samples are not kept). */
  maxReasons: number
  /** Bytes of all kept samples' lines. */
  maxBytes: number
}

/** The station key of a letter: its station id, or `_` when it names none. */
export function stationKey(d: Pick<DeadLetter, 'stationId'>): string {
  return d.stationId ?? '_'
}

/** The kept samples by reason, then by station (Map order: least recently updated first). */
export class SampleSet {
  private readonly byReason = new Map<string, Map<string, Sample[]>>()
  private readonly reasonBytes = new Map<string, number>()
  bytes = 0
  size = 0

  constructor(private readonly limits: SampleLimits) {}

  /** Keep a sample (evicting as the bounds require); false when its reason cannot be kept. */
  add(s: Sample): boolean {
    const reason = s.letter.reason
    let pairs = this.byReason.get(reason)
    if (!pairs) {
      if (this.byReason.size >= this.limits.maxReasons) return false
      pairs = new Map()
      this.byReason.set(reason, pairs)
    }
    const key = stationKey(s.letter)
    let list = pairs.get(key)
    if (list) {
      pairs.delete(key)
    } else {
      if (pairs.size >= this.limits.pairsPerReason) this.dropPair(reason, pairs, pairs.keys().next().value!)
      list = []
    }
    pairs.set(key, list)
    list.push(s)
    this.account(reason, s.bytes, 1)
    if (list.length > this.limits.perPair) this.account(reason, -list.shift()!.bytes, -1)
    while (this.bytes > this.limits.maxBytes && this.size > 1) this.evictOne()
    return true
  }

  /** Every kept sample, in no particular order. */
  *all(): IterableIterator<Sample> {
    for (const pairs of this.byReason.values()) for (const list of pairs.values()) yield* list
  }

  /** The kept samples of one reason and/or station (both optional). */
  *select(reason?: string, station?: string): IterableIterator<Sample> {
    const reasons = reason === undefined ? this.byReason.values() : [this.byReason.get(reason) ?? new Map<string, Sample[]>()]
    for (const pairs of reasons) {
      if (station === undefined) for (const list of pairs.values()) yield* list
      else yield* pairs.get(station) ?? []
    }
  }

  private account(reason: string, bytes: number, n: number): void {
    this.bytes += bytes
    this.size += n
    this.reasonBytes.set(reason, (this.reasonBytes.get(reason) ?? 0) + bytes)
  }

  private dropPair(reason: string, pairs: Map<string, Sample[]>, key: string): void {
    for (const s of pairs.get(key)!) this.account(reason, -s.bytes, -1)
    pairs.delete(key)
  }

  /** The oldest sample of the fullest pair of the reason holding the most bytes goes. */
  private evictOne(): void {
    let reason = ''
    let most = -1
    for (const [r, b] of this.reasonBytes) if (b > most) [reason, most] = [r, b]
    const pairs = this.byReason.get(reason)!
    let key = ''
    let len = -1
    for (const [k, list] of pairs) if (list.length > len) [key, len] = [k, list.length]
    const list = pairs.get(key)!
    this.account(reason, -list.shift()!.bytes, -1)
    if (list.length === 0) pairs.delete(key)
    if (pairs.size === 0) {
      this.byReason.delete(reason)
      this.reasonBytes.delete(reason)
    }
  }
}

/** Buckets kept before idle ones are pruned. */
const MAX_BUCKETS = 10_000

/**
 * Token buckets per key: at most `burst` at once, refilled at `perSecond`. Keys are bounded by
 * the caller (reasons, and pairs the sample set keeps); idle full buckets are forgotten.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
  ) {}

  /** Whether `key` has a token now (without taking it). */
  has(key: string, now: number): boolean {
    return this.refill(key, now).tokens >= 1
  }

  /** Take a token of `key` (call after {@link has}). */
  take(key: string, now: number): void {
    const b = this.refill(key, now)
    b.tokens -= 1
    this.buckets.set(key, b)
    if (this.buckets.size > MAX_BUCKETS) this.prune(now)
  }

  /**
   * Forget the full buckets; if a flood of new keys leaves too many, forget them all (each may
   * burst once more). Amortized O(1): the next prune comes after MAX_BUCKETS new keys at the soonest.
   */
  private prune(now: number): void {
    for (const k of [...this.buckets.keys()]) if (this.refill(k, now).tokens >= this.burst) this.buckets.delete(k)
    if (this.buckets.size > MAX_BUCKETS / 2) this.buckets.clear()
  }

  private refill(key: string, now: number): { tokens: number; at: number } {
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now }
    b.tokens = Math.min(this.burst, b.tokens + (Math.max(0, now - b.at) / 1000) * this.perSecond)
    b.at = now
    return b
  }
}
