/**
 * Pure helpers of the review UI (issue 13): marks → chart shading, CST minute inputs, the default
 * day to sign off.
 */
import type { MarkView } from '../../../shared/src/protocol/http/review'
import type { ReviewShade } from '../charts/review-shades'
import { formatCstDate, formatCstDateTime } from '../time/cst'

const MIN = 60_000

/** The marks in force on a metric as chart bands, later marks drawn over earlier ones. */
export function shadesOf(marks: readonly MarkView[], metric: string, label: (m: MarkView) => string): ReviewShade[] {
  return marks
    .filter((m) => !m.withdrawn && m.metrics.includes(metric))
    .sort((a, b) => a.seq - b.seq)
    .map((m) => ({
      from: Date.parse(m.from),
      to: Date.parse(m.to),
      kind: m.action === 'invalid' ? 'invalid' : 'corrected',
      label: label(m),
    }))
}

/** `YYYY-MM-DD HH:mm` in CST. */
export function formatCstMinute(t: number): string {
  return formatCstDateTime(t).slice(0, 16)
}

/**
 * Parse `YYYY-MM-DD HH:mm` (or with a `T`) as China Standard Time; undefined when it is not one.
 * @example parseCstMinute('2026-11-24 10:00') === Date.parse('2026-11-24T10:00:00+08:00')
 */
export function parseCstMinute(s: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})$/.exec(s.trim())
  if (!m) return undefined
  const t = Date.parse(`${m[1]}T${m[2]}:${m[3]}:00+08:00`)
  return Number.isFinite(t) && formatCstMinute(t) === `${m[1]} ${m[2]}:${m[3]}` ? t : undefined
}

/** A dragged time rounded to the nearest 5 minutes (a reviewer marks whole minutes, not pixels). */
export function roundSelection(t: number): number {
  return Math.round(t / (5 * MIN)) * 5 * MIN
}

/** Yesterday's CST date: the most recent day that can be signed off. */
export function yesterdayCst(now: number): string {
  return formatCstDate(now - 86_400_000)
}
