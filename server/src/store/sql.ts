/**
 * The pieces of SQL text the DuckDB store builds its statements from (duckdb-store.ts, and the M4
 * of decimate.ts): literals checked or quoted, and the time bucket of an aggregation.
 */
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
