/**
 * China Standard Time day arithmetic, independent of the machine's time zone.
 *
 * The city's reporting days are calendar days in China Standard Time (UTC+8, fixed offset, no DST;
 * HJ 212-2017 timestamps and GB 3095-2012 daily statistics are both local time). A local day number is
 * `floor((t + 8 h) / 24 h)`: day 0 is 1970-01-01 CST. Hours are whole-hour aligned in UTC and CST alike.
 */

/** One hour in ms. */
export const HOUR_MS = 3_600_000
/** One day in ms. */
export const DAY_MS = 86_400_000
/** China Standard Time offset from UTC, ms (UTC+8, no DST). */
export const CST_OFFSET_MS = 8 * HOUR_MS

/**
 * CST day number of an instant (days since 1970-01-01 CST).
 * @example cstDay(Date.parse('2026-01-01T00:00:00+08:00')) === 20454
 */
export function cstDay(t: number): number {
  return Math.floor((t + CST_OFFSET_MS) / DAY_MS)
}

/** Epoch ms of 00:00 CST of a CST day number. */
export function cstDayStart(day: number): number {
  return day * DAY_MS - CST_OFFSET_MS
}

/** The start of the hour containing `t`, epoch ms. */
export function hourStart(t: number): number {
  return Math.floor(t / HOUR_MS) * HOUR_MS
}

/**
 * `YYYY-MM-DD` of a CST day number. Uses the UTC calendar of `day * 24 h`, so it does not depend on the
 * machine's time zone.
 * @example cstDate(20454) === '2026-01-01'
 */
export function cstDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** CST day number of a `YYYY-MM-DD` date, or undefined when it is not such a date. */
export function parseCstDate(date: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined
  const ms = Date.parse(`${date}T00:00:00Z`)
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== date) return undefined
  return ms / DAY_MS
}

/** CST calendar fields of a day number: year, month 1..12, day of month. */
export function cstYmd(day: number): { year: number; month: number; date: number } {
  const d = new Date(day * DAY_MS)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() }
}

/** CST day number of 1 January of `year`. */
export function cstYearStartDay(year: number): number {
  return Date.UTC(year, 0, 1) / DAY_MS
}

/** Number of days in a calendar year (365 or 366). */
export function daysInYear(year: number): number {
  return cstYearStartDay(year + 1) - cstYearStartDay(year)
}
