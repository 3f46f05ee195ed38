/**
 * The pieces of SQL text the DuckDB store builds its statements from (duckdb-store.ts, kept-days.ts,
 * and the M4 of decimate.ts): literals checked or quoted, the time bucket of an aggregation, and a
 * transaction of several statements.
 */
import type { DuckDBConnection } from '@duckdb/node-api'
import { CST_OFFSET_MS, EVERY_MS, type Every } from '../../../shared/src/ports/store'

/** Quote a string literal for SQL (single quotes doubled). Station ids and metric keys are validated upstream. */
export const lit = (s: string): string => `'${s.replaceAll("'", "''")}'`

/** A safe integer as SQL text; anything else throws, naming the parameter. */
export function int(n: number, name: string): string {
  if (!Number.isSafeInteger(n)) throw new Error(`invalid ${name}: ${n}`)
  return String(n)
}

/**
 * The start of a row's `every` bucket (epoch ms, as DOUBLE): whole buckets from the epoch, days
 * from CST midnight (a day is a CST calendar day).
 */
export function bucketSql(every: Exclude<Every, 'raw'>): string {
  const w = EVERY_MS[every]
  const off = every === '1d' ? CST_OFFSET_MS : 0
  return `CAST(((ts + ${off}) // ${w}) * ${w} - ${off} AS DOUBLE)`
}

/** Run `statements` on `conn` in one transaction: all of them, or (rolled back) none. */
export async function inTransaction(conn: DuckDBConnection, statements: readonly string[]): Promise<void> {
  await conn.run('BEGIN TRANSACTION')
  try {
    for (const sql of statements) await conn.run(sql)
    await conn.run('COMMIT')
  } catch (e) {
    await conn.run('ROLLBACK').catch(() => undefined)
    throw e
  }
}
