/**
 * The aggregation level of a trend request, chosen to fit the span so a year never arrives as
 * half a million JSON points: the server averages (`every`), the client keeps min/max per pixel.
 * Thresholds follow the server's own default (server/src/http/time-query.ts autoEvery), so "auto"
 * means the same thing on both sides. Pure.
 */
import type { Every } from '../../../shared/src/protocol/http/series'

/** Levels offered to the analyst, finest first (1m is left out: raw is as cheap at 1-min stations). */
export const TREND_EVERY: readonly Every[] = ['raw', '5m', '1h', '1d']

const DAY = 86_400_000

/** The server refuses raw JSON over more than this span. */
export const RAW_MAX_SPAN_MS = 31 * DAY

/**
 * The level that keeps a span to a few thousand points per series.
 * @example chooseEvery(30 * 86_400_000) === '1h'
 */
export function chooseEvery(spanMs: number): Every {
  if (spanMs <= 2 * DAY) return 'raw'
  if (spanMs <= 7 * DAY) return '5m'
  if (spanMs <= 120 * DAY) return '1h'
  return '1d'
}

/** Whether an explicit level may be asked for a span (raw only up to 31 days). */
export function everyAllowed(every: Every, spanMs: number): boolean {
  return every !== 'raw' || spanMs <= RAW_MAX_SPAN_MS
}

/**
 * The level to request: the analyst's choice when allowed, else automatic.
 * @example resolveEvery('raw', 90 * 86_400_000) === '1h'
 */
export function resolveEvery(choice: Every | 'auto', spanMs: number): Every {
  return choice !== 'auto' && everyAllowed(choice, spanMs) ? choice : chooseEvery(spanMs)
}

/** A line longer than this step breaks (a missing bucket is a gap, not a slope). */
export function gapFor(every: Every, intervalSec: number): number {
  if (every === 'raw') return Math.max(5 * 60_000, 3 * intervalSec * 1000)
  const step = { '1m': 60_000, '5m': 300_000, '1h': 3_600_000, '1d': DAY }[every]
  return 2.5 * step
}
