/**
 * Local calendar helpers for China Standard Time (UTC+8, no daylight saving), so the models'
 * diurnal and seasonal cycles follow Dongguan's clock whatever the host's time zone is.
 */

const CST_OFFSET_MS = 8 * 3600_000

/** Hour of the day in China Standard Time as a fraction, 0 ≤ h < 24. */
export function localHour(t: number): number {
  const ms = (((t + CST_OFFSET_MS) % 86_400_000) + 86_400_000) % 86_400_000
  return ms / 3600_000
}

/** Day of the year in China Standard Time, 0-based (0 = 1 January), as a fraction. */
export function dayOfYear(t: number): number {
  const local = new Date(t + CST_OFFSET_MS)
  const start = Date.UTC(local.getUTCFullYear(), 0, 1)
  return (local.getTime() - start) / 86_400_000
}

/** Month in China Standard Time, 1-12. */
export function localMonth(t: number): number {
  return new Date(t + CST_OFFSET_MS).getUTCMonth() + 1
}

/** Day of the week in China Standard Time, 0 = Sunday. */
export function localWeekday(t: number): number {
  return new Date(t + CST_OFFSET_MS).getUTCDay()
}

/** Whole days since the epoch in China Standard Time (a key for "same local day"). */
export function localDayIndex(t: number): number {
  return Math.floor((t + CST_OFFSET_MS) / 86_400_000)
}

/**
 * ISO 8601 with the +08:00 offset, to the second, as the contract's `ts` (e.g.
 * `2026-11-24T08:00:00+08:00`).
 * @example
 * isoCst(Date.UTC(2026, 10, 24, 0)) // '2026-11-24T08:00:00+08:00'
 */
export function isoCst(t: number): string {
  const s = new Date(Math.floor(t / 1000) * 1000 + CST_OFFSET_MS).toISOString()
  return `${s.slice(0, 19)}+08:00`
}

/**
 * Seasonal cosine: 1 at day-of-year `peakDay`, -1 half a year later.
 * @example
 * seasonal(dayOfYear(t), 15) // ≈ 1 in mid-January
 */
export function seasonal(doy: number, peakDay: number): number {
  return Math.cos((2 * Math.PI * (doy - peakDay)) / 365.25)
}

/** A Gaussian bump in hour-of-day space centred on `centre` with width `sigma` hours (wraps midnight). */
export function hourBump(hour: number, centre: number, sigma: number): number {
  let d = Math.abs(hour - centre)
  if (d > 12) d = 24 - d
  return Math.exp(-(d * d) / (2 * sigma * sigma))
}
