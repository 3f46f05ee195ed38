/**
 * The sender loop's core: picks due outbox items, sends them through `deliver` with bounded
 * concurrency, and records each outcome durably before moving on.
 *
 * - Success: the item is marked `sent` (fsynced) immediately after the channel reports success.
 *   Residual window, inherent to at-least-once delivery: if the process dies after the SMTP
 *   server or webhook receiver accepted a message but before the `sent` line reaches the disk,
 *   the item is still `pending` after the restart and is sent again. The window is one fsync
 *   long; receivers can recognise the duplicate by `X-Envmon-Delivery` / `deliveryId` (webhooks)
 *   or the Message-ID (e-mail), both stable across retries.
 * - Transient failure: retried after `backoffMs(attempts)` (exponential, capped), up to
 *   `maxAttempts`, then `failed`. Permanent failures fail at once.
 * - Order: items of the same (alert, recipient, channel) go out in planning order, so a
 *   "resolved" never overtakes the "opened" it resolves while that one is retrying.
 */
import { toDeliveryError, type DeliveryError } from './channels/delivery-error'
import type { Outbox, OutboxItem } from './outbox'

export interface DispatcherOptions {
  now: () => number
  maxAttempts: number
  backoffBaseMs: number
  backoffMaxMs: number
  concurrency: number
  log: { warn(msg: string): void; error(msg: string): void }
  /** Called after each send settles (to schedule the next run). */
  onSettled?: () => void
}

/**
 * Delay before the next attempt after `attempts` failed ones: base · 2^(attempts−1), capped.
 * @example backoffMs(3, 1000, 60_000) // 4000
 */
export function backoffMs(attempts: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 40)))
}

const triple = (i: OutboxItem) => `${i.alertId}\u0000${i.recipientId}\u0000${i.channelKey}`

export class Dispatcher {
  private readonly inflight = new Map<string, Promise<void>>()
  /** Items whose outcome could not be recorded: held back in memory so they do not spin. */
  private readonly hold = new Map<string, number>()

  constructor(
    private readonly outbox: Outbox,
    private readonly deliver: (item: OutboxItem) => Promise<void>,
    private readonly opts: DispatcherOptions,
  ) {}

  /** Sends in flight. */
  get busy(): number {
    return this.inflight.size
  }

  /** Start every send that is due now (within the concurrency limit); resolves when they settle. Returns how many started. */
  async dispatch(): Promise<number> {
    const now = this.opts.now()
    const started: Promise<void>[] = []
    for (const item of this.walk()) {
      if (this.dueAt(item) > now) continue
      if (this.inflight.size >= this.opts.concurrency) break
      started.push(this.start(item))
    }
    await Promise.all(started)
    return started.length
  }

  /** Earliest time a not-yet-due item becomes due (undefined: nothing waits on time). */
  nextDueAt(): number | undefined {
    let next: number | undefined
    for (const item of this.walk()) {
      const t = this.dueAt(item)
      if (next === undefined || t < next) next = t
    }
    return next
  }

  /** Resolves when every send in flight has settled. */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.all([...this.inflight.values()])
  }

  private dueAt(item: OutboxItem): number {
    return Math.max(item.nextAttemptAt, this.hold.get(item.key) ?? -Infinity)
  }

  /** Pending items that are first in line for their (alert, recipient, channel) and not in flight. */
  private *walk(): Generator<OutboxItem> {
    const seen = new Set<string>()
    for (const item of this.outbox.pending()) {
      const t = triple(item)
      if (seen.has(t)) continue
      seen.add(t)
      if (!this.inflight.has(item.key)) yield item
    }
  }

  private start(item: OutboxItem): Promise<void> {
    const p = this.attempt(item).finally(() => {
      this.inflight.delete(item.key)
      this.opts.onSettled?.()
    })
    this.inflight.set(item.key, p)
    return p
  }

  private async attempt(item: OutboxItem): Promise<void> {
    let err: DeliveryError | undefined
    try {
      await this.deliver(item)
    } catch (e) {
      err = toDeliveryError(e)
    }
    try {
      const attempts = (this.outbox.get(item.key)?.attempts ?? item.attempts) + 1
      const now = this.opts.now()
      if (!err) {
        this.outbox.update(item.key, { state: 'sent', attempts, sentAt: now, lastError: undefined })
        return
      }
      const lastError = `${err.code}: ${err.message}`
      if (err.permanent || attempts >= this.opts.maxAttempts) {
        this.outbox.update(item.key, { state: 'failed', attempts, lastError })
        this.opts.log.error(
          `notify: ${item.channelLabel} for alert ${item.alertId} (${item.event}) failed after ${attempts} attempt(s): ${lastError}`,
        )
        return
      }
      const wait = backoffMs(attempts, this.opts.backoffBaseMs, this.opts.backoffMaxMs)
      this.outbox.update(item.key, { attempts, lastError, nextAttemptAt: now + wait })
      this.opts.log.warn(
        `notify: ${item.channelLabel} for alert ${item.alertId} (${item.event}) attempt ${attempts} failed, retry in ${wait} ms: ${lastError}`,
      )
    } catch (e) {
      // The outbox could not record the outcome (disk full?): the item stays pending and is retried
      // later (after a restart, at once: the residual at-least-once window).
      this.hold.set(item.key, this.opts.now() + this.opts.backoffMaxMs)
      this.opts.log.error(`notify: cannot record delivery of ${item.key}: ${(e as Error).message}`)
    }
  }
}
