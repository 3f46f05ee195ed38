/**
 * Drains the durable queue into the store in batches. A failed write is retried with capped
 * exponential backoff (the batch stays in the spool meanwhile); only a committed batch advances
 * the checkpoint. Batches grow by themselves under load: while one write runs, the next batch
 * accumulates.
 */
import type { Reading } from '../../../shared/src/domain/reading'
import { rejectsData, type Store } from '../../../shared/src/ports/store'
import type { Batch, DurableQueue } from './durable-queue'

export type WriterState = 'idle' | 'writing' | 'retrying' | 'stopped'

export interface StoreWriterOptions {
  batchSize?: number
  retryMinMs?: number
  retryMaxMs?: number
  /** Called after each committed batch (e.g. metrics). */
  onCommitted?: (batch: Batch, ms: number) => void
  /** Called on each failed attempt. */
  onError?: (err: Error, attempt: number) => void
  /**
   * A reading the store refuses as data (it can never be written): it is handed here (to be kept
   * in the dead letter) instead of blocking the queue forever.
   */
  onRefused?: (reading: Reading, err: Error) => void
}

export class StoreWriter {
  state: WriterState = 'idle'
  readonly stats = { batches: 0, rows: 0, failures: 0, refused: 0, lastError: '' as string }
  private stopping = false
  private loop?: Promise<void>
  private wakeSleep?: () => void

  constructor(
    private readonly queue: DurableQueue,
    private readonly store: Store,
    private readonly opts: StoreWriterOptions = {},
  ) {}

  start(): void {
    this.loop ??= this.run()
  }

  /**
   * Stop after the queue is drained into the store; if the store is down, give up after the
   * current attempt (everything uncommitted stays in the spool for the next start).
   */
  async stop(): Promise<void> {
    this.stopping = true
    this.wakeSleep?.()
    await this.loop
    this.state = 'stopped'
  }

  /** Write; when the store refuses the data, bisect to find and set aside the refused readings. */
  private async writeIsolating(readings: Reading[]): Promise<void> {
    try {
      await this.store.write(readings)
    } catch (e) {
      if (!rejectsData(e)) throw e
      if (readings.length === 1) {
        this.stats.refused++
        this.opts.onRefused?.(readings[0]!, e as Error)
        return
      }
      const mid = readings.length >> 1
      await this.writeIsolating(readings.slice(0, mid))
      await this.writeIsolating(readings.slice(mid))
    }
  }

  private async run(): Promise<void> {
    // 5k readings per batch: the appender loop runs on the event loop, and a 20k batch blocked it for
    // up to half a second (bench/), delaying alerts; throughput is bounded by the store, not by this.
    const max = this.opts.batchSize ?? 5_000
    for (;;) {
      const batch = this.queue.take(max)
      if (!batch) {
        if (this.stopping) return
        this.state = 'idle'
        await Promise.race([this.queue.waitForData(), new Promise<void>((r) => (this.wakeSleep = r))])
        continue
      }
      this.state = 'writing'
      let attempt = 0
      for (;;) {
        const t0 = performance.now()
        try {
          await this.writeIsolating(batch.readings)
          const ms = performance.now() - t0
          this.queue.commit(batch)
          this.stats.batches++
          let rows = 0
          for (const r of batch.readings) for (const _ in r.values) rows++
          this.stats.rows += rows
          this.opts.onCommitted?.(batch, ms)
          break
        } catch (e) {
          const err = e instanceof Error ? e : new Error(String(e))
          this.stats.failures++
          this.stats.lastError = err.message
          this.opts.onError?.(err, attempt)
          if (this.stopping) return
          this.state = 'retrying'
          const min = this.opts.retryMinMs ?? 200
          const delay = Math.min(this.opts.retryMaxMs ?? 5_000, min * 2 ** attempt++)
          await new Promise<void>((r) => {
            const t = setTimeout(r, delay)
            this.wakeSleep = () => {
              clearTimeout(t)
              r()
            }
          })
          if (this.stopping && attempt > 1) {
            // One more try on shutdown, then leave the rest to the spool.
            try {
              await this.store.write(batch.readings)
              this.queue.commit(batch)
            } catch {
              /* stays in the spool */
            }
            return
          }
        }
      }
    }
  }
}
