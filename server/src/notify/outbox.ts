/**
 * The outbox: every planned notification is written here, durably, before anyone tries to send
 * it, and every state change after that is written too.
 *
 * Format: `${dataDir}/notify/outbox.jsonl`, one JSON object per line, each a full snapshot of one
 * item (`OutboxItem`); the last line of a key wins. Each append is fsynced. A torn last line
 * (crash mid-write) is skipped on load. The file is compacted (rewritten with one line per item,
 * atomic rename) on open and when it grows past a bound, dropping finished items older than the
 * retention period.
 *
 * Items are keyed `${alertId}|${event}|${recipientId}|${channelKey}`; adding an existing key is a
 * no-op, which is the dedupe: one notification per (alert, state change or step, recipient,
 * channel), across restarts for as long as the item is retained. Items hold no channel address
 * beyond the channel key and no secret; the sender looks the channel up when it sends.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Alert } from '../../../shared/src/domain/alert'
import type { TransitionType } from '../../../shared/src/rules/alert-book'
import type { ChannelType } from './channel-key'
import type { DeliveryState, NoticeKind } from '../../../shared/src/protocol/http/deliveries'
import type { DigestFacts } from './digest'

// Delivery state and notice kind are shown by the alert API: one definition, in its wire type.
export type { DeliveryState, NoticeKind }

/** One notification to one channel of one recipient. */
export interface OutboxItem {
  key: string
  /** Order of planning (FIFO per alert, recipient and channel). */
  seq: number
  alertId: string
  recipientId: string
  channelKey: string
  channelType: ChannelType
  /** Display label of the channel (no secrets). */
  channelLabel: string
  kind: NoticeKind
  /** Event id within the alert: `opened`, `severity:critical`, `step:2`, `reminder:3`, `resolved`. */
  event: string
  /** Escalation step (0 for opened, escalated, reminder and resolved notices). */
  step: number
  /** The alert transition that caused it, if any. */
  transition?: TransitionType
  /** The alert as it was when the notice was planned; the message is rendered from it (a digest: its first exceedance). */
  alert: Alert
  /** A late-data digest (kind `digest`; `alertId` is then the backlog id): what it reports. */
  digest?: DigestFacts
  createdAt: number
  /** Not before this time (quiet hours). */
  notBefore: number
  state: DeliveryState
  attempts: number
  nextAttemptAt: number
  lastError?: string
  sentAt?: number
  updatedAt: number
}

/** What the planner hands in. */
export type NewItem = Omit<OutboxItem, 'seq' | 'state' | 'attempts' | 'nextAttemptAt' | 'updatedAt' | 'lastError' | 'sentAt'>

export interface OutboxOptions {
  now: () => number
  /** Finished items are kept this long (dedupe memory), default 30 days. */
  retentionMs?: number
  /** Compact when the file grows past this, default 16 MiB. */
  compactBytes?: number
}

const FINISHED: readonly DeliveryState[] = ['sent', 'failed', 'cancelled']

export class Outbox {
  private readonly items = new Map<string, OutboxItem>()
  private readonly byAlert = new Map<string, Set<string>>()
  private fd: number
  private bytes = 0
  private seq = 0
  /** Lines skipped on load (a torn tail after a crash). */
  readonly corruptLines: number = 0

  constructor(
    private readonly file: string,
    private readonly opts: OutboxOptions,
  ) {
    mkdirSync(dirname(file), { recursive: true })
    if (existsSync(file)) {
      let corrupt = 0
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line) continue
        try {
          const it = JSON.parse(line) as OutboxItem
          if (typeof it.key === 'string' && typeof it.alertId === 'string') this.index(it)
          else corrupt++
        } catch {
          corrupt++
        }
      }
      this.corruptLines = corrupt
    }
    this.fd = openSync(file, 'a', 0o600)
    this.compact()
  }

  has(key: string): boolean {
    return this.items.has(key)
  }

  get(key: string): OutboxItem | undefined {
    return this.items.get(key)
  }

  /** Items of an alert in planning order. */
  forAlert(alertId: string): OutboxItem[] {
    return [...(this.byAlert.get(alertId) ?? [])].map((k) => this.items.get(k)!).sort((a, b) => a.seq - b.seq)
  }

  /** Every retained item (any order). */
  all(): IterableIterator<OutboxItem> {
    return this.items.values()
  }

  /** Pending items in planning order. */
  pending(): OutboxItem[] {
    return [...this.items.values()].filter((i) => i.state === 'pending').sort((a, b) => a.seq - b.seq)
  }

  /** Add a planned item durably; undefined when its key exists (a duplicate). */
  add(n: NewItem): OutboxItem | undefined {
    if (this.items.has(n.key)) return undefined
    const now = this.opts.now()
    const item: OutboxItem = { ...n, seq: ++this.seq, state: 'pending', attempts: 0, nextAttemptAt: n.notBefore, updatedAt: now }
    this.write(item)
    return item
  }

  /** Change an item durably (state, attempts, errors). */
  update(
    key: string,
    patch: Partial<Pick<OutboxItem, 'state' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'sentAt'>>,
  ): OutboxItem | undefined {
    const prev = this.items.get(key)
    if (!prev) return undefined
    const item: OutboxItem = { ...prev, ...patch, updatedAt: this.opts.now() }
    this.write(item)
    return item
  }

  close(): void {
    closeSync(this.fd)
  }

  private write(item: OutboxItem): void {
    const buf = Buffer.from(JSON.stringify(item) + '\n')
    writeSync(this.fd, buf)
    // Durable before we act on it: an item is on disk before it is sent, `sent` before we move on.
    fsyncSync(this.fd)
    this.bytes += buf.byteLength
    this.index(item)
    if (this.bytes > (this.opts.compactBytes ?? 16 * 1024 * 1024)) this.compact()
  }

  private index(it: OutboxItem): void {
    this.items.set(it.key, it)
    let keys = this.byAlert.get(it.alertId)
    if (!keys) this.byAlert.set(it.alertId, (keys = new Set()))
    keys.add(it.key)
    if (it.seq > this.seq) this.seq = it.seq
  }

  /** Rewrite with one line per retained item (atomic rename). */
  private compact(): void {
    const horizon = this.opts.now() - (this.opts.retentionMs ?? 30 * 86_400_000)
    let text = ''
    for (const it of [...this.items.values()].sort((a, b) => a.seq - b.seq)) {
      if (FINISHED.includes(it.state) && it.updatedAt < horizon) {
        this.items.delete(it.key)
        this.byAlert.get(it.alertId)?.delete(it.key)
        if (this.byAlert.get(it.alertId)?.size === 0) this.byAlert.delete(it.alertId)
        continue
      }
      text += JSON.stringify(it) + '\n'
    }
    const tmp = `${this.file}.tmp`
    const fd = openSync(tmp, 'w', 0o600)
    try {
      writeSync(fd, text)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    closeSync(this.fd)
    renameSync(tmp, this.file)
    this.fd = openSync(this.file, 'a', 0o600)
    this.bytes = Buffer.byteLength(text)
  }
}
