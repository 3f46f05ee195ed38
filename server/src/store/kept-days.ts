/**
 * The DuckDB store's kept days (shared/src/ports/day-records.ts): records derived from a station's
 * data of one CST day, in a table beside `readings`, so that the targets board of a city's month or
 * year is read back after a restart instead of computed again from every row (issue 16).
 *
 * Honest for the store's own data in two ways:
 * - a write with rows of a kept day deletes the records of that day and the next, in the same
 *   transaction as the rows (`staleBy` gives the DELETE; a crash cannot leave one without the other);
 * - records computed from data read before such a write committed are refused (`save` compares the
 *   station's last past-day write with the position taken before the read). Saves and writes both
 *   run on the store's write lane, so neither interleaves with the other.
 */
import { DuckDBDataChunk, INTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api'
import { inTransaction, int, lit } from './sql'
import type { DayRecord, KeptDay } from '../../../shared/src/ports/day-records'
import { cstDay } from '../../../shared/src/standards/time'

/** Records appended per data chunk (DuckDB's vector size). */
const CHUNK_ROWS = 2048
const STAGING_TYPES = [VARCHAR, INTEGER, VARCHAR, VARCHAR]

export class KeptDaysTable {
  /** Counts the writes that had rows of a past day. */
  private seq = 0
  /** station → `seq` of its last write with rows of a past day. */
  private readonly touched = new Map<string, number>()
  /** station → its latest day with a kept record (a write after it deletes nothing). */
  private readonly latestKept = new Map<string, number>()

  private constructor(private readonly writer: DuckDBConnection) {}

  /** Create the table if needed and learn what it keeps (on the writer, at open). */
  static async open(writer: DuckDBConnection): Promise<KeptDaysTable> {
    await writer.run(`CREATE TABLE IF NOT EXISTS kept_days (
      ns VARCHAR NOT NULL, station_id VARCHAR NOT NULL, day INTEGER NOT NULL, tag VARCHAR NOT NULL, data VARCHAR)`)
    await writer.run(`CREATE TEMP TABLE kept_staging (station_id VARCHAR, day INTEGER, tag VARCHAR, data VARCHAR)`)
    const t = new KeptDaysTable(writer)
    const r = await writer.runAndReadAll(`SELECT station_id, max(day) FROM kept_days GROUP BY station_id`)
    for (const [id, day] of r.getRowsJS() as [string, number][]) t.latestKept.set(id, day)
    return t
  }

  position(): number {
    return this.seq
  }

  /**
   * Before a write of these rows: the DELETE of the kept records their past days make stale, to run
   * in the write's transaction, or undefined when they touch none (live data: always).
   */
  staleBy(rows: readonly { stationId: string; ts: number }[], now: number): string | undefined {
    const today = cstDay(now)
    const pairs = new Set<string>()
    for (const r of rows) {
      const kept = this.latestKept.get(r.stationId)
      if (kept === undefined) continue
      const d = cstDay(r.ts)
      if (d >= today || d > kept) continue
      pairs.add(`(${lit(r.stationId)}, ${d})`)
      if (d + 1 <= kept) pairs.add(`(${lit(r.stationId)}, ${d + 1})`)
    }
    if (pairs.size === 0) return undefined
    return `DELETE FROM kept_days USING (VALUES ${[...pairs].join(',')}) v(s, d) WHERE kept_days.station_id = v.s AND kept_days.day = v.d`
  }

  /** After a write of these rows (committed or not): stations with rows of a past day refuse older saves. */
  wrote(rows: readonly { stationId: string; ts: number }[], now: number): void {
    const today = cstDay(now)
    let seq = 0
    for (const r of rows) {
      if (cstDay(r.ts) >= today) continue
      if (seq === 0) seq = ++this.seq
      this.touched.set(r.stationId, seq)
    }
  }

  /** Keep records computed from data read at or after `since` (on the write lane). */
  async save(ns: string, since: number, records: readonly DayRecord[]): Promise<number> {
    const kept = records.filter((r) => (this.touched.get(r.stationId) ?? 0) <= since)
    if (kept.length === 0) return 0
    const app = await this.writer.createAppender('kept_staging', 'main', 'temp')
    try {
      for (let i = 0; i < kept.length; i += CHUNK_ROWS) {
        const part = kept.slice(i, i + CHUNK_ROWS)
        const chunk = DuckDBDataChunk.create(STAGING_TYPES, part.length)
        const cols = [part.map((r) => r.stationId), part.map((r) => r.day), part.map((r) => r.tag), part.map((r) => r.data)]
        for (let c = 0; c < cols.length; c++) chunk.setColumnValues(c, cols[c]!)
        app.appendDataChunk(chunk)
      }
      app.flushSync()
    } finally {
      app.closeSync()
    }
    try {
      await inTransaction(this.writer, [
        `DELETE FROM kept_days USING temp.kept_staging s
          WHERE kept_days.ns = ${lit(ns)} AND kept_days.station_id = s.station_id AND kept_days.day = s.day`,
        `INSERT INTO kept_days SELECT ${lit(ns)}, station_id, day, tag, data FROM temp.kept_staging`,
      ])
    } finally {
      await this.writer.run('DELETE FROM temp.kept_staging')
    }
    for (const r of kept) if (r.day > (this.latestKept.get(r.stationId) ?? -Infinity)) this.latestKept.set(r.stationId, r.day)
    return kept.length
  }

  /**
   * The SELECT of a namespace's records over [first, last] (run on a reader): per station, one JSON
   * array of `[day, tag, data]`, so that a year of a city (a third of a million records) is one
   * string and one JSON.parse per station instead of three strings and a parse per record.
   */
  static loadSql(ns: string, first: number, last: number): string {
    const tag = `'"' || replace(replace(tag, '\\', '\\\\'), '"', '\\"') || '"'`
    return `SELECT station_id, '[' || string_agg('[' || day || ',' || ${tag} || ',' || coalesce(data, 'null') || ']', ',') || ']'
      FROM kept_days WHERE ns = ${lit(ns)} AND day >= ${int(first, 'first')} AND day <= ${int(last, 'last')} GROUP BY station_id`
  }

  /** The records of {@link loadSql}'s rows. */
  static parse(stationIds: readonly string[], arrays: readonly string[], only?: ReadonlySet<string>): KeptDay[] {
    const out: KeptDay[] = []
    for (let i = 0; i < stationIds.length; i++) {
      const stationId = stationIds[i]!
      if (only && !only.has(stationId)) continue
      for (const [day, tag, value] of JSON.parse(arrays[i]!) as [number, string, unknown][]) out.push({ stationId, day, tag, value })
    }
    return out
  }
}
