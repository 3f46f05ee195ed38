/**
 * The audit trail's storage (issue 13): append-only JSON Lines files, one per server node and UTC
 * month (`audit-<node>-<YYYY-MM>.jsonl`, 0600, in a 0700 directory), each line hash-chained to the
 * node's previous one, so a changed, removed or inserted line is detected by {@link AuditLog.verify}.
 *
 * - Durability: appends are grouped and each group is written then fdatasync'd before the next; a
 *   query waits for the writes before it reads. A record is appended when its response has ended,
 *   so a crash in that instant can lose the last records (never corrupt earlier ones: a torn last
 *   line is closed with a newline on the next start and reported by `verify`).
 * - Retention: never pruned by envmon. The readings are kept for ever in DuckDB and for at least
 *   RETENTION_DAYS in InfluxDB, so the trail outlives the data it describes; old months can be
 *   archived by moving whole files (docs/deployment.md, "Audit trail").
 * - Cluster: every server node writes its own files (no two writers on one file) and a query reads
 *   every node's files in the directory, so nodes that share AUDIT_DIR (a shared volume) each
 *   serve the whole trail; with separate directories each serves its own.
 */
import { createHash } from 'node:crypto'
import { closeSync, fstatSync, mkdirSync, openSync, readSync, readdirSync, writeSync, chmodSync, existsSync } from 'node:fs'
import { open, readFile, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import type { AuditRecord, AuditVerifyResult } from '../../../shared/src/protocol/http/audit'

/** A record before the log numbers, dates, and chains it. */
export type AuditEntry = Omit<AuditRecord, 'seq' | 'ts' | 'node' | 'prev' | 'hash'>

/** What `GET /api/audit` filters on; all optional; times in epoch ms (inclusive `from`, exclusive `to`). */
export interface AuditFilter {
  /** Matches the record's user exactly (case-insensitive). */
  user?: string
  /** Matches the action exactly, or every action under a prefix ending in `.` or `*` (`station.`, `auth.*`). */
  action?: string
  from?: number
  to?: number
}

export interface AuditLogOptions {
  dir: string
  /** This node's name in file names and records (letters, digits, `_ . -`). */
  node: string
  now?: () => number
  /** Told of a write that failed (the record is kept in memory and retried with the next group). */
  onError?: (e: Error) => void
}

const FILE = /^audit-(.+)-(\d{4}-\d{2})\.jsonl$/
/** What `seal` puts in place of the body's closing brace: `,"hash":"` + 64 hex digits + `"}`. */
const SEAL_LENGTH = 9 + 64 + 2

const RETRY_MS = 1000

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7)

/** The line of a record: its JSON with `hash` last, the hash taken over the JSON before it was added. */
function seal(body: Omit<AuditRecord, 'hash'>): { line: string; hash: string } {
  const json = JSON.stringify(body)
  const hash = sha256(json)
  return { line: `${json.slice(0, -1)},"hash":"${hash}"}`, hash }
}

/** The body JSON a line's hash was taken over, or undefined when the line does not end as `seal` writes it. */
function unseal(line: string): { json: string; hash: string } | undefined {
  const m = /,"hash":"([0-9a-f]{64})"\}$/.exec(line)
  if (!m) return undefined
  return { json: `${line.slice(0, line.length - SEAL_LENGTH)}}`, hash: m[1]! }
}

/** The append-only audit log of one server node. */
export class AuditLog {
  private readonly now: () => number
  private seq = 0
  private prev = ''
  private pending: { month: string; line: string }[] = []
  private writing: Promise<void> | undefined
  private retry: NodeJS.Timeout | undefined
  private fh: { month: string; handle: FileHandle } | undefined
  private closed = false

  constructor(private readonly o: AuditLogOptions) {
    if (!/^[A-Za-z0-9_.-]{1,80}$/.test(o.node)) throw new Error(`invalid audit node name: ${o.node}`)
    this.now = o.now ?? Date.now
    mkdirSync(o.dir, { recursive: true, mode: 0o700 })
    try {
      chmodSync(o.dir, 0o700)
    } catch (e) {
      // A shared volume owned by someone else: the files themselves are still 0600.
      o.onError?.(new Error(`cannot make ${o.dir} owner-only: ${(e as Error).message}`))
    }
    this.resume()
  }

  /** Append a record: numbered, dated and chained now; on disk once the current write group is synced. */
  append(entry: AuditEntry): AuditRecord {
    if (this.closed) throw new Error('the audit log is closed')
    const ts = this.now()
    const body: Omit<AuditRecord, 'hash'> = {
      seq: ++this.seq,
      ts: new Date(ts).toISOString(),
      node: this.o.node,
      ...entry,
      prev: this.prev,
    }
    const { line, hash } = seal(body)
    this.prev = hash
    this.pending.push({ month: monthOf(ts), line })
    this.kick()
    return { ...body, hash }
  }

  /** Resolves when everything appended so far is written and synced (or has failed and been reported). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing
  }

  /** Records matching `f`, newest first, one month at a time (memory: one month's matches). */
  async *matching(f: AuditFilter = {}): AsyncGenerator<AuditRecord> {
    await this.flush()
    const months = [...new Set(this.files().map((x) => x.month))].sort().reverse()
    const fromMonth = f.from === undefined ? '' : monthOf(f.from)
    const toMonth = f.to === undefined ? '9999-99' : monthOf(f.to - 1)
    const user = f.user?.toLowerCase()
    const prefix = f.action && /[.*]$/.test(f.action) ? f.action.replace(/\*$/, '') : undefined
    for (const month of months) {
      if (month < fromMonth || month > toMonth) continue
      const found: AuditRecord[] = []
      for (const file of this.files().filter((x) => x.month === month)) {
        for (const line of (await readFile(join(this.o.dir, file.name), 'utf8')).split('\n')) {
          const r = parseLine(line)
          if (!r) continue
          const t = Date.parse(r.ts)
          if (f.from !== undefined && t < f.from) continue
          if (f.to !== undefined && t >= f.to) continue
          if (user !== undefined && r.user.toLowerCase() !== user) continue
          if (f.action !== undefined && (prefix !== undefined ? !r.action.startsWith(prefix) : r.action !== f.action)) continue
          found.push(r)
        }
      }
      found.sort((a, b) => (a.ts < b.ts ? 1 : a.ts > b.ts ? -1 : a.node < b.node ? 1 : a.node > b.node ? -1 : b.seq - a.seq))
      yield* found
    }
  }

  /** A page of `matching(f)` and the total count. */
  async page(f: AuditFilter, offset: number, limit: number): Promise<{ records: AuditRecord[]; total: number }> {
    const records: AuditRecord[] = []
    let total = 0
    for await (const r of this.matching(f)) {
      if (total >= offset && records.length < limit) records.push(r)
      total++
    }
    return { records, total }
  }

  /** Check every node's chain: each line's hash, each link to the line before, seq without gaps. */
  async verify(): Promise<AuditVerifyResult> {
    await this.flush()
    const byNode = new Map<string, string[]>()
    for (const f of this.files()) byNode.set(f.node, [...(byNode.get(f.node) ?? []), f.name])
    const nodes: AuditVerifyResult['nodes'] = []
    for (const [node, names] of [...byNode].sort()) {
      let prev: string | undefined
      let seq: number | undefined
      let records = 0
      let problem: string | undefined
      check: for (const name of names.sort()) {
        const lines = (await readFile(join(this.o.dir, name), 'utf8')).split('\n')
        for (let i = 0; i < lines.length; i++) {
          const line = lines[i]!
          if (line === '') continue
          const where = `${name} line ${i + 1}`
          const sealed = unseal(line)
          if (!sealed || sha256(sealed.json) !== sealed.hash) {
            problem = `${where}: the record does not match its hash (changed or torn)`
            break check
          }
          const r = JSON.parse(line) as AuditRecord
          // The oldest record kept may link to an archived month: its link is taken as given.
          if (prev !== undefined && r.prev !== prev) {
            problem = `${where}: does not link to the record before it (a record was removed, inserted or reordered)`
            break check
          }
          if (seq !== undefined && r.seq !== seq + 1) {
            problem = `${where}: seq ${r.seq} follows ${seq}`
            break check
          }
          prev = sealed.hash
          seq = r.seq
          records++
        }
      }
      nodes.push({ node, records, ok: !problem, ...(problem ? { problem } : {}) })
    }
    return { ok: nodes.every((n) => n.ok), nodes }
  }

  /** Write what is pending and close the file. */
  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.retry)
    this.retry = undefined
    if (this.pending.length) this.kick()
    await this.flush()
    await this.fh?.handle.close()
    this.fh = undefined
  }

  private files(): { name: string; node: string; month: string }[] {
    const out: { name: string; node: string; month: string }[] = []
    for (const name of readdirSync(this.o.dir)) {
      const m = FILE.exec(name)
      if (m) out.push({ name, node: m[1]!, month: m[2]! })
    }
    return out
  }

  /** Continue this node's chain from its newest file's last line. */
  private resume(): void {
    const mine = this.files()
      .filter((f) => f.node === this.o.node)
      .sort((a, b) => (a.month < b.month ? -1 : 1))
    const newest = mine.at(-1)
    if (!newest) return
    const path = join(this.o.dir, newest.name)
    const fd = openSync(path, 'r+')
    try {
      const size = fstatSync(fd).size
      const tail = Buffer.alloc(Math.min(size, 1 << 20))
      readSync(fd, tail, 0, tail.length, size - tail.length)
      const text = tail.toString('utf8')
      // A torn last line (a crash mid-write) is closed so the next record starts on its own line.
      if (size > 0 && !text.endsWith('\n')) writeSync(fd, '\n', size)
      for (const line of text.split('\n').reverse()) {
        const sealed = unseal(line)
        if (!sealed) continue
        const r = parseLine(line)
        if (!r) continue
        this.seq = r.seq
        this.prev = sealed.hash
        return
      }
    } finally {
      closeSync(fd)
    }
  }

  private kick(): void {
    if (this.writing || this.retry) return
    this.writing = this.writeAll().then((ok) => {
      this.writing = undefined
      if (ok && this.pending.length) this.kick()
      // A failed write (disk full, a volume gone) is retried after a pause, not in a tight loop.
      else if (!ok) this.retry = setTimeout(() => ((this.retry = undefined), this.kick()), RETRY_MS).unref()
    })
  }

  /** Write the pending groups; false when a write failed (its records stay pending). */
  private async writeAll(): Promise<boolean> {
    while (this.pending.length) {
      const month = this.pending[0]!.month
      const n = this.pending.findIndex((p) => p.month !== month)
      const group = this.pending.slice(0, n < 0 ? undefined : n)
      try {
        const fh = await this.handleFor(month)
        await fh.write(group.map((p) => `${p.line}\n`).join(''))
        await fh.datasync()
        this.pending.splice(0, group.length)
      } catch (e) {
        this.o.onError?.(e as Error)
        return false
      }
    }
    return true
  }

  private async handleFor(month: string): Promise<FileHandle> {
    if (this.fh?.month === month) return this.fh.handle
    await this.fh?.handle.close()
    this.fh = undefined
    const path = join(this.o.dir, `audit-${this.o.node}-${month}.jsonl`)
    const created = !existsSync(path)
    const handle = await open(path, 'a', 0o600)
    if (created) await handle.chmod(0o600)
    this.fh = { month, handle }
    return handle
  }
}

function parseLine(line: string): AuditRecord | undefined {
  if (!line.startsWith('{')) return undefined
  try {
    const r = JSON.parse(line) as AuditRecord
    return typeof r.ts === 'string' && typeof r.action === 'string' ? r : undefined
  } catch {
    return undefined
  }
}
