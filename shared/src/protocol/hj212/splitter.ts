/**
 * Cut a TCP (or MQTT) byte stream into HJ 212 frames (§6 通讯包组成: `##` + 4-digit length + data +
 * 4 hex CRC + CRLF). Stream framing only: checking CRC, length and fields is {@link parseFrame}'s job,
 * so a frame with a wrong CRC is still emitted and rejected there with a precise reason.
 *
 * Where a frame ends: at the declared length when the bytes there are a CRC-shaped tail (4 hex
 * digits + CRLF); otherwise at the first CRLF after a CRC-shaped tail (loggers whose declared length
 * is off, e.g. one that also counts CRC and CRLF, send one frame and wait for the 9014 ack, so
 * waiting for the declared length would stall). A new `##` before any tail means the frame was
 * cut short. Bytes that are not part of a frame are returned as garbage with a reason; memory is
 * bounded by `maxFrameBytes` at all times.
 */
import { CR, HASH, LF, isDigit, isHex } from './ascii'

/** Why bytes were dropped by the splitter. */
export type GarbageReason =
  /** Bytes before a `##` (noise, a partial frame from before a reconnect, keep-alive bytes). */
  | 'no-header'
  /** `##` not followed by 4 decimal digits. */
  | 'bad-length-field'
  /** A frame cut short: a new `##` arrived before its CRC and CRLF. */
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
  private readonly decoder = new TextDecoder('utf-8', { fatal: true })

  constructor(opts: FrameSplitterOptions = {}) {
    const max = opts.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES
    if (!Number.isInteger(max) || max < 16) throw new RangeError(`invalid maxFrameBytes: ${max}`)
    this.maxFrameBytes = max
    this.buf = new Uint8Array(Math.min(INITIAL_CAPACITY, max))
  }

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

  /** The stream ended: return what is still buffered as `incomplete` garbage and reset. */
  finish(): SplitResult {
    const out: SplitResult = { frames: [], garbage: [] }
    if (this.buffered > 0) this.drop(this.buffered, 'incomplete', out)
    this.skipReason = 'no-header'
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

  private drain(out: SplitResult): void {
    for (;;) {
      const len = this.buffered
      if (len === 0) return
      if (this.at(0) !== HASH || (len > 1 && this.at(1) !== HASH)) {
        this.drop(Math.max(1, this.nextHeader(1)), this.skipReason, out)
        continue
      }
      if (len < 6) return
      if (!isDigit(this.at(2)) || !isDigit(this.at(3)) || !isDigit(this.at(4)) || !isDigit(this.at(5))) {
        this.drop(this.nextHeader(1), 'bad-length-field', out)
        continue
      }
      const declaredEnd = 12 + (this.at(2) - 0x30) * 1000 + (this.at(3) - 0x30) * 100 + (this.at(4) - 0x30) * 10 + (this.at(5) - 0x30)
      if (this.tailEndsAt(declaredEnd)) {
        this.emit(declaredEnd, out)
        continue
      }
      // The declared length is off or not here yet: look for the first CRC-shaped tail, or a new
      // `##` that says this frame was cut short. Resume where the last push stopped (bounded work).
      let found = -1
      let cut = -1
      let i = Math.max(6, this.scanFrom - 1)
      for (; i + 1 < len; i++) {
        const b = this.at(i)
        if (b === HASH && this.at(i + 1) === HASH) {
          cut = i
          break
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
      this.scanFrom = i
      if (len >= this.maxFrameBytes) {
        this.drop(len, 'oversized', out)
        this.skipReason = 'oversized'
      }
      return
    }
  }
}
