/**
 * Persistence of the alert lifecycle: an append-only JSON-lines log of alert snapshots, one line
 * per transition, written synchronously so an alert is on disk before it is announced. On open,
 * the latest snapshot per id wins. The log is compacted (rewritten with one line per alert) when
 * it grows past a bound.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Alert } from '../../../shared/src/domain/alert'

export class AlertLog {
  private fd: number
  private bytes = 0
  private lines = 0
  readonly loaded: Alert[]
  corruptLines = 0

  constructor(
    private readonly file: string,
    private readonly compactBytes = 8 * 1024 * 1024,
  ) {
    mkdirSync(dirname(file), { recursive: true })
    const latest = new Map<string, Alert>()
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8')
      this.bytes = Buffer.byteLength(text)
      for (const line of text.split('\n')) {
        if (!line) continue
        try {
          const a = JSON.parse(line) as Alert
          const prev = latest.get(a.id)
          if (!prev || a.updatedAt >= prev.updatedAt) latest.set(a.id, a)
          this.lines++
        } catch {
          this.corruptLines++ // a torn last line after a crash
        }
      }
    }
    this.loaded = [...latest.values()]
    this.fd = openSync(file, 'a')
    if (this.bytes > this.compactBytes) this.compact(this.loaded)
  }

  append(alert: Alert): void {
    const buf = Buffer.from(JSON.stringify(alert) + '\n')
    writeSync(this.fd, buf)
    this.bytes += buf.byteLength
    this.lines++
  }

  /** Rewrite the log with one line per alert (atomic rename). */
  compact(alerts: Iterable<Alert>): void {
    const tmp = `${this.file}.tmp`
    let text = ''
    for (const a of alerts) text += JSON.stringify(a) + '\n'
    writeFileSync(tmp, text)
    closeSync(this.fd)
    renameSync(tmp, this.file)
    this.fd = openSync(this.file, 'a')
    this.bytes = Buffer.byteLength(text)
  }

  get size(): number {
    return this.bytes
  }

  get needsCompaction(): boolean {
    return this.bytes > this.compactBytes
  }

  close(): void {
    fsyncSync(this.fd)
    closeSync(this.fd)
  }
}
