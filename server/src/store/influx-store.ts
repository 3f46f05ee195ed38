/**
 * InfluxDB 2.x adapter of the store port, on `@influxdata/influxdb-client`.
 *
 * ## Schema
 * - measurement `reading`; tags `station` (station id) and `kind` (station kind);
 * - one float field per metric (`pm25=35.2`) and one string field per metric holding its HJ 212
 *   data flag (`pm25:flag="D"`, always written, N when absent); time in ms precision.
 *   `:` cannot appear in a metric key, so a flag field never collides with a metric.
 * - A station's kind never changes (it is part of the series key).
 *
 * ## Idempotency
 * InfluxDB keeps one value per (measurement, tag set, field, time): writing a point again
 * overwrites it. With the tag set fixed by the station, that is one value per
 * (station, metric, ts), so QoS 1 redelivery, spool replay and backfill overlap store a point once.
 * (The flag is a field, not a tag, so a changed flag overwrites rather than adding a series.)
 * Unlike the DuckDB adapter (first write wins), the last write wins; redelivered points carry
 * the same value, so both satisfy the contract.
 *
 * ## Failure
 * `write` resolves only when the server acknowledged every line (204), and otherwise rejects with
 * an {@link InfluxStoreError}: the client's own retry buffer is off (maxRetries 0, and
 * `writeFailed` hands the error back to `flush()`), and a few quick in-call retries on
 * retriable errors are all it does. Long outages are the caller's: ingest's durable spool keeps
 * the batch and replays it, which is safe because writes are idempotent. Batches already sent
 * before a failing one stay written; the replay overwrites them with the same values.
 */
import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { setTimeout as sleep } from 'node:timers/promises'
import { InfluxDB, type QueryApi, type Row, type Transport, type WriteApi } from '@influxdata/influxdb-client'
import type { Reading } from '../../../shared/src/domain/reading'
import { asInfluxError, closedError, toInfluxError } from './influx-errors'
import { aggregateQuery, completenessQuery, countQuery, firstSeenQuery, latestQuery, rawQuery, validAggregateQuery } from './influx-flux'
import { lineBatches, parseField } from './influx-line'
import { collectSeries, exportStation, readLatest, sortedSeries } from './influx-read'
import {
  bucketStart,
  type CompletenessCounts,
  type CompletenessQuery,
  type ExportQuery,
  type ExportRow,
  type LatestValue,
  type Series,
  type SeriesQuery,
  type Store,
  type StoreState,
} from '../../../shared/src/ports/store'
import type { BucketCount } from '../../../shared/src/standards/completeness'
import { decimateM4 } from './decimate'
import { m4Buckets } from '../../../shared/src/protocol/http/series'

export interface InfluxStoreOptions {
  /** Base URL, e.g. http://localhost:8086 */
  url: string
  token: string
  org: string
  bucket: string
  /** Lines per write request (default 5000). */
  batchSize?: number
  /** UTF-8 bytes per write request before splitting (default 4 MiB). */
  maxBatchBytes?: number
  /** Extra attempts of a request after a retriable error (default 2, at most 5). */
  retries?: number
  /** Delay before the first retry; doubles each time, capped at 2 s (default 100 ms). */
  retryDelayMs?: number
  /** HTTP socket timeout (default 10 s). */
  timeoutMs?: number
  /** Timeout of ping() (default 2 s). */
  pingTimeoutMs?: number
  /** Rows per chunk of exportRows (default 5000). */
  exportChunkRows?: number
}

const positiveInt = (v: number, name: string) => {
  if (!Number.isSafeInteger(v) || v <= 0) throw new Error(`invalid influx ${name}: ${v}`)
  return v
}
const nonEmpty = (v: string, name: string) => {
  if (typeof v !== 'string' || v.trim() === '') throw new Error(`invalid influx ${name}: ${JSON.stringify(v)}`)
  return v
}

/** Serialize async work (writes keep their order; close waits for queued writes). */
class Lane {
  private tail: Promise<unknown> = Promise.resolve()
  run<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.tail.then(fn, fn)
    this.tail = p.catch(() => undefined)
    return p
  }
}

/**
 * The InfluxDB 2.x store. Construction validates options and opens no connection; use
 * {@link InfluxStore.ping} to check reachability.
 *
 * @example
 * const store = await InfluxStore.open({ url: 'http://localhost:8086', token, org: 'envmon', bucket: 'envmon' })
 * await store.write([{ stationId: 'DG-AQ-01', kind: 'air', ts: Date.now(), values: { pm25: 35 } }])
 * const [pm25] = await store.series({ stationId: 'DG-AQ-01', metrics: ['pm25'], from, to, every: '1h', fn: 'mean' })
 */
export class InfluxStore implements Store {
  readonly name = 'influx' as const
  private readonly bucket: string
  private readonly batchSize: number
  private readonly maxBatchBytes: number
  private readonly retries: number
  private readonly retryDelayMs: number
  private readonly pingTimeoutMs: number
  private readonly chunkRows: number
  private readonly agent: HttpAgent
  private readonly transport: Transport
  private readonly writeApi: WriteApi
  private readonly queryApi: QueryApi
  private readonly writeLane = new Lane()
  private readonly reads = new Set<Promise<unknown>>()
  private readonly stop = new AbortController()
  /** Set when close() starts: new operations reject; queued writes still finish. */
  private closing = false
  private closed = false
  private closePromise?: Promise<void>

  constructor(opts: InfluxStoreOptions) {
    let url: URL
    try {
      url = new URL(opts.url)
    } catch {
      throw new Error(`invalid influx url: ${opts.url}`)
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`invalid influx url: ${opts.url}`)
    const org = nonEmpty(opts.org, 'org')
    this.bucket = nonEmpty(opts.bucket, 'bucket')
    this.batchSize = positiveInt(opts.batchSize ?? 5000, 'batchSize')
    this.maxBatchBytes = positiveInt(opts.maxBatchBytes ?? 4 * 1024 * 1024, 'maxBatchBytes')
    this.retries = Math.min(5, Math.max(0, Math.trunc(opts.retries ?? 2)))
    this.retryDelayMs = positiveInt(opts.retryDelayMs ?? 100, 'retryDelayMs')
    this.pingTimeoutMs = positiveInt(opts.pingTimeoutMs ?? 2000, 'pingTimeoutMs')
    this.chunkRows = positiveInt(opts.exportChunkRows ?? 5000, 'exportChunkRows')
    // Our own agent, so close() can end its keep-alive sockets (no leaked handles).
    this.agent = url.protocol === 'https:' ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true })
    const influx = new InfluxDB({
      url: opts.url,
      token: nonEmpty(opts.token, 'token'),
      timeout: positiveInt(opts.timeoutMs ?? 10_000, 'timeoutMs'),
      transportOptions: { agent: this.agent },
    })
    this.transport = influx.transport
    this.writeApi = influx.getWriteApi(org, this.bucket, 'ms', {
      // We batch ourselves and flush each batch explicitly: the client must never auto-flush
      // (its background flush swallows errors) nor keep lines for background retries.
      batchSize: this.batchSize + 1,
      maxBatchBytes: Number.MAX_SAFE_INTEGER,
      flushInterval: 0,
      maxRetries: 0,
      maxBufferLines: 1,
      gzipThreshold: 64 * 1024,
      // Returning a promise makes it flush()'s result: the error reaches us, unlogged.
      writeFailed: (error) => Promise.reject(error),
    })
    this.queryApi = influx.getQueryApi(org)
  }

  /**
   * Validate options and create the store, like DuckDbStore.open. It does not contact the server:
   * InfluxDB being down at start-up is an outage like any other (ingest spools meanwhile).
   */
  static async open(opts: InfluxStoreOptions): Promise<InfluxStore> {
    return new InfluxStore(opts)
  }

  write(readings: readonly Reading[]): Promise<void> {
    if (this.closing) return Promise.reject(closedError('write'))
    if (readings.length === 0) return Promise.resolve()
    return this.writeLane.run(async () => {
      if (this.closed) throw closedError('write')
      for (const lines of lineBatches(readings, this.batchSize, this.maxBatchBytes)) await this.send(lines)
    })
  }

  series(q: SeriesQuery): Promise<Series[]> {
    return this.read(async () => {
      const { metrics, every } = q
      if (q.from >= q.to) return sortedSeries(metrics, new Map(), every === 'raw')
      if (every === 'raw') {
        const rows = this.rows(rawQuery(this.bucket, q.stationId, q.from, q.to, metrics))
        const raw = sortedSeries(metrics, await collectSeries(rows, 'raw', q.validOnly ?? false), true)
        if (!q.maxPoints) return raw
        const buckets = m4Buckets(q.maxPoints)
        return raw.map((s) => ({
          metric: s.metric,
          ...decimateM4(s.t, s.v, s.flags ?? s.t.map(() => 'N' as const), q.from, q.to, buckets),
          decimated: true,
        }))
      }
      if (!q.validOnly) {
        const flux = aggregateQuery(this.bucket, q.stationId, q.from, q.to, every, q.fn, metrics)
        return sortedSeries(metrics, await collectSeries(this.rows(flux), every, false), false)
      }
      if (metrics.length === 0) throw new Error('invalid metrics: validOnly aggregates need at least one metric')
      const found = new Map<string, Series>()
      await Promise.all(
        metrics.map(async (m) => {
          const s = await collectSeries(
            this.rows(validAggregateQuery(this.bucket, q.stationId, q.from, q.to, every, q.fn, m)),
            every,
            false,
          )
          if (s.has(m)) found.set(m, s.get(m)!)
        }),
      )
      return sortedSeries(metrics, found, false)
    })
  }

  async *exportRows(q: ExportQuery): AsyncIterable<ExportRow[]> {
    if (this.closing) throw closedError('query')
    // (station, ts, metric) order: stations sorted like DuckDB's ORDER BY station_id.
    const stations = [...new Set(q.stationIds)].sort()
    let chunk: ExportRow[] = []
    try {
      for (const station of stations) {
        for await (const rows of exportStation((flux) => this.rows(flux), this.bucket, station, q)) {
          if (this.closing) throw closedError('query')
          for (const row of rows) {
            chunk.push(row)
            if (chunk.length === this.chunkRows) {
              yield chunk
              chunk = []
            }
          }
        }
      }
    } catch (e) {
      throw asInfluxError('query', e)
    }
    if (chunk.length > 0) yield chunk
  }

  latest(): Promise<Map<string, Map<string, LatestValue>>> {
    return this.read(() => readLatest(this.rows(latestQuery(this.bucket))))
  }

  completenessCounts(q: CompletenessQuery): Promise<CompletenessCounts> {
    return this.read(async () => {
      const out: CompletenessCounts = { rows: [], firstSeen: new Map() }
      if (q.stationIds && q.stationIds.length === 0) return out
      const rows = new Map<string, BucketCount>()
      for (const fn of q.from < q.to ? (['count', 'sum'] as const) : []) {
        for await (const { values, tableMeta } of this.rows(
          completenessQuery(this.bucket, q.stationIds, q.from, q.to, q.every, fn, q.invalidated),
        )) {
          const stationId = String(values[tableMeta.column('station').index])
          const metric = parseField(String(values[tableMeta.column('_field').index])).metric
          const bucket = bucketStart(Date.parse(String(values[tableMeta.column('_time').index])), q.every)
          const key = `${stationId}\u0000${metric}\u0000${bucket}`
          let c = rows.get(key)
          if (!c) rows.set(key, (c = { stationId, metric, bucket, received: 0, valid: 0 }))
          c[fn === 'count' ? 'received' : 'valid'] += Number(values[tableMeta.column('_value').index])
        }
      }
      out.rows = [...rows.values()]
      for await (const { values, tableMeta } of this.rows(firstSeenQuery(this.bucket, q.stationIds, q.to))) {
        out.firstSeen.set(String(values[tableMeta.column('station').index]), Date.parse(String(values[tableMeta.column('_time').index])))
      }
      return out
    })
  }

  count(stationId?: string, from?: number, to?: number): Promise<number> {
    return this.read(async () => {
      if (from !== undefined && to !== undefined && from >= to) return 0
      let n = 0
      for await (const { values, tableMeta } of this.rows(countQuery(this.bucket, stationId, from, to))) {
        n += Number(values[tableMeta.column('_value').index])
      }
      return n
    })
  }

  /** GET /ping (InfluxDB 2.x answers 204); 'down' on any error or after close, never throws. */
  async ping(): Promise<StoreState> {
    if (this.closing) return 'down'
    try {
      await this.transport.request('/ping', '', { method: 'GET', signal: AbortSignal.timeout(this.pingTimeoutMs) })
      return 'up'
    } catch {
      return 'down'
    }
  }

  /** Let queued writes and running reads finish, then release sockets. Idempotent. */
  close(): Promise<void> {
    this.closePromise ??= (async () => {
      this.closing = true
      // Queued writes still get their attempt, but no backoff sleeps: the caller's spool keeps
      // whatever fails.
      this.stop.abort()
      await this.writeLane.run(async () => undefined)
      await Promise.allSettled([...this.reads])
      this.closed = true
      this.writeApi.dispose()
      this.agent.destroy()
    })()
    return this.closePromise
  }

  /** Send one batch; a few quick retries on retriable errors, then reject. */
  private async send(lines: string[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      this.writeApi.writeRecords(lines)
      try {
        await this.writeApi.flush()
        return
      } catch (e) {
        const err = toInfluxError('write', e)
        if (!err.retriable || attempt >= this.retries) throw err
        await sleep(Math.min(2000, this.retryDelayMs * 2 ** attempt), undefined, { signal: this.stop.signal }).catch(() => {
          throw err
        })
      }
    }
  }

  private read<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closing) return Promise.reject(closedError('query'))
    const p = fn().catch((e: unknown) => {
      throw asInfluxError('query', e)
    })
    this.reads.add(p)
    const done = () => this.reads.delete(p)
    p.then(done, done)
    return p
  }

  private rows(flux: string): AsyncIterable<Row> {
    return this.queryApi.iterateRows(flux)
  }
}
