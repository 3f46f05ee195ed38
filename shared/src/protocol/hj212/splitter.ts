/**
 * Cut a TCP (or MQTT) byte stream into HJ 212 frames (§6 通讯包组成: `##` + 4-digit length + data +
 * 4 hex CRC + CRLF). Stream framing only: checking CRC, length and fields is {@link parseFrame}'s job,
 * so a frame with a wrong CRC is still emitted and rejected there with a precise reason.
 *
 * Where a frame ends, in order:
 * 1. At the declared length, when the 4 hex digits there are the CRC of the data segment under a
 *    known variant (crc.ts): then the end is certain, whatever follows (CRLF, a lone LF, nothing,
 *    issue 12) and whatever the body holds (`##` inside PW or CP, split across TCP chunks).
 * 2. At the declared length when the bytes there are a CRC-shaped tail (4 hex + CRLF), whatever
 *    the CRC: the parser rejects a wrong one with its reason.
 * 3. Otherwise at the first CRLF after a CRC-shaped tail (loggers whose declared length is off, e.g.
 *    one that also counts CRC and CRLF, send one frame and wait for the 9014 ack, so waiting for
 *    the declared length would stall).
 * A new `##` before any of these means the frame was cut short; while the declared extent has not
 * all arrived, a `##` only cuts when a whole frame that checks starts there (else it may be part of
 * the body, and the splitter waits). Bytes that are not part of a frame are returned as garbage
 * with a reason; memory is bounded by `maxFrameBytes` at all times.
 */
import { CR, HASH, LF, isDigit, isHex } from './ascii'
import { crcVariantOf } from './crc'

/** Why bytes were dropped by the splitter. */
export type GarbageReason =
  /** Bytes before a `##` (noise, a partial frame from before a reconnect, keep-alive bytes). */
  | 'no-header'
  /** `##` not followed by 4 decimal digits. */
  | 'bad-length-field'
  /** A frame cut short: a new `##` (starting a frame that checks, or past the declared length) arrived before its CRC. */
  | 'truncated'
  /** No frame end within `maxFrameBytes` (a length that never arrives); includes the rest of it. */
  | 'oversized'
  /** A complete frame that is not valid UTF-8 (HJ 212 frames are ASCII). */
  | 'invalid-utf8'
  /** Bytes still buffered when the stream ended. */
  | 'incomplete'

/** Bytes the splitter dropped, with the reason. */
export interface Garbage {
  bytes: Uint8Array
  reason: GarbageReason
}

/** What one push produced, in stream order within each list. */
export interface SplitResult {
  frames: string[]
  garbage: Garbage[]
}

/** {@link FrameSplitter} options. */
export interface FrameSplitterOptions {
  /** Most bytes buffered for one frame before it is dropped as `oversized`. Default 64 KiB. */
  maxFrameBytes?: number
}

/** Default {@link FrameSplitterOptions.maxFrameBytes}. */
export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024

const INITIAL_CAPACITY = 4096

/**
 * A stream framer for HJ 212; one per connection (it keeps the partial frame between pushes).
 *
 * @example
 * const splitter = new FrameSplitter()
 * socket.on('data', (chunk) => {
 *   const { frames, garbage } = splitter.push(chunk)
 *   for (const f of frames) handle(parseFrame(f))
 *   for (const g of garbage) reject(g.reason, g.bytes)
 * })
 */
export class FrameSplitter {
  readonly maxFrameBytes: number
  private buf: Uint8Array
  /** The buffered bytes are buf[head, end). */
  private head = 0
  private end = 0
  /** Offset (from head) where the search for the current frame's end resumes. */
  private scanFrom = 6
  /** Reason given to bytes skipped while resynchronising: `oversized` right after an oversized drop. */
  private skipReason: GarbageReason = 'no-header'
  /** The current frame's declared extent has arrived and its CRC did not check there. */
  private declaredFailed = false
  /** The last frame ended with the buffer, without a line end: a CRLF or LF that follows is its line end. */
  private afterBareFrame = false
  /** A frame that checks fills the buffer up to its CRC, nothing after: its end (0 when none). */
  private bareAt = 0
  private readonly decoder = new TextDecoder('utf-8', { fatal: true })

  constructor(opts: FrameSplitterOptions = {}) {
    const max = opts.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES
    if (!Number.isInteger(max) || max < 16) throw new RangeError(`invalid maxFrameBytes: ${max}`)
    this.maxFrameBytes = max
    this.buf = new Uint8Array(Math.min(INITIAL_CAPACITY, max))
  }

  /** Line-end bytes (CRLF or LF) skipped after a frame emitted before they arrived (see {@link flush}). */
  lineEndBytesSkipped = 0

  /** Bytes held for an incomplete frame. */
  get buffered(): number {
    return this.end - this.head
  }

  /** Add a chunk; returns the frames it completed and the bytes it dropped. */
  push(chunk: Uint8Array): SplitResult {
    const out: SplitResult = { frames: [], garbage: [] }
    let offset = 0
    while (offset < chunk.length) {
      const n = Math.min(this.maxFrameBytes - this.buffered, chunk.length - offset)
      this.reserve(n)
      this.buf.set(chunk.subarray(offset, offset + n), this.end)
      this.end += n
      offset += n
      this.drain(out)
    }
    return out
  }

  /**
   * Whether the buffer ends with a whole frame that checks (declared length and CRC) but no line
   * end yet. Over TCP its CRLF may be in the next segment, or the logger sends none (issue 12) and
   * waits for its 9014: the owner calls {@link flush} when no byte came for a short while.
   */
  get awaitingLineEnd(): boolean {
    return this.bareAt > 0 && this.bareAt === this.buffered
  }

  /** Emit a frame that is complete but for its line end (see {@link awaitingLineEnd}); a CRLF or LF that follows is then skipped. */
  flush(): SplitResult {
    const out: SplitResult = { frames: [], garbage: [] }
    if (!this.awaitingLineEnd) return out
    this.emit(this.bareAt, out)
    this.afterBareFrame = true
    return out
  }

  /** The stream ended: emit a frame complete but for its line end, return what is still buffered as `incomplete` garbage, and reset. */
  finish(): SplitResult {
    const out = this.flush()
    this.afterBareFrame = false
    if (this.buffered > 0) this.drop(this.buffered, 'incomplete', out)
    this.skipReason = 'no-header'
    this.afterBareFrame = false
    return out
  }

  /**
   * Make room for `n` more bytes after `end`: move the buffered bytes to the front only when the
   * tail is short (amortised), and grow by doubling, never beyond `maxFrameBytes`.
   */
  private reserve(n: number): void {
    if (this.end + n <= this.buf.length) return
    if (this.head > 0) {
      this.buf.copyWithin(0, this.head, this.end)
      this.end -= this.head
      this.head = 0
    }
    if (this.end + n > this.buf.length) {
      const next = new Uint8Array(Math.min(this.maxFrameBytes, Math.max(this.end + n, this.buf.length * 2)))
      next.set(this.buf.subarray(0, this.end))
      this.buf = next
    }
  }

  private at(i: number): number {
    return this.buf[this.head + i]!
  }

  private drop(n: number, reason: GarbageReason, out: SplitResult): void {
    out.garbage.push({ bytes: this.buf.slice(this.head, this.head + n), reason })
    this.head += n
    this.scanFrom = 6
    this.declaredFailed = false
    this.bareAt = 0
  }

  private emit(n: number, out: SplitResult): void {
    let text: string | undefined
    try {
      text = this.decoder.decode(this.buf.subarray(this.head, this.head + n))
    } catch {
      text = undefined
    }
    if (text === undefined) {
      this.drop(n, 'invalid-utf8', out)
      return
    }
    out.frames.push(text)
    this.head += n
    this.scanFrom = 6
    this.declaredFailed = false
    this.bareAt = 0
    this.skipReason = 'no-header'
  }

  /** Offset of the next `##` at or after `from`; else the length, less a trailing `#` that may start one. */
  private nextHeader(from: number): number {
    const len = this.buffered
    for (let i = from; i + 1 < len; i++) if (this.at(i) === HASH && this.at(i + 1) === HASH) return i
    return len > 0 && this.at(len - 1) === HASH ? len - 1 : len
  }

  /** Whether a CRC-shaped tail (4 hex + CRLF) ends at offset `endAt` (exclusive), after the header. */
  private tailEndsAt(endAt: number): boolean {
    if (endAt - 6 < 6 || endAt > this.buffered) return false
    if (this.at(endAt - 2) !== CR || this.at(endAt - 1) !== LF) return false
    for (let i = endAt - 6; i < endAt - 2; i++) if (!isHex(this.at(i))) return false
    return true
  }

  /** The 4-digit declared length of a header at `at` (its digits already checked). */
  private declaredAt(at: number): number {
    return (this.at(at + 2) - 0x30) * 1000 + (this.at(at + 3) - 0x30) * 100 + (this.at(at + 4) - 0x30) * 10 + (this.at(at + 5) - 0x30)
  }

  /** Whether the 4 bytes after `length` data bytes of the frame at `at` are its CRC under a known variant. */
  private crcChecks(at: number, length: number): boolean {
    const crcAt = at + 6 + length
    let sent = 0
    for (let i = crcAt; i < crcAt + 4; i++) {
      const b = this.at(i)
      if (!isHex(b)) return false
      sent = sent * 16 + (b <= 0x39 ? b - 0x30 : (b | 0x20) - 0x57)
    }
    const start = this.head + at + 6
    return crcVariantOf(this.buf, start, start + length, sent) !== undefined
  }

  /**
   * Whether a whole frame that checks starts at `at` (a `##` inside the current frame): `frame` when
   * its declared extent is here and its CRC checks, or a CRLF-ended tail whose CRC checks follows
   * before any other `##`; `pending` while it may still become one; `no` otherwise.
   */
  private candidateAt(at: number): 'frame' | 'pending' | 'no' {
    const len = this.buffered
    if (len < at + 6) return 'pending'
    for (let i = at + 2; i < at + 6; i++) if (!isDigit(this.at(i))) return 'no'
    const declared = this.declaredAt(at)
    if (len >= at + 10 + declared && this.crcChecks(at, declared)) return 'frame'
    for (let i = at + 12; i + 1 < len; i++) {
      if (this.at(i) === HASH && this.at(i + 1) === HASH) return 'no'
      if (this.at(i) === CR && this.at(i + 1) === LF && this.tailEndsAt(i + 2) && this.crcChecks(at, i - 4 - at - 6)) return 'frame'
    }
    return len >= at + 10 + declared ? 'no' : 'pending'
  }

  private drain(out: SplitResult): void {
    for (;;) {
      const len = this.buffered
      if (len === 0) return
      if (this.afterBareFrame) {
        // The previous frame ended with the last push: its CRLF or LF may arrive now.
        if (this.at(0) === CR && len < 2) return
        const lineEnd = this.at(0) === LF ? 1 : this.at(0) === CR && this.at(1) === LF ? 2 : 0
        this.afterBareFrame = false
        if (lineEnd > 0) {
          this.head += lineEnd
          this.lineEndBytesSkipped += lineEnd
          continue
        }
      }
      if (this.at(0) !== HASH || (len > 1 && this.at(1) !== HASH)) {
        this.drop(Math.max(1, this.nextHeader(1)), this.skipReason, out)
        continue
      }
      if (len < 6) return
      if (!isDigit(this.at(2)) || !isDigit(this.at(3)) || !isDigit(this.at(4)) || !isDigit(this.at(5))) {
        this.drop(this.nextHeader(1), 'bad-length-field', out)
        continue
      }
      const declared = this.declaredAt(0)
      const crcEnd = 10 + declared
      // 1. The declared length and a CRC that checks there: the end is certain (issue 12).
      if (!this.declaredFailed && len >= crcEnd) {
        if (this.crcChecks(0, declared)) {
          // Nothing after the CRC yet: its line end may be on the way, or the logger sends none and
          // waits for its ack. Wait; the owner calls flush() after a quiet moment (or finish()).
          if (len === crcEnd && len < this.maxFrameBytes) {
            this.bareAt = crcEnd
            return
          }
          let end = crcEnd
          if (len > crcEnd && this.at(crcEnd) === LF) end += 1
          else if (len > crcEnd && this.at(crcEnd) === CR) {
            // Its LF is on the way (unless the buffer is full: push needs room, so the CR waits alone).
            if (len === crcEnd + 1 && len < this.maxFrameBytes) return
            if (len > crcEnd + 1 && this.at(crcEnd + 1) === LF) end += 2
          }
          const bare = end === crcEnd && (end === len || (end + 1 === len && this.at(end) === CR))
          this.emit(end, out)
          if (bare) this.afterBareFrame = true
          continue
        }
        this.declaredFailed = true
      }
      // 2. A CRC-shaped tail at the declared length (a wrong CRC is the parser's to report).
      if (this.tailEndsAt(crcEnd + 2)) {
        this.emit(crcEnd + 2, out)
        continue
      }
      // 3. The declared length is off or not here yet: look for the first CRC-shaped tail, or a new
      // `##` that says this frame was cut short. Resume where the last push stopped (bounded work).
      let found = -1
      let cut = -1
      let pending = -1
      let i = Math.max(6, this.scanFrom - 1)
      for (; i + 1 < len; i++) {
        const b = this.at(i)
        if (b === HASH && this.at(i + 1) === HASH) {
          // Past the declared extent any `##` cuts; before it, a `##` may sit in PW or CP, so it
          // cuts only where a whole frame that checks starts, and the scan waits while one may.
          const c = this.declaredFailed ? 'frame' : this.candidateAt(i)
          if (c === 'frame') cut = i
          else if (c === 'pending') pending = i
          if (c !== 'no') break
          continue
        }
        if (b === CR && this.at(i + 1) === LF && this.tailEndsAt(i + 2)) {
          found = i + 2
          break
        }
      }
      if (found > 0) {
        this.emit(found, out)
        continue
      }
      if (cut > 0) {
        this.drop(cut, 'truncated', out)
        continue
      }
      this.scanFrom = pending > 0 ? pending + 1 : i
      if (len >= this.maxFrameBytes) {
        this.drop(len, 'oversized', out)
        this.skipReason = 'oversized'
      }
      return
    }
  }
}
