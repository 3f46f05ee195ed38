/**
 * Individual air quality index (IAQI) of one concentration, HJ 633-2012 §4.2 formula (1):
 *
 *   IAQI_P = (IAQI_Hi - IAQI_Lo) / (BP_Hi - BP_Lo) × (C_P - BP_Lo) + IAQI_Lo, rounded up to an integer.
 *
 * - Exact breakpoints give exactly the breakpoint IAQI (looked up, not interpolated), so 75 µg/m³ PM2.5
 *   is 100, not 101. Rounding up uses a 1e-9 tolerance so float noise cannot add a point
 *   (CO 2.2 mg/m³ is exactly 55; in doubles the formula gives 55.000000000000004).
 * - Above the top breakpoint (500 row) the IAQI is 500: HJ 633-2012 defines the index only up to 500;
 *   we cap at 500 (level VI either way) and report `capped`.
 * - Beyond the end of the SO2 1-h or O3 8-h column (> 800) there is no IAQI from that column
 *   (HJ 633-2012 Table 1 notes (1), (2)); {@link iaqi} returns `beyond-column` and the AQI functions
 *   substitute the 24-h SO2 or the 1-h O3 IAQI.
 */
import { IAQI_BREAKPOINTS, IAQI_ROWS, type IaqiColumn } from './aqi-table'

/** Outcome of {@link iaqi}. */
export type IaqiOutcome = { ok: true; value: number; capped: boolean } | { ok: false; reason: 'invalid' | 'beyond-column' }

/** Columns that stop before the 500 row: no IAQI above their last breakpoint (HJ 633-2012 Table 1 notes (1), (2)). */
const TRUNCATED: ReadonlySet<IaqiColumn> = new Set(['so2_1h', 'o3_8h'])

/**
 * IAQI of concentration `c` on one HJ 633-2012 Table 1 column.
 * @example iaqi('pm25_24h', 75) // { ok: true, value: 100, capped: false }
 * @example iaqi('pm25_24h', 75.1) // { ok: true, value: 101, capped: false }
 */
export function iaqi(column: IaqiColumn, c: number): IaqiOutcome {
  if (!Number.isFinite(c) || c < 0) return { ok: false, reason: 'invalid' }
  const bp = IAQI_BREAKPOINTS[column]
  const top = bp.length - 1
  if (c > bp[top]!) {
    if (TRUNCATED.has(column)) return { ok: false, reason: 'beyond-column' }
    return { ok: true, value: IAQI_ROWS[top]!, capped: true }
  }
  let r = 1
  while (c > bp[r]!) r++
  // bp[r-1] < c <= bp[r] (or c === 0 at r = 1)
  if (c === bp[r]!) return { ok: true, value: IAQI_ROWS[r]!, capped: false }
  const iLo = IAQI_ROWS[r - 1]!
  const iHi = IAQI_ROWS[r]!
  const x = iLo + ((iHi - iLo) * (c - bp[r - 1]!)) / (bp[r]! - bp[r - 1]!)
  // max(iLo, …) keeps the result in the segment and turns -0 into 0.
  return { ok: true, value: Math.max(iLo, Math.ceil(x - 1e-9)), capped: false }
}

/** IAQI as a number, NaN when there is none (invalid input or beyond a truncated column). */
export function iaqiValue(column: IaqiColumn, c: number): number {
  const r = iaqi(column, c)
  return r.ok ? r.value : NaN
}
