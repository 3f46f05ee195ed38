/**
 * Trend chart options, normalized once (STYLE.md: option normalizers in one place).
 */

/** Resolved options of a trend chart. */
export interface TrendOptions {
  /** Unit shown on the y axis and in the read-out. */
  unit: string
  /** Decimal places of the read-out. */
  digits: number
  /** Time span shown, ending now (ms). */
  windowMs: number
  /** A step longer than this breaks the line (ms). */
  gapMs: number
  /** Line colour. */
  color: string
  /** Clock (injected for deterministic tests and snapshots). */
  now: () => number
}

/** What callers may pass. */
export interface TrendOptionsInput {
  unit?: string
  digits?: number
  windowMs?: number
  /** The station's reporting interval; gaps are judged against it. */
  intervalSec?: number
  color?: string
  now?: () => number
}

const DAY = 86_400_000

/**
 * Fill in defaults and clamp: a 24 h window, gaps at 3 reporting intervals (at least 5 minutes).
 * @example normalizeTrendOptions({ unit: 'µg/m³', intervalSec: 60 }).gapMs === 300_000
 */
export function normalizeTrendOptions(o: TrendOptionsInput): TrendOptions {
  const interval = o.intervalSec && o.intervalSec > 0 ? o.intervalSec : 60
  const digits = Math.max(0, Math.min(6, Math.round(o.digits ?? 1)))
  return {
    unit: o.unit ?? '',
    digits,
    windowMs: Math.max(60_000, Math.min(31 * DAY, o.windowMs ?? DAY)),
    gapMs: Math.max(5 * 60_000, 3 * interval * 1000),
    color: o.color ?? '#5aa9e6',
    now: o.now ?? Date.now,
  }
}
