/**
 * The review log: marks, withdrawals, sign-offs and reopenings as append-only JSON Lines files under
 * `DATA_DIR/review/` (`marks.jsonl`, `signoffs.jsonl`), apart from the raw readings (issue 13).
 * Nothing is ever rewritten or removed: a withdrawal or a reopening is one more line. Each append is
 * written and fsynced before the caller answers, so an answered mark survives a crash. A torn last
 * line (a crash mid-append) is skipped with a warning at start.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { MarkRecord } from '../../../shared/src/review/marks'
import type { SignoffRecord } from '../../../shared/src/review/signoff'

function readLines<T>(file: string, warn: (m: string) => void): T[] {
  if (!existsSync(file)) return []
  const out: T[] = []
  const lines = readFileSync(file, 'utf8').split('\n')
  lines.forEach((line, i) => {
    if (line.trim() === '') return
    try {
      out.push(JSON.parse(line) as T)
    } catch {
      warn(`review log ${file}: line ${i + 1} is not JSON (a torn append?); skipped`)
    }
  })
  return out
}

function append(file: string, record: unknown): void {
  const fd = openSync(file, 'a')
  try {
    writeSync(fd, `${JSON.stringify(record)}\n`)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

export class ReviewLog {
  private readonly markFile: string
  private readonly signoffFile: string
  private readonly markRecords: MarkRecord[]
  private readonly signoffRecords: SignoffRecord[]
  private seq: number

  constructor(dir: string, warn: (m: string) => void = () => undefined) {
    mkdirSync(dir, { recursive: true })
    this.markFile = join(dir, 'marks.jsonl')
    this.signoffFile = join(dir, 'signoffs.jsonl')
    this.markRecords = readLines<MarkRecord>(this.markFile, warn)
    this.signoffRecords = readLines<SignoffRecord>(this.signoffFile, warn)
    const seqs = [
      ...this.markRecords.map((r) => (r.type === 'mark' ? r.mark.seq : r.withdrawal.seq)),
      ...this.signoffRecords.map((r) => r.seq),
    ]
    this.seq = Math.max(0, ...seqs)
  }

  /** The next sequence number (one counter over marks and sign-offs: the order of application). */
  nextSeq(): number {
    return ++this.seq
  }

  get marks(): readonly MarkRecord[] {
    return this.markRecords
  }

  get signoffs(): readonly SignoffRecord[] {
    return this.signoffRecords
  }

  appendMark(r: MarkRecord): void {
    append(this.markFile, r)
    this.markRecords.push(r)
  }

  appendSignoff(r: SignoffRecord): void {
    append(this.signoffFile, r)
    this.signoffRecords.push(r)
  }
}
