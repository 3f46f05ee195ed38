/**
 * HJ 212-2017 time stamps. QN is `YYYYMMDDhhmmsszzz` (§6, 数据段结构) and CP `DataTime` is
 * `YYYYMMDDhhmmss` (§6, 数据区), both in the logger's local time: China Standard Time,
 * UTC+8, which has no daylight saving. Pure: the zone is fixed here, never read from the host.
 */

const CST_OFFSET_MS = 8 * 3600_000
const DATA_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/

/**
 * Parse a `DataTime` value (`YYYYMMDDhhmmss`, UTC+8) to epoch milliseconds, or undefined when it
 * is not 14 digits or not a real calendar time (month 13, 30 February, hour 24...).
 *
 * @example
 * parseDataTime('20160103133030') // Date.parse('2016-01-03T13:30:30+08:00')
 */
export function parseDataTime(s: string): number | undefined {
  const m = DATA_TIME.exec(s)
  if (!m) return undefined
  const [y, mo, d, h, mi, sec] = m.slice(1).map(Number) as [number, number, number, number, number, number]
  if (y < 1970) return undefined
  const wall = Date.UTC(y, mo - 1, d, h, mi, sec)
  // Date.UTC rolls over out-of-range fields (Feb 30 → Mar 2); a real time survives the round trip.
  const back = new Date(wall)
  if (
    back.getUTCFullYear() !== y ||
    back.getUTCMonth() !== mo - 1 ||
    back.getUTCDate() !== d ||
    back.getUTCHours() !== h ||
    back.getUTCMinutes() !== mi ||
    back.getUTCSeconds() !== sec
  ) {
    return undefined
  }
  return wall - CST_OFFSET_MS
}

function wallClock(epochMs: number): Date {
  return new Date(Math.floor(epochMs) + CST_OFFSET_MS)
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0')

/**
 * Format epoch milliseconds as a `DataTime` (`YYYYMMDDhhmmss`, UTC+8); milliseconds are dropped.
 *
 * @example
 * formatDataTime(Date.parse('2016-01-03T13:30:30+08:00')) // '20160103133030'
 */
export function formatDataTime(epochMs: number): string {
  const t = wallClock(epochMs)
  return `${pad(t.getUTCFullYear(), 4)}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}${pad(t.getUTCSeconds())}`
}

/**
 * Format epoch milliseconds as a request number QN (`YYYYMMDDhhmmsszzz`, UTC+8).
 *
 * @example
 * formatQn(Date.parse('2016-08-01T08:58:57.223+08:00')) // '20160801085857223'
 */
export function formatQn(epochMs: number): string {
  return `${formatDataTime(epochMs)}${pad(wallClock(epochMs).getUTCMilliseconds(), 3)}`
}
