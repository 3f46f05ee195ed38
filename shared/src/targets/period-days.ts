/**
 * Which CST days of a target period count: completed days only (a day counts once its 24:00 CST has
 * passed at `asOf`), so a partial today never drags a daily ratio down.
 */
import { DAY_MS, cstDate, cstDay, cstDayStart } from '../standards/time'
import type { Evaluation } from './types'

/** Days of the period, split into completed ones and the ones still to come. */
export interface PeriodDays {
  /** Completed CST days in [from, min(to, asOf)), `YYYY-MM-DD`. */
  completed: string[]
  /** Days of the period not completed yet (0 for a closed period). */
  remaining: number
  inProgress: boolean
  /** End of the last completed day (epoch ms), the end of what was counted. */
  countedTo: number
}

/**
 * Completed and remaining days of an evaluation. Days are those whose CST start lies in [from, to);
 * `from` and `to` are normally CST midnights.
 * @example periodDays({ period: { from, to }, asOf }).completed // ['2026-01-01', …]
 */
export function periodDays(ev: Evaluation): PeriodDays {
  const { from, to } = ev.period
  const asOf = ev.asOf ?? to
  const first = cstDay(from) + (cstDayStart(cstDay(from)) < from ? 1 : 0)
  const completed: string[] = []
  let remaining = 0
  let countedTo = cstDayStart(first)
  for (let d = first; cstDayStart(d) < to; d++) {
    if (cstDayStart(d) + DAY_MS <= asOf) {
      completed.push(cstDate(d))
      countedTo = cstDayStart(d) + DAY_MS
    } else remaining++
  }
  return { completed, remaining, inProgress: asOf < to, countedTo }
}
