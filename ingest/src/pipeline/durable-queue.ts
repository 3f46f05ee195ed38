/**
 * The durable queue between accepting a reading and storing it: an append-only write-ahead spool
 * on disk plus a bounded in-memory tail.
 *
 * Every accepted reading is appended to the spool (a synchronous write into the OS page cache,
 * so it survives the process being killed) BEFORE the MQTT message is acknowledged. The store
 * writer takes batches from memory while the store keeps up; when it does not (outage or
 * slowdown) and the memory tail passes its bound, memory is dropped and the writer replays the
 * spool from disk, in order, when the store returns. A checkpoint records what the store has
 * committed; fully committed segments are deleted. When the uncommitted spool passes its own
 * bound the queue reports pressure, and ingest stops acknowledging QoS 1 until it drains.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writevSync,
  readFileSync,
} from 'node:fs'
import { join } from 'node:path'
import type { DataFlag, Reading } from '../../../shared/src/domain/reading'
import type { StationKind } from '../../../shared/src/domain/station'

/** Readings a group commit holds at most before it is written (appendGrouped). */
const MAX_GROUP_READINGS = 20_000

/** A position in the spool: segment number and byte offset. */
export interface SpoolPos {
  seg: number
  off: number
}

export interface Batch {
  readings: Reading[]
  /** Spool position just after the batch's last reading. */
  end: SpoolPos
  /** Whether the batch was read back from disk. */
  replayed: boolean
}

export interface DurableQueueOptions {
  dir: string
  /** Readings kept in memory before spilling to replay-from-disk (default 100 000). */
  maxMemoryReadings?: number
  /** Uncommitted spool bytes before reporting pressure (default 1 GiB). */
  maxSpoolBytes?: number
  /** Segment size before rotating (default 16 MiB). */
  segmentBytes?: number
}

export type QueueMode = 'memory' | 'replay'

export interface QueueStats {
  mode: QueueMode
  memoryReadings: number
  spoolBytes: number
  appended: number
  replayed: number
  committed: number
  spilled: number
  corruptLines: number
}

interface Chunk {
  readings: Reading[]
  end: SpoolPos
}

const SEG = (n: number) => `wal-${String(n).padStart(8, '0')}.log`
const cmp = (a: SpoolPos, b: SpoolPos) => a.seg - b.seg || a.off - b.off

/** Compact one-line encoding of a reading for the spool. */
function encode(r: Reading): string {
  return JSON.stringify(
    r.flags ? { s: r.stationId, k: r.kind, t: r.ts, v: r.values, f: r.flags } : { s: r.stationId, k: r.kind, t: r.ts, v: r.values },
  )
}

/** The spool lines of some readings. */
function linesOf(readings: readonly Reading[]): string {
  let text = ''
  for (const r of readings) text += encode(r) + '\n'
  return text
}

function encodeAll(readings: readonly Reading[]): Buffer {
  return Buffer.from(linesOf(readings), 'utf8')
}

/** What a grouped append tells its caller: the error that kept it off the disk, or whether to push back. */
export type GroupedAppendResult = { ok: true; pressure: boolean } | { ok: false; error: Error }

interface PendingAppend {
  readings: readonly Reading[]
  /** The readings' spool lines; the group's lines become one buffer at the flush. */
  text: string
  done: (r: GroupedAppendResult) => void
}

function decode(line: string): Reading | undefined {
  try {
    const o = JSON.parse(line) as { s: string; k: StationKind; t: number; v: Record<string, number>; f?: Record<string, DataFlag> }
    if (typeof o.s !== 'string' || typeof o.t !== 'number' || typeof o.v !== 'object') return undefined
    const r: Reading = { stationId: o.s, kind: o.k, ts: o.t, values: o.v }
    if (o.f) r.flags = o.f
    return r
  } catch {
    return undefined
  }
}

export class DurableQueue {
  private readonly maxMemory: number
  private readonly maxSpoolBytes: number
  private readonly segmentBytes: number
  private mode: QueueMode = 'memory'
  private memory: Chunk[] = []
  /** Index of the oldest chunk not yet taken (Array#shift on a long array is O(n) per call). */
  private head = 0
  private memoryCount = 0
  /** Where the writer will read next when replaying. */
  private cursor: SpoolPos
  /** End of the last batch handed out. */
  private dispatched: SpoolPos
  private checkpoint: SpoolPos
  private writeSeg: number
  private writeOff = 0
  private fd: number
  /** Sizes of segments on disk (for the uncommitted-bytes figure). */
  private readonly segSizes = new Map<number, number>()
  private waiters: (() => void)[] = []
  private closed = false
  /** Grouped appends waiting for this tick's single write. */
  private pending: PendingAppend[] = []
  /** Readings in {@link pending}. */
  private pendingReadings = 0
  readonly stats: Omit<QueueStats, 'mode' | 'memoryReadings' | 'spoolBytes'> = {
    appended: 0,
    replayed: 0,
    committed: 0,
    spilled: 0,
    corruptLines: 0,
  }

  constructor(private readonly opts: DurableQueueOptions) {
    this.maxMemory = opts.maxMemoryReadings ?? 100_000
    this.maxSpoolBytes = opts.maxSpoolBytes ?? 1024 ** 3
    this.segmentBytes = opts.segmentBytes ?? 16 * 1024 ** 2
    mkdirSync(opts.dir, { recursive: true })
    const segs = readdirSync(opts.dir)
      .map((f) => /^wal-(\d+)\.log$/.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b)
    for (const s of segs) this.segSizes.set(s, statSync(join(opts.dir, SEG(s))).size)
    const cpFile = join(opts.dir, 'checkpoint.json')
    const first = segs[0] ?? 1
    let cp: SpoolPos = { seg: first, off: 0 }
    if (existsSync(cpFile)) {
      const saved = JSON.parse(readFileSync(cpFile, 'utf8')) as SpoolPos
      if (cmp(saved, cp) > 0) cp = saved
    }
    this.checkpoint = cp
    this.cursor = { ...cp }
    this.dispatched = { ...cp }
    // Always start a fresh segment so a torn tail of the previous one is never appended to.
    this.writeSeg = (segs.at(-1) ?? 0) + 1
    this.fd = openSync(join(opts.dir, SEG(this.writeSeg)), 'a')
    this.segSizes.set(this.writeSeg, 0)
    if (this.uncommittedBytes() > 0) this.mode = 'replay'
  }

  /**
   * Append accepted readings durably. Throws only when the spool cannot be written (the caller
   * must then not acknowledge the message). Returns whether the caller should apply back-pressure.
   */
  append(readings: readonly Reading[]): { pressure: boolean } {
    if (this.closed) throw new Error('queue closed')
    if (readings.length === 0) return { pressure: this.pressure() }
    const buf = encodeAll(readings)
    this.write([buf])
    this.appended(readings, buf.byteLength)
    this.afterWrite()
    return { pressure: this.pressure() }
  }

  /**
   * Append with the other grouped appends of this turn of the event loop in one write (a group
   * commit): `done` is called once they are on disk, or with the error that kept them off it. For
   * callers that may acknowledge late without stalling (the embedded broker hands over a whole
   * socket read at once); the order of appends is kept.
   */
  appendGrouped(readings: readonly Reading[], done: (r: GroupedAppendResult) => void): void {
    if (this.closed) return done({ ok: false, error: new Error('queue closed') })
    if (readings.length === 0) return done({ ok: true, pressure: this.pressure() })
    if (this.pending.length === 0) setImmediate(() => this.flushGrouped())
    this.pending.push({ readings, text: linesOf(readings), done })
    // A turn that brings a flood (a thousand loggers' backlogs in one socket read each) is written
    // in groups of a bounded size, not held whole until the turn ends.
    if ((this.pendingReadings += readings.length) >= MAX_GROUP_READINGS) this.flushGrouped()
  }

  private flushGrouped(): void {
    const group = this.pending
    this.pending = []
    this.pendingReadings = 0
    if (group.length === 0) return
    // One buffer for the group (issue 16: not one per message): when it is all ASCII, as spool
    // lines of validated readings nearly always are, each append's bytes are its characters.
    let text = ''
    for (const g of group) text += g.text
    const buf = Buffer.from(text, 'utf8')
    const ascii = buf.byteLength === text.length
    try {
      if (this.closed) throw new Error('queue closed')
      this.write([buf])
    } catch (e) {
      for (const g of group) g.done({ ok: false, error: e as Error })
      return
    }
    for (const g of group) this.appended(g.readings, ascii ? g.text.length : Buffer.byteLength(g.text, 'utf8'))
    this.afterWrite()
    const pressure = this.pressure()
    for (const g of group) g.done({ ok: true, pressure })
  }

  /**
   * One write of whole lines at the end of the current segment. A short write (disk full) leaves a
   * torn tail, which replay skips; the next write then starts a fresh segment.
   */
  private write(bufs: Buffer[]): void {
    const want = bufs.reduce((n, b) => n + b.byteLength, 0)
    const n = writevSync(this.fd, bufs)
    if (n === want) return
    this.writeOff += n
    this.segSizes.set(this.writeSeg, this.writeOff)
    this.rotate()
    throw new Error(`short write to the spool (${n} of ${want} bytes)`)
  }

  /** Account for `bytes` of spool just written for these readings (memory tail, counters). */
  private appended(readings: readonly Reading[], bytes: number): void {
    this.writeOff += bytes
    this.stats.appended += readings.length
    if (this.mode !== 'memory') return
    this.memory.push({ readings: readings as Reading[], end: { seg: this.writeSeg, off: this.writeOff } })
    this.memoryCount += readings.length
  }

  private afterWrite(): void {
    this.segSizes.set(this.writeSeg, this.writeOff)
    if (this.mode === 'memory' && this.memoryCount > this.maxMemory) this.spill()
    if (this.writeOff >= this.segmentBytes) this.rotate()
    this.wake()
  }

  /** Whether uncommitted spool bytes exceed the bound (stop acknowledging until it drains). */
  pressure(): boolean {
    return this.uncommittedBytes() > this.maxSpoolBytes
  }

  /** Resolves when there is something to take, or the queue closes. */
  async waitForData(): Promise<void> {
    if (this.hasData() || this.closed) return
    await new Promise<void>((resolve) => this.waiters.push(resolve))
  }

  /** Take the next batch of up to `max` readings (whole chunks), from memory or the spool. */
  take(max: number): Batch | undefined {
    if (this.mode === 'memory') {
      if (this.head >= this.memory.length) return undefined
      const readings: Reading[] = []
      let end = this.dispatched
      while (
        this.head < this.memory.length &&
        (readings.length === 0 || readings.length + this.memory[this.head]!.readings.length <= max)
      ) {
        const c = this.memory[this.head++]!
        for (const r of c.readings) readings.push(r)
        end = c.end
      }
      if (this.head === this.memory.length) {
        this.memory = []
        this.head = 0
      } else if (this.head >= 4096 && this.head * 2 >= this.memory.length) {
        this.memory = this.memory.slice(this.head)
        this.head = 0
      }
      this.memoryCount -= readings.length
      this.dispatched = end
      return { readings, end, replayed: false }
    }
    return this.readSpool(max)
  }

  /** The store committed a batch: advance the checkpoint, delete fully committed segments. */
  commit(batch: Batch): void {
    if (cmp(batch.end, this.checkpoint) <= 0) return
    this.checkpoint = batch.end
    this.stats.committed += batch.readings.length
    if (batch.replayed) this.stats.replayed += batch.readings.length
    const tmp = join(this.opts.dir, 'checkpoint.json.tmp')
    writeFileSync(tmp, JSON.stringify(this.checkpoint))
    renameSync(tmp, join(this.opts.dir, 'checkpoint.json'))
    for (const s of [...this.segSizes.keys()]) {
      if (s < this.checkpoint.seg) {
        rmSync(join(this.opts.dir, SEG(s)), { force: true })
        this.segSizes.delete(s)
      }
    }
    this.wake()
  }

  /** Flush the spool to stable storage (for power loss; a killed process loses nothing without it). */
  sync(): void {
    if (!this.closed) fsyncSync(this.fd)
  }

  snapshot(): QueueStats {
    return { ...this.stats, mode: this.mode, memoryReadings: this.memoryCount, spoolBytes: this.uncommittedBytes() }
  }

  /** Uncommitted readings remain in the spool and are replayed on the next open. */
  close(): void {
    if (this.closed) return
    this.flushGrouped()
    this.closed = true
    fsyncSync(this.fd)
    closeSync(this.fd)
    this.wake()
  }

  private hasData(): boolean {
    if (this.mode === 'memory') return this.head < this.memory.length
    return cmp(this.cursor, { seg: this.writeSeg, off: this.writeOff }) < 0
  }

  private spill(): void {
    this.stats.spilled += this.memoryCount
    this.memory = []
    this.head = 0
    this.memoryCount = 0
    this.mode = 'replay'
    this.cursor = { ...this.dispatched }
  }

  private rotate(): void {
    fsyncSync(this.fd)
    closeSync(this.fd)
    this.writeSeg++
    this.writeOff = 0
    this.fd = openSync(join(this.opts.dir, SEG(this.writeSeg)), 'a')
    this.segSizes.set(this.writeSeg, 0)
  }

  private readSpool(max: number): Batch | undefined {
    const readings: Reading[] = []
    while (readings.length < max) {
      const size = this.segSizes.get(this.cursor.seg)
      if (size === undefined) {
        // A segment that no longer exists (deleted after commit): move on.
        if (this.cursor.seg >= this.writeSeg) break
        this.cursor = { seg: this.cursor.seg + 1, off: 0 }
        continue
      }
      if (this.cursor.off >= size) {
        if (this.cursor.seg >= this.writeSeg) break
        this.cursor = { seg: this.cursor.seg + 1, off: 0 }
        continue
      }
      const want = Math.min(size - this.cursor.off, 4 * 1024 * 1024)
      const buf = Buffer.allocUnsafe(want)
      const fd = openSync(join(this.opts.dir, SEG(this.cursor.seg)), 'r')
      let n: number
      try {
        n = readSync(fd, buf, 0, want, this.cursor.off)
      } finally {
        closeSync(fd)
      }
      const lastNl = buf.lastIndexOf(10, n - 1)
      if (lastNl < 0) {
        // A torn final line (the process died mid-write): skip it.
        this.stats.corruptLines++
        this.cursor = { seg: this.cursor.seg, off: size }
        continue
      }
      let start = 0
      let consumed = 0
      while (start <= lastNl && readings.length < max) {
        const nl = buf.indexOf(10, start)
        const r = decode(buf.toString('utf8', start, nl))
        if (r) readings.push(r)
        else this.stats.corruptLines++
        start = nl + 1
        consumed = start
      }
      this.cursor = { seg: this.cursor.seg, off: this.cursor.off + consumed }
    }
    const caughtUp = cmp(this.cursor, { seg: this.writeSeg, off: this.writeOff }) >= 0
    if (caughtUp) {
      // Synchronous switch: nothing can be appended between this check and the mode change.
      this.mode = 'memory'
    }
    if (readings.length === 0) return undefined
    this.dispatched = { ...this.cursor }
    return { readings, end: { ...this.cursor }, replayed: true }
  }

  private uncommittedBytes(): number {
    let total = 0
    for (const [s, size] of this.segSizes) {
      if (s > this.checkpoint.seg) total += size
      else if (s === this.checkpoint.seg) total += Math.max(0, size - this.checkpoint.off)
    }
    return total
  }

  private wake(): void {
    const w = this.waiters
    this.waiters = []
    for (const f of w) f()
  }
}
