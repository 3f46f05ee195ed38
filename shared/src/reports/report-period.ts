/**
 * Report periods: `YYYY-MM-DD` (a day), `YYYY-MM` (a month) or `YYYY` (a year), in China Standard
 * Time, and which kinds take which: the daily air report a day, the monthly report a month, the
 * annual report a year; the targets report any of the three. Pure.
 */
import { cstDate, cstDay, cstDayStart, cstYmd, parseCstDate } from '../standards/time'
import type { ReportKind } from '../protocol/http/reports'

export type PeriodGrain = 'day' | 'month' | 'year'

/** A parsed period: its CST day numbers [first, last] and its neighbours for comparisons. */
export interface ReportPeriod {
  text: string
  grain: PeriodGrain
  /** First CST day number. */
  first: number
  /** Last CST day number (inclusive). */
  last: number
  /** [from, to) in epoch ms. */
  from: number
  to: number
}

/** Which period grain each kind takes. */
export const KIND_GRAINS: Readonly<Record<ReportKind, readonly PeriodGrain[]>> = {
  'daily-air': ['day'],
  monthly: ['month'],
  annual: ['year'],
  targets: ['day', 'month', 'year'],
}

const dayOf = (y: number, m: number, d = 1) => Date.UTC(y, m - 1, d) / 86_400_000

function build(text: string, grain: PeriodGrain, first: number, next: number): ReportPeriod {
  return { text, grain, first, last: next - 1, from: cstDayStart(first), to: cstDayStart(next) }
}

/**
 * Parse a period; undefined when malformed or not a real date.
 * @example parseReportPeriod('2026-02')!.last - parseReportPeriod('2026-02')!.first // 27
 */
export function parseReportPeriod(text: string): ReportPeriod | undefined {
  let m = /^(\d{4})$/.exec(text)
  if (m) {
    const y = Number(m[1])
    return build(text, 'year', dayOf(y, 1), dayOf(y + 1, 1))
  }
  m = /^(\d{4})-(\d{2})$/.exec(text)
  if (m) {
    const y = Number(m[1])
    const mo = Number(m[2])
    if (mo < 1 || mo > 12) return undefined
    return build(text, 'month', dayOf(y, mo), dayOf(y, mo + 1))
  }
  const d = parseCstDate(text)
  return d === undefined || cstDate(d) !== text ? undefined : build(text, 'day', d, d + 1)
}

/** The period of the same grain before this one (month-on-month, day-before). */
export function previousPeriod(p: ReportPeriod): ReportPeriod {
  const { year, month } = cstYmd(p.first)
  if (p.grain === 'year') return parseReportPeriod(String(year - 1))!
  if (p.grain === 'month') return parseReportPeriod(month === 1 ? `${year - 1}-12` : `${year}-${pad(month - 1)}`)!
  return parseReportPeriod(cstDate(p.first - 1))!
}

/** The same period a year before (year-on-year); 29 February maps to 28 February. */
export function yearBefore(p: ReportPeriod): ReportPeriod {
  const { year, month, date } = cstYmd(p.first)
  if (p.grain === 'year') return parseReportPeriod(String(year - 1))!
  if (p.grain === 'month') return parseReportPeriod(`${year - 1}-${pad(month)}`)!
  return parseReportPeriod(`${year - 1}-${pad(month)}-${pad(month === 2 && date === 29 ? 28 : date)}`)!
}

/** The period of `grain` that ended most recently before the CST day containing `now`. */
export function lastCompleted(grain: PeriodGrain, now: number): ReportPeriod {
  const today = cstDay(now)
  const { year, month } = cstYmd(today)
  if (grain === 'day') return parseReportPeriod(cstDate(today - 1))!
  if (grain === 'month') return parseReportPeriod(month === 1 ? `${year - 1}-12` : `${year}-${pad(month - 1)}`)!
  return parseReportPeriod(String(year - 1))!
}

/** Why `text` cannot be a period of `kind`, or undefined when it can (and is over at `now`). */
export function periodProblem(kind: ReportKind, text: string, now: number): string | undefined {
  const p = parseReportPeriod(text)
  if (!p) return `invalid period: ${JSON.stringify(text)} (expected YYYY-MM-DD, YYYY-MM or YYYY)`
  if (!KIND_GRAINS[kind].includes(p.grain))
    return `a ${kind} report takes a ${KIND_GRAINS[kind].join(' or ')} period, not ${JSON.stringify(text)}`
  if (p.to > now) return `period ${text} is not over yet: reports are for past periods`
  return undefined
}

const pad = (n: number) => String(n).padStart(2, '0')
