/**
 * Each station's first stored point, for the completeness counts (`firstSeen`: days before a
 * station's first reading are not owed). Kept in a small table, `station_first`, updated in the same
 * transaction as a write that moves a station's first point earlier, so that opening a store does
 * not scan every row for it: a year of 1000 stations is 525 M rows, 2.3 s of both cores (issue 16).
 * A database from before the table is scanned once, in the background, and the result kept.
 */
import type { DuckDBConnection } from '@duckdb/node-api'
import { int, lit } from './sql'

const META_KEY = 'station_first'

export class FirstSeenTable {
  /** Every station's first point, once known (read from the table, or after the first scan). */
  private known?: Map<string, number>
  /** What writes noted before it was known. */
  private readonly early = new Map<string, number>()

  private constructor() {}

  /** Create the tables if needed and read what they keep (on the writer, at open). */
  static async open(writer: DuckDBConnection): Promise<FirstSeenTable> {
    await writer.run(`CREATE TABLE IF NOT EXISTS station_first (station_id VARCHAR NOT NULL, ts BIGINT NOT NULL)`)
    await writer.run(`CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR NOT NULL, value VARCHAR NOT NULL)`)
    const t = new FirstSeenTable()
    const done = await writer.runAndReadAll(`SELECT count(*) FROM store_meta WHERE key = ${lit(META_KEY)}`)
    if (Number(done.getRowsJS()[0]![0]) > 0) {
      const r = await writer.runAndReadAll(`SELECT station_id, CAST(ts AS DOUBLE) FROM station_first`)
      t.known = new Map(r.getRowsJS() as [string, number][])
    }
    return t
  }

  /** Each station's first point, or undefined until known. */
  get(): ReadonlyMap<string, number> | undefined {
    return this.known
  }

  /** Whether the first scan of `readings` is still to be done (a database from before the table). */
  get needsScan(): boolean {
    return this.known === undefined
  }

  /**
   * Before a write of these rows: the statements that keep the stations whose first point they move
   * earlier (to run in the write's transaction; none until the table is complete), and `noted()` to
   * call once the write committed.
   */
  moved(rows: readonly { stationId: string; ts: number }[]): { statements: string[]; noted(): void } {
    const current = this.known ?? this.early
    const earlier = new Map<string, number>()
    for (const r of rows) {
      // As DuckDB casts the ts (rounded half away from zero), so that the kept first is the stored one.
      const t = Math.sign(r.ts) * Math.round(Math.abs(r.ts))
      if (t < (earlier.get(r.stationId) ?? current.get(r.stationId) ?? Infinity)) earlier.set(r.stationId, t)
    }
    if (earlier.size === 0) return { statements: [], noted: () => undefined }
    const noted = () => {
      for (const [id, t] of earlier) if (t < (current.get(id) ?? Infinity)) current.set(id, t)
    }
    if (!this.known) return { statements: [], noted }
    const ids = [...earlier.keys()].map(lit).join(',')
    const values = [...earlier].map(([id, t]) => `(${lit(id)}, ${int(t, 'ts')})`).join(',')
    return { statements: [`DELETE FROM station_first WHERE station_id IN (${ids})`, `INSERT INTO station_first VALUES ${values}`], noted }
  }

  /**
   * The first scan's result (each station's minimum ts), merged with what writes noted since its
   * snapshot, kept in the table (on the write lane, so no write comes in between).
   */
  async scanned(writer: DuckDBConnection, firsts: Iterable<[string, number]>): Promise<void> {
    const all = new Map(firsts)
    for (const [id, t] of this.early) if (t < (all.get(id) ?? Infinity)) all.set(id, t)
    await writer.run('BEGIN TRANSACTION')
    try {
      await writer.run('DELETE FROM station_first')
      if (all.size > 0)
        await writer.run(`INSERT INTO station_first VALUES ${[...all].map(([id, t]) => `(${lit(id)}, ${int(t, 'ts')})`).join(',')}`)
      await writer.run(`INSERT INTO store_meta VALUES (${lit(META_KEY)}, 'complete')`)
      await writer.run('COMMIT')
    } catch (e) {
      await writer.run('ROLLBACK').catch(() => undefined)
      throw e
    }
    this.known = all
  }
}
