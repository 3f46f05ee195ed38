/**
 * The dead letter on disk (DATA_DIR/dead-letter/): `counts.json`, replaced atomically (write, then
 * rename), and the kept samples as JSON lines in `samples-<n>.jsonl`. Samples are appended to the
 * newest file; when it outgrows its share of the budget, the samples still kept are written to a
 * new file and the older files are deleted (compaction), so the directory stays within about the
 * configured size and a restart reads back exactly the kept set. A line torn by a crash is skipped.
 */
import {
  appendFileSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import type { DeadLetter } from './dead-letter'

/** The counts as saved. */
export interface SavedCounts {
  since: string
  total: number
  byReason: Record<string, number>
  byStation: Record<string, Record<string, number>>
  unsampled: number
}

/** One sample line: its order number and the letter. */
export interface SampleLine {
  seq: number
  letter: DeadLetter
}

const COUNTS = 'counts.json'
const SEGMENT = /^samples-(\d+)\.jsonl$/

/** The line of a sample (with its newline) and its size in bytes. */
export function sampleLine(seq: number, letter: DeadLetter): { line: string; bytes: number } {
  const line = JSON.stringify({ seq, letter }) + '\n'
  return { line, bytes: Buffer.byteLength(line) }
}

/** The dead letter's directory. */
export class DeadLetterFiles {
  private segment = 0
  /** Bytes of the newest samples file. */
  activeBytes = 0

  constructor(readonly dir: string) {
    // Samples keep raw payloads, and an HJ 212 frame carries its logger's PW: owner-only, like the
    // other files that hold secrets (issue 15).
    mkdirSync(dir, { recursive: true, mode: 0o700 })
  }

  /** The saved counts (undefined when none or unreadable) and every readable sample, oldest file first. */
  load(): { counts?: SavedCounts; samples: SampleLine[] } {
    let counts: SavedCounts | undefined
    try {
      const c = JSON.parse(readFileSync(join(this.dir, COUNTS), 'utf8')) as SavedCounts
      if (typeof c.total === 'number' && c.byReason && c.byStation) counts = c
    } catch {
      // None yet, or unreadable: the counts start again (the samples are still read).
    }
    const samples: SampleLine[] = []
    for (const n of this.segments()) {
      this.segment = Math.max(this.segment, n)
      for (const raw of readFileSync(this.path(n), 'utf8').split('\n')) {
        if (!raw) continue
        try {
          const s = JSON.parse(raw) as SampleLine
          if (typeof s.seq === 'number' && typeof s.letter?.reason === 'string' && typeof s.letter.topic === 'string') samples.push(s)
        } catch {
          // A line torn by a crash.
        }
      }
    }
    return { counts, samples }
  }

  /** Replace the counts file atomically. */
  saveCounts(c: SavedCounts): void {
    const tmp = join(this.dir, `${COUNTS}.tmp`)
    writeFileSync(tmp, JSON.stringify(c), { mode: 0o600 })
    renameSync(tmp, join(this.dir, COUNTS))
  }

  /** Append sample lines to the newest file. */
  append(lines: string): void {
    if (this.segment === 0) this.segment = 1
    appendFileSync(this.path(this.segment), lines, { mode: 0o600 })
    this.activeBytes += Buffer.byteLength(lines)
  }

  /** Write the kept samples (oldest first) to a new file, then delete the older files. */
  compact(lines: Iterable<string>): void {
    const next = this.segment + 1
    const tmp = `${this.path(next)}.tmp`
    const fd = openSync(tmp, 'w', 0o600)
    let bytes = 0
    try {
      let chunk = ''
      for (const l of lines) {
        chunk += l
        if (chunk.length > 1 << 20) {
          bytes += writeSync(fd, chunk)
          chunk = ''
        }
      }
      if (chunk) bytes += writeSync(fd, chunk)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, this.path(next))
    for (const n of this.segments()) if (n !== next) rmSync(this.path(n), { force: true })
    this.segment = next
    this.activeBytes = bytes
  }

  /** Bytes of every file in the directory. */
  diskBytes(): number {
    let sum = 0
    for (const f of readdirSync(this.dir)) sum += statSync(join(this.dir, f)).size
    return sum
  }

  private segments(): number[] {
    return readdirSync(this.dir)
      .map((f) => SEGMENT.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b)
  }

  private path(n: number): string {
    return join(this.dir, `samples-${String(n).padStart(6, '0')}.jsonl`)
  }
}
