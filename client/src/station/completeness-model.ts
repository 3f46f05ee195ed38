/**
 * Pure helpers of the completeness views: a rate's colour class, its percentage text, and a
 * station's hourly buckets laid out as one row per CST day.
 */
import type { CompletenessBucketBody } from '../../../shared/src/protocol/http/completeness'

/** Colour class of a valid-data rate: ≥ 90 % full, none at all, partly missing between, nothing expected n/a. */
export type RateClass = 'full' | 'some' | 'none' | 'na'

/** The goal of the valid-data rate the colours follow (the target's default). */
export const GOOD_RATE = 0.9

/**
 * @example rateClass(0.95) === 'full'
 */
export function rateClass(rate: number | null): RateClass {
  if (rate === null) return 'na'
  if (rate >= GOOD_RATE) return 'full'
  return rate > 0 ? 'some' : 'none'
}

/**
 * A rate as a percentage with one decimal, or a dash.
 * @example formatRate(0.8333) === '83.3 %'
 */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(Math.floor(rate * 1000) / 10).toFixed(1)} %`
}

/** One CST day of hourly buckets (`hours[h]` the bucket starting at hh:00, absent outside the range). */
export interface DayRow {
  /** `YYYY-MM-DD`, CST. */
  day: string
  hours: (CompletenessBucketBody | undefined)[]
}

/**
 * Hourly buckets (ISO CST `from`) as rows of 24 hours, oldest day first.
 * @example dayRows([{ from: '2026-03-10T10:00:00+08:00', ... }])[0].hours[10]
 */
export function dayRows(buckets: readonly CompletenessBucketBody[]): DayRow[] {
  const rows: DayRow[] = []
  for (const b of buckets) {
    const day = b.from.slice(0, 10)
    const hour = Number(b.from.slice(11, 13))
    let row = rows.at(-1)
    if (!row || row.day !== day) rows.push((row = { day, hours: new Array<CompletenessBucketBody | undefined>(24).fill(undefined) }))
    row.hours[hour] = b
  }
  return rows
}
