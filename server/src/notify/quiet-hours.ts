/**
 * Quiet hours, pure. Times are China Standard Time (UTC+8, no daylight saving), computed with a
 * fixed offset so the result does not depend on the server's time zone.
 *
 * During a recipient's quiet hours only `critical` notifications are delivered; any other is
 * deferred to the end of the quiet hours (its `notBefore`), then delivered. A deferred notice
 * that a newer notice for the same alert and channel overtakes, or whose alert resolves before
 * it goes out, is cancelled: the sleeper gets one current message in the morning, not a backlog.
 */
import type { Severity } from '../../../shared/src/domain/alert'
import type { QuietHours } from './model'

const CST_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000
const MIN_MS = 60_000

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return h! * 60 + m!
}

/**
 * If `t` falls in the quiet hours, the end of that quiet period (epoch ms); else undefined.
 * `start` after `end` spans midnight (22:00–07:00); the end is exclusive.
 * @example quietUntil(Date.parse('2026-11-24T23:00:00+08:00'), { start: '22:00', end: '07:00' })
 * // Date.parse('2026-11-25T07:00:00+08:00')
 */
export function quietUntil(t: number, q: QuietHours): number | undefined {
  const local = t + CST_OFFSET_MS
  const dayStart = local - (((local % DAY_MS) + DAY_MS) % DAY_MS)
  const m = (local - dayStart) / MIN_MS
  const s = minutes(q.start)
  const e = minutes(q.end)
  const inside = s < e ? m >= s && m < e : m >= s || m < e
  if (!inside) return undefined
  // The end is later today unless the window spans midnight and we are before midnight.
  const endDay = s > e && m >= s ? dayStart + DAY_MS : dayStart
  return endDay + e * MIN_MS - CST_OFFSET_MS
}

/** When a notice of `severity` planned at `t` may be delivered to a recipient with these quiet hours. */
export function deliverAt(t: number, severity: Severity, q: QuietHours | undefined): number {
  if (!q || severity === 'critical') return t
  return quietUntil(t, q) ?? t
}
