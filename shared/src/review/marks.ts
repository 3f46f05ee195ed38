/**
 * Review marks (issue 13): a reviewer's verdict on a stretch of a station's data, stored apart from
 * the raw readings, which are never changed. A mark says the values of some metrics in [from, to)
 * are invalid (with a reason from a closed list) or are to be read as a corrected value (with a
 * note). A mark is withdrawn by a later record, never deleted: the history is the list of records.
 *
 * Pure: records in, active marks out. Overlapping marks resolve by their sequence number: the mark
 * applied last wins for the values both cover; both stay in the history.
 */
import type { StationKind } from '../domain/station'

/**
 * Why values are invalid: the closed list of the review rules the provinces publish (仪器故障,
 * 维护, 校准, 停电, 异常值, 人工修正标识, 其他). `other` needs a note.
 */
export const INVALID_REASONS = [
  'instrument-fault',
  'maintenance',
  'calibration',
  'power-cut',
  'abnormal-value',
  'flag-correction',
  'other',
] as const
export type InvalidReason = (typeof INVALID_REASONS)[number]

/** What a mark does to the values it covers. */
export const MARK_ACTIONS = ['invalid', 'correct'] as const
export type MarkAction = (typeof MARK_ACTIONS)[number]

/** A mark as applied. Times are epoch ms, [from, to). */
export interface Mark {
  id: string
  /** Order of application (strictly increasing over the log): the later mark wins an overlap. */
  seq: number
  stationId: string
  metrics: string[]
  from: number
  to: number
  action: MarkAction
  /** An {@link InvalidReason} for `invalid`; for `correct`, `correction`. */
  reason: InvalidReason | 'correction'
  /** The corrected value (`correct` only), in the metric's unit. */
  value?: number
  note?: string
  by: string
  at: number
}

/** The withdrawal of a mark: itself a record. */
export interface Withdrawal {
  markId: string
  seq: number
  by: string
  at: number
  note?: string
}

/** One line of the review log. */
export type MarkRecord = { type: 'mark'; mark: Mark } | { type: 'withdraw'; withdrawal: Withdrawal }

/** A mark with its withdrawal, if any (the history view). */
export interface MarkHistoryEntry extends Mark {
  withdrawn?: Withdrawal
}

/** The marks in force (not withdrawn), in order of application. */
export function activeMarks(records: readonly MarkRecord[]): Mark[] {
  const withdrawn = new Set<string>()
  for (const r of records) if (r.type === 'withdraw') withdrawn.add(r.withdrawal.markId)
  return records.flatMap((r) => (r.type === 'mark' && !withdrawn.has(r.mark.id) ? [r.mark] : [])).sort((a, b) => a.seq - b.seq)
}

/** Every mark with its withdrawal, in order of application. */
export function markHistory(records: readonly MarkRecord[]): MarkHistoryEntry[] {
  const withdrawals = new Map<string, Withdrawal>()
  for (const r of records) if (r.type === 'withdraw') withdrawals.set(r.withdrawal.markId, r.withdrawal)
  return records
    .flatMap((r) => (r.type === 'mark' ? [r.mark] : []))
    .sort((a, b) => a.seq - b.seq)
    .map((m) => {
      const w = withdrawals.get(m.id)
      return w ? { ...m, withdrawn: w } : m
    })
}

/** Whether a mark covers a metric over some of [from, to). */
export function markTouches(
  m: Pick<Mark, 'stationId' | 'metrics' | 'from' | 'to'>,
  stationId: string,
  from: number,
  to: number,
  metric?: string,
): boolean {
  return m.stationId === stationId && m.from < to && m.to > from && (metric === undefined || m.metrics.includes(metric))
}

/** A proposed mark, before the checks that need the station and the clock. */
export interface MarkInput {
  stationId: string
  metrics: string[]
  from: number
  to: number
  action: MarkAction
  reason: string
  value?: number
  note?: string
}

/** Why a mark is refused (closed list; the HTTP layer maps each to a status). */
export type MarkRefusal =
  | { code: 'future-range'; message: string }
  | { code: 'unknown-metric'; message: string }
  | { code: 'empty-reason'; message: string }
  | { code: 'bad-range'; message: string }
  | { code: 'bad-value'; message: string }
  | { code: 'outside-remit'; message: string }
  | { code: 'signed-off'; message: string }

/** Where a reviewer may mark: towns and/or kinds (both empty or absent: everywhere). */
export interface Remit {
  towns?: string[]
  kinds?: StationKind[]
}

/** Whether a station is inside a remit (a town matches by its zh or en name). */
export function inRemit(remit: Remit | undefined, station: { kind: StationKind; town: string; townEn?: string }): boolean {
  if (!remit) return true
  if (remit.kinds?.length && !remit.kinds.includes(station.kind)) return false
  if (remit.towns?.length && !remit.towns.some((t) => t === station.town || t === station.townEn)) return false
  return true
}

/** Longest a single mark may span (a month of review is signed off, not marked in one stroke). */
export const MAX_MARK_SPAN_MS = 366 * 86_400_000

/**
 * Check a proposed mark against what needs no store: the range (not in the future, from < to), the
 * station's metrics, the reason (from the closed list; `other` and corrections need a note), the
 * corrected value. Remit and sign-off are checked by the caller, which knows the user and the locks.
 */
export function checkMark(input: MarkInput, o: { now: number; knownMetric: (m: string) => boolean }): MarkRefusal | undefined {
  if (!(input.from < input.to)) return { code: 'bad-range', message: 'from must be before to' }
  if (input.to - input.from > MAX_MARK_SPAN_MS) return { code: 'bad-range', message: 'a mark spans at most 366 days' }
  if (input.to > o.now)
    return {
      code: 'future-range',
      message: `the range ends in the future (${new Date(input.to).toISOString()}): only data that has arrived can be reviewed`,
    }
  if (input.metrics.length === 0) return { code: 'unknown-metric', message: 'name at least one metric' }
  for (const m of input.metrics) if (!o.knownMetric(m)) return { code: 'unknown-metric', message: `unknown metric for this station: ${m}` }
  const reason = input.reason.trim()
  const note = input.note?.trim() ?? ''
  if (input.action === 'invalid') {
    if (reason === '') return { code: 'empty-reason', message: `a reason is required: one of ${INVALID_REASONS.join(', ')}` }
    if (!(INVALID_REASONS as readonly string[]).includes(reason))
      return { code: 'empty-reason', message: `unknown reason ${reason}: one of ${INVALID_REASONS.join(', ')}` }
    if (reason === 'other' && note === '') return { code: 'empty-reason', message: 'reason "other" needs a note saying why' }
  } else {
    if (input.value === undefined || !Number.isFinite(input.value))
      return { code: 'bad-value', message: 'a correction needs a finite value' }
    if (note === '') return { code: 'empty-reason', message: 'a correction needs a note saying why' }
  }
  return undefined
}
