/**
 * The review queue (issue 13): the station-days that still need a reviewer, with why. A day is
 * listed when it is not signed off and has any of:
 * - `flagged`: hours whose values the logger flagged (not N or S);
 * - `invalid`: values a mark in force left out (they need the day's sign-off to become final);
 * - `missing`: hours without any value (fewer than the day's 24);
 * - `exceedance`: alerts opened by the day's data that nobody has acknowledged, resolved or covered with a mark.
 * A signed-off day is done and never listed.
 */

export const QUEUE_REASONS = ['flagged', 'invalid', 'missing', 'exceedance'] as const
export type QueueReason = (typeof QUEUE_REASONS)[number]

/** What is known of one station-day. */
export interface StationDayFacts {
  stationId: string
  /** CST date, e.g. 2026-11-24. */
  day: string
  signedOff: boolean
  /** Hours (0-24) with at least one value of any metric. */
  hoursWithData: number
  /** Hours with at least one value whose flag is not N or S. */
  flaggedHours: number
  /** Marks in force that leave values of this day out. */
  invalidMarks: number
  /** Alerts opened by this day's data that nobody has reviewed. */
  unreviewedExceedances: number
}

/** One line of the queue. */
export interface QueueItem {
  stationId: string
  day: string
  reasons: QueueReason[]
  missingHours: number
  flaggedHours: number
  invalidMarks: number
  exceedances: number
}

/** The queue line of a station-day, or undefined when it needs nothing (or is signed off). */
export function queueItem(f: StationDayFacts): QueueItem | undefined {
  if (f.signedOff) return undefined
  const reasons: QueueReason[] = []
  const missingHours = Math.max(0, 24 - f.hoursWithData)
  if (f.flaggedHours > 0) reasons.push('flagged')
  if (f.invalidMarks > 0) reasons.push('invalid')
  if (missingHours > 0) reasons.push('missing')
  if (f.unreviewedExceedances > 0) reasons.push('exceedance')
  if (reasons.length === 0) return undefined
  return {
    stationId: f.stationId,
    day: f.day,
    reasons,
    missingHours,
    flaggedHours: f.flaggedHours,
    invalidMarks: f.invalidMarks,
    exceedances: f.unreviewedExceedances,
  }
}

/** The queue of many station-days: newest day first, then by station. */
export function reviewQueue(facts: readonly StationDayFacts[]): QueueItem[] {
  return facts
    .flatMap((f) => queueItem(f) ?? [])
    .sort((a, b) => (a.day !== b.day ? (a.day < b.day ? 1 : -1) : a.stationId < b.stationId ? -1 : a.stationId > b.stationId ? 1 : 0))
}
