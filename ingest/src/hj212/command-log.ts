/**
 * The command log (issue 12): every command envmon sends a data logger as upper computer, with its
 * QN, station, CN, parameters, state and result, newest last. Bounded (the oldest entries fall
 * off) and persisted as one JSON file under DATA_DIR, rewritten atomically shortly after a change,
 * so the admin view keeps the recent exchange across restarts. Never holds a PW.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Hj212CommandEntry, Hj212CommandState } from '../../../shared/src/protocol/http/hj212'

/** A command's state (shared/src/protocol/http/hj212.ts). */
export type CommandState = Hj212CommandState

/** One command and where it got to (the wire type: shared/src/protocol/http/hj212.ts). */
export type CommandEntry = Hj212CommandEntry

/** Options of {@link CommandLog}. */
export interface CommandLogOptions {
  /** JSON file to keep the log in; none keeps it in memory only. */
  file?: string
  /** Most entries kept. Default 2000. */
  max?: number
  /** A write failure (counted by the caller; the log goes on in memory). */
  onError?: (e: Error) => void
}

/**
 * @example
 * const log = new CommandLog({ file: join(dataDir, 'hj212-commands.json') })
 * const e = log.add({ qn, stationId, cn: '2051', params, state: 'sent', by: 'auto', attempts: 1, readings: 0 }, now)
 * log.update(e, { state: 'acknowledged' }, now)
 */
export class CommandLog {
  private readonly entries: CommandEntry[] = []
  private nextId = 1
  private readonly max: number
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(private readonly o: CommandLogOptions = {}) {
    this.max = o.max ?? 2000
    if (o.file) this.load(o.file)
  }

  /** Record a new command. */
  add(e: Omit<CommandEntry, 'id' | 'createdAt' | 'updatedAt'>, now: number): CommandEntry {
    const entry: CommandEntry = { ...e, id: this.nextId++, createdAt: now, updatedAt: now }
    this.entries.push(entry)
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max)
    this.changed()
    return entry
  }

  /** Change an entry in place (it is the log's own object). */
  update(entry: CommandEntry, patch: Partial<Omit<CommandEntry, 'id'>>, now: number): void {
    Object.assign(entry, patch, { updatedAt: now })
    this.changed()
  }

  /** Newest first, optionally for one station. */
  list(opts: { stationId?: string; limit?: number } = {}): CommandEntry[] {
    const out: CommandEntry[] = []
    const limit = opts.limit ?? 200
    for (let i = this.entries.length - 1; i >= 0 && out.length < limit; i--) {
      const e = this.entries[i]!
      if (opts.stationId === undefined || e.stationId === opts.stationId) out.push({ ...e, params: { ...e.params } })
    }
    return out
  }

  /** Write now (shutdown). */
  flush(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    const file = this.o.file
    if (!file) return
    try {
      mkdirSync(dirname(file), { recursive: true })
      const tmp = `${file}.tmp`
      writeFileSync(tmp, JSON.stringify({ nextId: this.nextId, entries: this.entries }), { mode: 0o600 })
      renameSync(tmp, file)
    } catch (e) {
      this.o.onError?.(e as Error)
    }
  }

  private changed(): void {
    if (!this.o.file || this.timer) return
    this.timer = setTimeout(() => this.flush(), 200)
    this.timer.unref?.()
  }

  private load(file: string): void {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      return // first start
    }
    try {
      const data = JSON.parse(text) as { nextId?: unknown; entries?: unknown }
      if (Array.isArray(data.entries)) {
        for (const e of data.entries.slice(-this.max) as CommandEntry[]) {
          if (typeof e?.id !== 'number' || typeof e.stationId !== 'string') continue
          // A command in flight when the process stopped will never be answered to this process.
          if (e.state === 'sent' || e.state === 'acknowledged') Object.assign(e, { state: 'failed', result: 'interrupted by a restart' })
          this.entries.push(e)
        }
      }
      this.nextId = Math.max(typeof data.nextId === 'number' ? data.nextId : 1, (this.entries.at(-1)?.id ?? 0) + 1)
    } catch (e) {
      this.o.onError?.(new Error(`command log ${file} unreadable, starting empty: ${(e as Error).message}`))
    }
  }
}
