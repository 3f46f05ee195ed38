/**
 * Embedded time-series store on DuckDB (`@duckdb/node-api`): one file under ./data by default.
 *
 * Points are rows (station_id, metric, ts, value, flag). Writes are idempotent on
 * (station_id, metric, ts), so QoS 1 redelivery and backfill overlap never store a point twice
 * (contract: "The same (station, metric, ts) delivered twice ... is stored once"): each batch goes
 * through the appender into a staging table, then one INSERT keeps the rows that do not exist yet.
 * There is deliberately no primary-key index: measured in bench/, the key made writes 2.7× slower
 * and kept an in-memory index growing with the table. One writer connection serializes writes, so
 * the check-then-insert cannot race.
 *
 * The check is paid only where it can find something (series-marks.ts). The store knows, per series
 * over the last 40 days, its latest stored ts and the hours it holds (read once at open in the
 * background, then noted by every write). A row past its series' mark, or in an hour the series does
 * not hold (a week of backlog uploaded behind live data), cannot be stored yet and goes in unchecked;
 * only rows at or before the mark in a held hour (a redelivery), or older than the window, go through
 * the anti-join, bounded by those rows' own time range, which DuckDB's ts zone maps prune. Before
 * (issue 16) the range was the whole batch's: a backlog batch spanning 50 hours of many stations
 * scanned 50 hours of the table, so write cost grew with the store's history (2.2 s a batch on 18 M
 * rows).
 *
 * The staging rows are all numbers (station and metric as codes of two small dictionary tables,
 * the flag as its index) appended a data chunk of 2048 rows at a time: a numeric column is one copy
 * into DuckDB, where per-value appends made five native calls a row on the ingest thread. The
 * INSERT turns the codes back into strings inside DuckDB.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DOUBLE, DuckDBDataChunk, DuckDBInstance, INTEGER, UTINYINT, type DuckDBConnection } from '@duckdb/node-api'
import { byTime } from './by-time'
import { m4Sql } from './decimate'
import { KeptDaysTable } from './kept-days'
import { M4Cache, type Cell } from './m4-cache'
import { MAY_EXIST, NEW, SeriesMarks } from './series-marks'
import { bucketSql, inTransaction, int, lit } from './sql'
import { DATA_FLAGS, type DataFlag, type Reading } from '../../../shared/src/domain/reading'
import type { KeptDays } from '../../../shared/src/ports/day-records'
import { m4Buckets, m4GridWidth } from '../../../shared/src/protocol/http/series'
import {
  EVERY_MS,
  type AggFn,
  type CompletenessCounts,
  type CompletenessQuery,
  type Every,
  type ExportQuery,
  type ExportRow,
  type LatestValue,
  type Series,
  type SeriesQuery,
  type Store,
  type StoreState,
} from '../../../shared/src/ports/store'

const AGG_SQL: Record<AggFn, string> = {
  mean: 'avg(value)',
  min: 'min(value)',
  max: 'max(value)',
  last: 'arg_max(value, ts)',
}

/** An open range end (±Infinity, or past what a Date holds) as the last representable ms. */
const clampMs = (t: number) => Math.max(-8.64e15, Math.min(8.64e15, Math.floor(t)))

/** Staging columns: station code, metric code, ts (epoch ms, exact in a double), value, flag index, check (1: may be stored already). */
const STAGING_TYPES = [INTEGER, INTEGER, DOUBLE, DOUBLE, UTINYINT, UTINYINT]
/** Rows per data chunk (DuckDB's vector size). */
const CHUNK_ROWS = 2048
const FLAG_CODE = new Map<string, number>(DATA_FLAGS.map((f, i) => [f, i]))
const FLAG_LIST_SQL = `[${DATA_FLAGS.map(lit).join(',')}]`

/**
 * The INSERT of the staged batch: unchecked rows (past their series' high-water mark) go straight
 * in, deduplicated within the batch; checked rows only where the table has no row with their key,
 * the anti-join bounded by the checked rows' own time range. A row's key decides its check, so one
 * key is never on both sides of the UNION.
 */
function insertSql(checked: number): string {
  const staged = `WITH s AS (SELECT c.station_id, m.metric, CAST(st.ts AS BIGINT) AS ts, st.value, ${FLAG_LIST_SQL}[st.fid + 1] AS flag, st.chk
      FROM temp.staging st JOIN temp.station_codes c ON c.code = st.sid JOIN temp.metric_codes m ON m.code = st.mid)`
  const fresh = `SELECT DISTINCT ON (station_id, metric, ts) s.station_id, s.metric, s.ts, s.value, s.flag FROM s WHERE s.chk = 0`
  if (checked === 0) return `INSERT INTO readings ${staged} ${fresh}`
  return `INSERT INTO readings ${staged} ${fresh}
    UNION ALL
    SELECT DISTINCT ON (station_id, metric, ts) s.station_id, s.metric, s.ts, s.value, s.flag FROM s
    WHERE s.chk = 1 AND NOT EXISTS (SELECT 1 FROM readings r
      WHERE r.ts BETWEEN (SELECT CAST(min(ts) AS BIGINT) FROM temp.staging WHERE chk = 1) AND (SELECT CAST(max(ts) AS BIGINT) FROM temp.staging WHERE chk = 1)
        AND r.station_id = s.station_id AND r.metric = s.metric AND r.ts = s.ts)`
}

/** An M4 answer with no rows (the whole window from kept cells). */
const M4_NONE = `SELECT NULL::VARCHAR, NULL::DOUBLE, NULL::DOUBLE, NULL::VARCHAR WHERE false`

/** Result columns, or `n` empty ones when the result has no rows (the reader then returns none). */
function columns(cols: unknown[][], n: number): unknown[][] {
  return cols.length === n ? cols : Array.from({ length: n }, () => [])
}

export interface DuckDbStoreOptions {
  /** Database file, or ':memory:'. */
  path: string
  /** Threads DuckDB may use (default 2). */
  threads?: number
  /** Reader connections (default 3). */
  readers?: number
  /**
   * DuckDB's memory limit, as DuckDB spells it (e.g. `1GB`, `512MiB`); past it, operators that can
   * spill to disk do (the database's `.tmp` folder). Default DuckDB's own: 80 % of the machine's RAM.
   */
  memoryLimit?: string
  /** The wall clock (tests): which days are past for the kept days (kept-days.ts). */
  now?: () => number
}

/** Serialize async work on one connection (DuckDB connections run one statement at a time). */
class Lane {
  private tail: Promise<unknown> = Promise.resolve()
  pending = 0
  run<T>(fn: () => Promise<T>): Promise<T> {
    this.pending++
    const p = this.tail.then(fn, fn).finally(() => this.pending--)
    this.tail = p.catch(() => undefined)
    return p
  }
}

/**
 * Several reader connections, each serialized, so a long query (a targets recomputation, an
 * analyst's year) never makes the live views or the health check wait behind it.
 */
class ReaderPool {
  constructor(private readonly readers: { conn: DuckDBConnection; lane: Lane }[]) {}
  /** Run on the least busy reader. */
  run<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    let best = this.readers[0]!
    for (const r of this.readers) if (r.lane.pending < best.lane.pending) best = r
    return best.lane.run(() => fn(best.conn))
  }
  async drain(): Promise<void> {
    await Promise.all(this.readers.map((r) => r.lane.run(async () => undefined)))
  }
  close(): void {
    for (const r of this.readers) r.conn.closeSync()
  }
}

export class DuckDbStore implements Store {
  readonly name = 'duckdb' as const
  private closed = false
  private closing?: Promise<void>
  private readonly writeLane = new Lane()
  /** Codes of the station ids and metric keys in the writer's dictionary tables. */
  private readonly stationCodes = new Map<string, number>()
  private readonly metricCodes = new Map<string, number>()
  /** What is stored per series (marks and recent hours), so writes check only where a duplicate can be. */
  private readonly known = new SeriesMarks()
  /**
   * Each station's first stored ts (read at open in the background, then noted by every write), so
   * the completeness counts do not scan the whole table for it each time; undefined until read.
   */
  private firstSeen?: Map<string, number>
  private readonly firstWritten = new Map<string, number>()
  /** The M4 of cells that can no longer change (m4-cache.ts). */
  readonly m4 = new M4Cache()
  /** Rows written, and of them the rows that went through the duplicate check. */
  readonly writeCounts = { rows: 0, checked: 0 }

  /** Records derived from a station's day, kept beside the rows (kept-days.ts; the targets board's station-days). */
  readonly keptDays: KeptDays

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly readers: ReaderPool,
    private readonly kept: KeptDaysTable,
    private readonly now: () => number,
  ) {
    this.keptDays = {
      position: () => kept.position(),
      load: (ns, first, last, stationIds) =>
        this.readers.run(async (reader) => {
          this.assertOpen()
          const r = await reader.runAndReadAll(KeptDaysTable.loadSql(ns, first, last))
          const [sid, arrays] = columns(r.getColumnsJS(), 2) as [string[], string[]]
          return KeptDaysTable.parse(sid, arrays, stationIds && new Set(stationIds))
        }),
      save: (ns, since, records) =>
        this.writeLane.run(async () => {
          this.assertOpen()
          return kept.save(ns, since, records)
        }),
    }
  }

  /** DuckDB's memory limit in force (`SELECT current_setting('memory_limit')`), e.g. `1.0 GiB`. */
  async memoryLimit(): Promise<string> {
    const r = await this.writer.runAndReadAll(`SELECT current_setting('memory_limit') AS m`)
    return String(r.getRowObjects()[0]!.m)
  }

  /** Open (or create) the database and its schema. */
  static async open(opts: DuckDbStoreOptions): Promise<DuckDbStore> {
    if (opts.path !== ':memory:') mkdirSync(dirname(opts.path), { recursive: true })
    const instance = await DuckDBInstance.create(opts.path, {
      threads: String(opts.threads ?? 2),
      ...(opts.memoryLimit ? { memory_limit: opts.memoryLimit } : {}),
    })
    const writer = await instance.connect()
    await writer.run(`CREATE TABLE IF NOT EXISTS readings (
      station_id VARCHAR NOT NULL, metric VARCHAR NOT NULL, ts BIGINT NOT NULL,
      value DOUBLE NOT NULL, flag VARCHAR NOT NULL)`)
    await writer.run(`CREATE TEMP TABLE staging (sid INTEGER, mid INTEGER, ts DOUBLE, value DOUBLE, fid UTINYINT, chk UTINYINT)`)
    await writer.run(`CREATE TEMP TABLE station_codes (code INTEGER, station_id VARCHAR)`)
    await writer.run(`CREATE TEMP TABLE metric_codes (code INTEGER, metric VARCHAR)`)
    const readers = []
    for (let i = 0; i < (opts.readers ?? 3); i++) readers.push({ conn: await instance.connect(), lane: new Lane() })
    const kept = await KeptDaysTable.open(writer)
    const store = new DuckDbStore(instance, writer, new ReaderPool(readers), kept, opts.now ?? Date.now)
    store.readMarks()
    return store
  }

  /**
   * Read what the table holds in the recent window, on a reader, in the background (one grouped scan
   * of the window: a few seconds on 40 days of a city's data), so opening never waits for it: each
   * series' hours and, from their latest, its mark. Writes meanwhile check every row and note what they
   * commit; the result read is merged into that, so a write committed after the reader's snapshot is
   * not lost. If the read fails, writes keep checking every row (correct, only slower).
   */
  private readMarks(): void {
    void this.readers
      .run(async (reader) => {
        const n = await reader.runAndReadAll(`SELECT CAST(max(ts) AS DOUBLE) FROM readings`)
        const newest = n.getRowsJS()[0]?.[0] as number | null | undefined
        if (newest === null || newest === undefined) {
          this.firstSeen = new Map(this.firstWritten)
          return this.known.completeFrom(Number.NEGATIVE_INFINITY)
        }
        const from = this.known.windowStart(newest)
        // The latest ts of each hour, one list per series: as rows, the names of a city's 40 days
        // (millions of series-hours) cost more to convert than the scan, beside a cold targets board.
        const r = await reader.runAndReadAll(`SELECT station_id, metric, list(t) FROM (
            SELECT station_id, metric, CAST(max(ts) AS DOUBLE) AS t FROM readings
            WHERE ts >= ${int(from, 'from')} GROUP BY station_id, metric, ts // 3600000)
          GROUP BY station_id, metric`)
        const [sid, metric, ts] = columns(r.getColumnsJS(), 3) as [string[], string[], number[][]]
        for (let i = 0; i < sid.length; i++) this.known.noteAll(sid[i]!, metric[i]!, ts[i]!)
        this.known.completeFrom(from)
        // Then each station's first ts, merged with what writes noted meanwhile (by min).
        const f = await reader.runAndReadAll(`SELECT station_id, CAST(min(ts) AS DOUBLE) FROM readings GROUP BY station_id`)
        const first = new Map(f.getRowsJS() as [string, number][])
        for (const [id, t] of this.firstWritten) if (t < (first.get(id) ?? Infinity)) first.set(id, t)
        this.firstSeen = first
      })
      .catch(() => undefined)
  }

  /** Whether the store knows what it holds, so writes check only where a duplicate can be (tests and the bench wait for it). */
  async marksReady(): Promise<boolean> {
    await this.readers.drain()
    return this.known.complete
  }

  write(readings: readonly Reading[]): Promise<void> {
    if (readings.length === 0) return Promise.resolve()
    return this.writeLane.run(async () => {
      this.assertOpen()
      await this.addCodes(readings)
      const app = await this.writer.createAppender('staging', 'main', 'temp')
      let checked = 0
      let staged = 0
      // Series this write adds rows to at or before their mark (m4-cache.ts).
      const late = new Map<string, Set<string>>()
      try {
        const cols: number[][] = [[], [], [], [], [], []]
        const [sid, mid, ts, value, fid, chk] = cols as [number[], number[], number[], number[], number[], number[]]
        const append = () => {
          const chunk = DuckDBDataChunk.create(STAGING_TYPES, sid.length)
          for (let c = 0; c < cols.length; c++) chunk.setColumnValues(c, cols[c]!)
          app.appendDataChunk(chunk)
          for (const col of cols) col.length = 0
        }
        const known = this.known
        for (const r of readings) {
          const s = this.stationCodes.get(r.stationId)!
          for (const metric in r.values) {
            sid.push(s)
            mid.push(this.metricCodes.get(metric)!)
            ts.push(r.ts)
            value.push(r.values[metric]!)
            fid.push(FLAG_CODE.get(r.flags?.[metric] ?? 'N') ?? 0)
            // A fractional ts is rounded by DuckDB's cast: checked, so rounding cannot pass a mark.
            const cls = known.classify(r.stationId, metric, r.ts)
            const whole = Number.isInteger(r.ts)
            const check = cls === MAY_EXIST || !whole
            // Late for the kept M4 cells too when rounding may land it on the mark's millisecond.
            if (cls !== NEW || !whole) {
              const ms = late.get(r.stationId)
              if (ms) ms.add(metric)
              else late.set(r.stationId, new Set([metric]))
            }
            chk.push(check ? 1 : 0)
            if (check) checked++
            staged++
            if (sid.length === CHUNK_ROWS) append()
          }
        }
        if (sid.length > 0) append()
        app.flushSync()
      } finally {
        app.closeSync()
      }
      this.m4.lateBegin(late)
      const now = this.now()
      // Kept days these rows make stale go in the same transaction (live rows: none, one statement).
      const stale = this.kept.staleBy(readings, now)
      try {
        if (stale === undefined) await this.writer.run(insertSql(checked))
        else await inTransaction(this.writer, [insertSql(checked), stale])
        this.writeCounts.rows += staged
        this.writeCounts.checked += checked
      } finally {
        this.kept.wrote(readings, this.now())
        this.m4.lateEnd(late)
        await this.writer.run('DELETE FROM temp.staging')
      }
      for (const r of readings) for (const metric in r.values) this.known.note(r.stationId, metric, Math.ceil(r.ts))
      const first = this.firstSeen ?? this.firstWritten
      for (const r of readings) {
        // As DuckDB casts it (round half away from zero), so the noted first is the stored one.
        const t = Math.sign(r.ts) * Math.round(Math.abs(r.ts))
        if (t < (first.get(r.stationId) ?? Infinity)) first.set(r.stationId, t)
      }
    })
  }

  /** Give every new station id and metric key of a batch its code (rare after the first batches). */
  private async addCodes(readings: readonly Reading[]): Promise<void> {
    const stations: string[] = []
    const metrics: string[] = []
    for (const r of readings) {
      if (!this.stationCodes.has(r.stationId)) {
        this.stationCodes.set(r.stationId, this.stationCodes.size)
        stations.push(r.stationId)
      }
      for (const m in r.values) {
        if (this.metricCodes.has(m)) continue
        this.metricCodes.set(m, this.metricCodes.size)
        metrics.push(m)
      }
    }
    const insert = async (table: string, codes: Map<string, number>, names: string[]) => {
      if (names.length === 0) return
      try {
        await this.writer.run(`INSERT INTO temp.${table} VALUES ${names.map((n) => `(${codes.get(n)}, ${lit(n)})`).join(',')}`)
      } catch (e) {
        for (const n of names) codes.delete(n) // not in the table: a later batch adds them again
        throw e
      }
    }
    await insert('station_codes', this.stationCodes, stations)
    await insert('metric_codes', this.metricCodes, metrics)
  }

  series(q: SeriesQuery): Promise<Series[]> {
    return this.readers.run(async (reader) => {
      this.assertOpen()
      if (q.every === 'raw' && q.maxPoints && q.metrics.length === 1) {
        const width = m4GridWidth(q.from, q.to, q.maxPoints)
        if (width !== undefined && this.known.complete) return [await this.m4Cached(reader, q, m4Buckets(q.maxPoints), width)]
      }
      const where = this.where(q.stationId, q.metrics, q.from, q.to, q.validOnly)
      const out = new Map<string, Series>(q.metrics.map((m) => [m, { metric: m, t: [], v: [] }]))
      if (q.every === 'raw') {
        const r = await reader.runAndReadAll(
          q.maxPoints
            ? m4Sql(where, q.from, q.to, m4Buckets(q.maxPoints))
            : `SELECT metric, CAST(ts AS DOUBLE), value, flag FROM readings WHERE ${where} ORDER BY metric, ts`,
        )
        const [metric, ts, value, flag] = columns(r.getColumnsJS(), 4) as [string[], number[], number[], string[]]
        for (const m of out.values()) m.flags = []
        for (let i = 0; i < metric.length; i++) {
          const s = out.get(metric[i]!)!
          s.t.push(ts[i]!)
          s.v.push(value[i]!)
          s.flags!.push(flag[i] as DataFlag)
        }
        if (q.maxPoints) for (const m of out.values()) m.decimated = true
        return [...out.values()]
      }
      const r = await reader.runAndReadAll(`SELECT metric, ${bucketSql(q.every)} AS b, ${AGG_SQL[q.fn]}
        FROM readings WHERE ${where} GROUP BY metric, b ORDER BY metric, b`)
      const [metric, b, value] = columns(r.getColumnsJS(), 3) as [string[], number[], number[]]
      for (let i = 0; i < metric.length; i++) {
        const s = out.get(metric[i]!)!
        s.t.push(b[i]!)
        s.v.push(value[i]!)
      }
      return [...out.values()]
    })
  }

  /**
   * M4 of one series over a request aligned on its grid (m4-cache.ts): the kept cells, and the rows
   * outside them read and decimated like any request; the cells read that can no longer change kept.
   */
  private async m4Cached(reader: DuckDBConnection, q: SeriesQuery, buckets: number, width: number): Promise<Series> {
    const metric = q.metrics[0]!
    const valid = q.validOnly === true
    const epoch = this.m4.epoch(q.stationId, metric)
    const mark = this.known.markOf(q.stationId, metric)
    // Cells wholly inside [from, to): from and to are multiples of the width.
    const lo = q.from / width
    const hi = q.to / width - 1
    const run = this.m4.run(q.stationId, metric, valid, width, lo, hi)
    // The rows outside the run: before it (at most a cell) and after it (the cells since, the open
    // one), each range on its own so that DuckDB prunes the table's row groups by time.
    const ranges = run
      ? [
          [q.from, run.first * width],
          [(run.last + 1) * width, q.to],
        ].filter(([a, b]) => a! < b!)
      : [[q.from, q.to]]
    const sql = ranges.map(
      ([a, b]) => `SELECT * FROM (${m4Sql(this.where(q.stationId, q.metrics, a!, b!, q.validOnly), q.from, q.to, buckets)})`,
    )
    const r = await reader.runAndReadAll(sql.length === 0 ? M4_NONE : `${sql.join(' UNION ALL ')} ORDER BY 2`)
    const [, ts, value, flag] = columns(r.getColumnsJS(), 4) as [string[], number[], number[], DataFlag[]]
    const out: Series = { metric, t: [], v: [], flags: [], decimated: true }
    const read = new Map<number, Cell>()
    const push = (t: number, v: number, f: DataFlag) => {
      out.t.push(t)
      out.v.push(v)
      out.flags!.push(f)
    }
    let i = 0
    const take = (below: number) => {
      for (; i < ts.length && ts[i]! < below; i++) {
        push(ts[i]!, value[i]!, flag[i]!)
        const c = Math.floor(ts[i]! / width)
        let cell = read.get(c)
        if (!cell) read.set(c, (cell = { t: [], v: [], f: [] }))
        cell.t.push(ts[i]!)
        cell.v.push(value[i]!)
        cell.f.push(flag[i]!)
      }
    }
    if (run) {
      take(run.first * width)
      for (const cell of run.cells) for (let k = 0; k < cell.t.length; k++) push(cell.t[k]!, cell.v[k]!, cell.f[k]!)
    }
    take(Infinity)
    // Keep the cells read that end at or before the mark, unless a write may have changed them meanwhile.
    if (mark !== undefined && epoch % 2 === 0 && this.m4.epoch(q.stationId, metric) === epoch) {
      const kept = new Map<number, Cell>()
      const last = Math.min(hi, Math.floor((mark + 1) / width) - 1)
      for (let c = lo; c <= last; c++) if (!run || c < run.first || c > run.last) kept.set(c, read.get(c) ?? { t: [], v: [], f: [] })
      this.m4.keep(q.stationId, metric, valid, width, kept)
    }
    return out
  }

  seriesMany(
    q: Omit<SeriesQuery, 'stationId' | 'maxPoints'> & { stationIds: string[]; every: Exclude<Every, 'raw'> },
  ): Promise<Map<string, Series[]>> {
    return this.readers.run(async (reader) => {
      this.assertOpen()
      const out = new Map<string, Series[]>()
      if (q.stationIds.length === 0) return out
      const index = new Map<string, Map<string, Series>>()
      for (const id of q.stationIds) {
        const byMetric = new Map(q.metrics.map((m) => [m, { metric: m, t: [] as number[], v: [] as number[] }]))
        index.set(id, byMetric)
        out.set(id, [...byMetric.values()])
      }
      const w = EVERY_MS[q.every]
      const mt = q.metrics.length > 0 ? ` AND metric IN (${q.metrics.map(lit).join(',')})` : ''
      const vf = q.validOnly ? ` AND flag IN ('N','S')` : ''
      // One row per series with its buckets as two lists: a city's year is millions of buckets, and
      // converting them as rows (two strings each) cost more than the query (issue 16, targets).
      // Lists without ORDER BY (sorting inside the aggregate was more than half the query); put in
      // time order here, which costs one pass when DuckDB kept the inner order.
      const r = await reader.runAndReadAll(`SELECT station_id, metric, list(b), list(v) FROM (
          SELECT station_id, metric, ${bucketSql(q.every)} AS b, ${AGG_SQL[q.fn]} AS v
          FROM readings WHERE station_id IN (${q.stationIds.map(lit).join(',')})${mt} AND ts >= ${int(q.from, 'from')} AND ts < ${int(q.to, 'to')}${vf}
          GROUP BY station_id, metric, b)
        GROUP BY station_id, metric`)
      const [sid, metric, b, value] = columns(r.getColumnsJS(), 4) as [string[], string[], number[][], number[][]]
      for (let i = 0; i < sid.length; i++) {
        const s = index.get(sid[i]!)?.get(metric[i]!)
        if (!s) continue
        ;[s.t, s.v] = byTime(b[i]!, w, value[i]!)
      }
      return out
    })
  }

  async *exportRows(q: ExportQuery): AsyncIterable<ExportRow[]> {
    this.assertOpen()
    if (q.stationIds.length === 0) return
    // A dedicated connection so a long export never blocks live queries.
    const conn = await this.instance.connect()
    try {
      const st = `station_id IN (${q.stationIds.map(lit).join(',')})`
      const mt = q.metrics && q.metrics.length > 0 ? ` AND metric IN (${q.metrics.map(lit).join(',')})` : ''
      const range = ` AND ts >= ${int(q.from, 'from')} AND ts < ${int(q.to, 'to')}`
      let sql: string
      if (q.every === 'raw') {
        sql = `SELECT station_id, metric, CAST(ts AS DOUBLE), value, flag FROM readings WHERE ${st}${mt}${range} ORDER BY station_id, ts, metric`
      } else {
        sql = `SELECT station_id, metric, ${bucketSql(q.every)} AS b, ${AGG_SQL[q.fn]}, 'N'
          FROM readings WHERE ${st}${mt}${range} GROUP BY station_id, metric, b ORDER BY station_id, b, metric`
      }
      const result = await conn.stream(sql)
      for await (const rows of result.yieldRowsJs()) {
        const chunk: ExportRow[] = new Array(rows.length)
        for (let i = 0; i < rows.length; i++) {
          const r = rows[i]!
          chunk[i] = {
            stationId: r[0] as string,
            metric: r[1] as string,
            ts: r[2] as number,
            value: r[3] as number,
            flag: r[4] as DataFlag,
          }
        }
        yield chunk
      }
    } finally {
      conn.closeSync()
    }
  }

  latest(): Promise<Map<string, Map<string, LatestValue>>> {
    return this.readers.run(async (reader) => {
      this.assertOpen()
      const r = await reader.runAndReadAll(
        `SELECT station_id, metric, arg_max(value, ts), CAST(max(ts) AS DOUBLE), arg_max(flag, ts) FROM readings GROUP BY station_id, metric`,
      )
      const out = new Map<string, Map<string, LatestValue>>()
      for (const row of r.getRowsJS()) {
        const [sid, metric, value, ts, flag] = row as [string, string, number, number, DataFlag]
        let m = out.get(sid)
        if (!m) out.set(sid, (m = new Map()))
        m.set(metric, { value, ts, flag })
      }
      return out
    })
  }

  completenessCounts(q: CompletenessQuery): Promise<CompletenessCounts> {
    return this.readers.run(async (reader) => {
      this.assertOpen()
      const out: CompletenessCounts = { rows: [], firstSeen: new Map() }
      if (q.stationIds && q.stationIds.length === 0) return out
      const st = q.stationIds ? `station_id IN (${q.stationIds.map(lit).join(',')}) AND ` : ''
      if (q.from < q.to) out.rows = await this.bucketCounts(reader, q, st)
      const known = this.firstSeen
      if (known) {
        for (const id of q.stationIds ?? known.keys()) {
          const t = known.get(id)
          if (t !== undefined && t < q.to) out.firstSeen.set(id, t)
        }
        return out
      }
      const f = await reader.runAndReadAll(
        `SELECT station_id, CAST(min(ts) AS DOUBLE) FROM readings WHERE ${st}ts < ${int(q.to, 'to')} GROUP BY station_id`,
      )
      for (const [id, t] of f.getRowsJS() as [string, number][]) out.firstSeen.set(id, t)
      return out
    })
  }

  /** The counts of {@link completenessCounts} over a non-empty range (`st`: its station filter). */
  private async bucketCounts(reader: DuckDBConnection, q: CompletenessQuery, st: string): Promise<CompletenessCounts['rows']> {
    const out: CompletenessCounts['rows'] = []
    const w = EVERY_MS[q.every]
    const excluded = (q.invalidated ?? []).map(
      (r) =>
        `(station_id = ${lit(r.stationId)}${r.metric === undefined ? '' : ` AND metric = ${lit(r.metric)}`} AND ts >= ${int(clampMs(r.from), 'from')} AND ts < ${int(clampMs(r.to), 'to')})`,
    )
    const valid = `flag IN ('N','S')${excluded.length ? ` AND NOT (${excluded.join(' OR ')})` : ''}`
    // One pass over the range: a count and a filtered count per group (DuckDB prunes by ts zone maps),
    // the buckets of a series as lists so that its names are converted once, not once a bucket.
    const r = await reader.runAndReadAll(`SELECT station_id, metric, list(b), list(n), list(k) FROM (
          SELECT station_id, metric, ${bucketSql(q.every)} AS b,
            CAST(count(*) AS DOUBLE) AS n, CAST(count(*) FILTER (WHERE ${valid}) AS DOUBLE) AS k
          FROM readings WHERE ${st}ts >= ${int(q.from, 'from')} AND ts < ${int(q.to, 'to')}
          GROUP BY station_id, metric, b)
        GROUP BY station_id, metric ORDER BY station_id, metric`)
    const [sid, metric, b, received, validN] = columns(r.getColumnsJS(), 5) as [string[], string[], number[][], number[][], number[][]]
    for (let i = 0; i < sid.length; i++) {
      const [bs, ns, ks] = byTime(b[i]!, w, received[i]!, validN[i]!)
      for (let j = 0; j < bs.length; j++)
        out.push({ stationId: sid[i]!, metric: metric[i]!, bucket: bs[j]!, received: ns[j]!, valid: ks[j]! })
    }
    return out
  }

  count(stationId?: string, from?: number, to?: number): Promise<number> {
    return this.readers.run(async (reader) => {
      this.assertOpen()
      const conds: string[] = []
      if (stationId !== undefined) conds.push(`station_id = ${lit(stationId)}`)
      if (from !== undefined) conds.push(`ts >= ${int(from, 'from')}`)
      if (to !== undefined) conds.push(`ts < ${int(to, 'to')}`)
      const r = await reader.runAndReadAll(
        `SELECT CAST(count(*) AS DOUBLE) FROM readings${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''}`,
      )
      return r.getRowsJS()[0]![0] as number
    })
  }

  async ping(): Promise<StoreState> {
    if (this.closed) return 'down'
    try {
      await this.readers.run((reader) => reader.run('SELECT 1'))
      return 'up'
    } catch {
      return 'down'
    }
  }

  /** Idempotent: concurrent and repeated calls share one shutdown. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      // Let queued writes finish before closing (clean shutdown flushes the store).
      await this.writeLane.run(async () => undefined)
      await this.readers.drain()
      this.closed = true
      await this.writer.run('CHECKPOINT').catch(() => undefined)
      this.writer.closeSync()
      this.readers.close()
      this.instance.closeSync()
    })()
    return this.closing
  }

  private where(stationId: string, metrics: string[], from: number, to: number, validOnly?: boolean): string {
    const mt = metrics.length > 0 ? ` AND metric IN (${metrics.map(lit).join(',')})` : ''
    const vf = validOnly ? ` AND flag IN ('N','S')` : ''
    return `station_id = ${lit(stationId)}${mt} AND ts >= ${int(from, 'from')} AND ts < ${int(to, 'to')}${vf}`
  }

  private assertOpen() {
    if (this.closed) throw new Error('store closed')
  }
}
