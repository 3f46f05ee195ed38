/**
 * Time-range query parameters: ISO 8601 (with offset) or epoch ms; `every` chosen to fit the range
 * when absent so a year-long request never returns millions of raw points as JSON.
 */
import { z } from 'zod'
import { AGG_FNS, EVERY, type Every } from '../../../shared/src/ports/store'
import { badRequest } from './errors'

export const timeParam = z.string().transform((s, ctx) => {
  const n = /^\d+$/.test(s) ? Number(s) : Date.parse(s)
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: 'custom', message: `not a time: ${s}` })
    return z.NEVER
  }
  return n
})

export const seriesQuery = z.object({
  metric: z.union([z.string(), z.array(z.string())]).optional(),
  from: timeParam.optional(),
  to: timeParam.optional(),
  every: z.enum(EVERY).optional(),
  fn: z.enum(AGG_FNS).default('mean'),
  format: z.enum(['json', 'csv']).optional(),
  valid: z.enum(['0', '1']).optional(),
  /** Raw data only: decimate to about this many points per metric (M4) for a chart of that width. */
  points: z.coerce.number().int().min(16).max(100_000).optional(),
  /** Raw data as it arrived, or reviewed: with the review marks applied (issue 13; default). */
  view: z.enum(['raw', 'reviewed']).default('reviewed'),
})

const DAY = 86_400_000

/** The `every` that keeps a range to a few thousand points per metric. */
export function autoEvery(from: number, to: number): Every {
  const span = to - from
  if (span <= 2 * DAY) return 'raw'
  if (span <= 7 * DAY) return '5m'
  if (span <= 120 * DAY) return '1h'
  return '1d'
}

/** Resolve the range: default the last 24 h; reject inverted or absurd ranges. */
export function resolveRange(from: number | undefined, to: number | undefined, now: number): { from: number; to: number } {
  const t = to ?? now
  const f = from ?? t - DAY
  if (f >= t) throw badRequest(`from must be before to`)
  if (t - f > 10 * 366 * DAY) throw badRequest('range longer than ten years')
  return { from: Math.floor(f), to: Math.floor(t) }
}

/** Metrics from `metric=a,b` or repeated `metric=`. */
export function metricList(m: string | string[] | undefined): string[] {
  const raw = m === undefined ? [] : Array.isArray(m) ? m : [m]
  const out = raw
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean)
  for (const k of out) if (!/^[A-Za-z0-9_.-]{1,32}$/.test(k)) throw badRequest(`invalid metric: ${k}`)
  return [...new Set(out)]
}

/** ISO 8601 in China Standard Time to the second, e.g. 2026-11-24T08:00:00+08:00 (for people: periods, computedAt). */
export function isoCst(t: number): string {
  const d = new Date(t + 8 * 3_600_000)
  return `${d.toISOString().slice(0, 19)}+08:00`
}

/**
 * ISO 8601 in China Standard Time to the millisecond, e.g. 2026-11-24T08:00:00.300+08:00: the
 * stored precision of a reading's time, so two readings a fraction of a second apart stay distinct
 * in a CSV export (always three decimals, one column format).
 */
export function isoCstMs(t: number): string {
  const d = new Date(t + 8 * 3_600_000)
  return `${d.toISOString().slice(0, 23)}+08:00`
}
