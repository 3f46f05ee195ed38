/**
 * The review service (issue 13): applies marks, withdrawals, sign-offs and reopenings to the review
 * log after the checks the bureau's rules need (closed reasons, no future range, known metrics, the
 * reviewer's remit, signed-off periods locked), and tells its listeners which station's stretch
 * changed so what depends on it (the targets' station-days) is recomputed. The pure rules are in
 * shared/src/review; this holds the state.
 */
import { randomUUID } from 'node:crypto'
import type { Alert } from '../../../shared/src/domain/alert'
import { isKnownMetric } from '../../../shared/src/domain/metric-catalog'
import type { Station, StationKind } from '../../../shared/src/domain/station'
import { decidingMarks, invalidatedRanges, type InvalidatedRange } from '../../../shared/src/review/apply-marks'
import {
  activeMarks,
  checkMark,
  inRemit,
  markHistory,
  markTouches,
  type Mark,
  type MarkHistoryEntry,
  type MarkInput,
  type MarkRefusal,
  type Remit,
} from '../../../shared/src/review/marks'
import {
  activeSignoffs,
  lockOf,
  periodDays,
  periodEnded,
  signoffKey,
  type Signoff,
  type SignoffPeriod,
  type SignoffScope,
} from '../../../shared/src/review/signoff'
import { cstDayStart } from '../../../shared/src/standards/time'
import type { ReviewLog } from './review-log'

/** A stretch of a station's data whose reviewed values changed. */
export interface ReviewChange {
  stationId: string
  kind: StationKind
  from: number
  to: number
}

/** Why a review action was refused (the HTTP layer maps each code to a status). */
export type ReviewRefusal =
  | MarkRefusal
  | {
      code: 'not-found' | 'already-withdrawn' | 'already-signed-off' | 'not-signed-off' | 'period-not-over' | 'bad-period'
      message: string
    }

export type ReviewResult<T> = { ok: true; value: T } | { ok: false; refusal: ReviewRefusal }

export interface ReviewServiceDeps {
  log: ReviewLog
  registry: { get(id: string): Station | undefined; list(): Station[] }
  now: () => number
  /** A reviewer's remit (undefined: everywhere). */
  remitOf: (username: string) => Remit | undefined
}

const refuse = <T>(refusal: ReviewRefusal): ReviewResult<T> => ({ ok: false, refusal })

export class ReviewService {
  private active: Mark[]
  private signed: Signoff[]
  private readonly listeners: ((c: ReviewChange) => void)[] = []

  constructor(private readonly deps: ReviewServiceDeps) {
    this.active = activeMarks(deps.log.marks)
    this.signed = activeSignoffs(deps.log.signoffs)
  }

  /** Hear every change of reviewed values. */
  onChange(fn: (c: ReviewChange) => void): void {
    this.listeners.push(fn)
  }

  /** The marks in force, in order of application. */
  marks(): readonly Mark[] {
    return this.active
  }

  /** The sign-offs in force. */
  signoffs(): readonly Signoff[] {
    return this.signed
  }

  /** Every mark (withdrawn ones with their withdrawal) touching a station and range; all when omitted. */
  history(q: { stationId?: string; from?: number; to?: number }): MarkHistoryEntry[] {
    const from = q.from ?? -Infinity
    const to = q.to ?? Infinity
    return markHistory(this.deps.log.marks).filter(
      (m) => (q.stationId === undefined || m.stationId === q.stationId) && m.from < to && m.to > from,
    )
  }

  /** The stretches review leaves out, per (station, metric): the completeness computation's input. */
  invalidatedRanges(): InvalidatedRange[] {
    return invalidatedRanges(this.active)
  }

  /** Apply a mark, or say why not. */
  mark(input: MarkInput, by: string): ReviewResult<Mark> {
    const st = this.deps.registry.get(input.stationId)
    if (!st) return refuse({ code: 'not-found', message: `no station ${input.stationId}` })
    const bad = checkMark(input, { now: this.deps.now(), knownMetric: (m) => isKnownMetric(st.kind, m) })
    if (bad) return refuse(bad)
    const remitRefusal = this.checkRemit(by, st)
    if (remitRefusal) return refuse(remitRefusal)
    const lock = lockOf(this.signed, st, input.from, input.to)
    if (lock)
      return refuse({
        code: 'signed-off',
        message: `${lock.day} of ${st.id} is signed off (${describe(lock.signoff)}); reopen it before marking`,
      })
    const note = input.note?.trim()
    const mark: Mark = {
      id: randomUUID(),
      seq: this.deps.log.nextSeq(),
      stationId: st.id,
      metrics: [...new Set(input.metrics)],
      from: input.from,
      to: input.to,
      action: input.action,
      reason: input.action === 'invalid' ? (input.reason.trim() as Mark['reason']) : 'correction',
      ...(input.action === 'correct' ? { value: input.value } : {}),
      ...(note ? { note } : {}),
      by,
      at: this.deps.now(),
    }
    this.deps.log.appendMark({ type: 'mark', mark })
    this.active = activeMarks(this.deps.log.marks)
    this.changed(st, mark.from, mark.to)
    return { ok: true, value: mark }
  }

  /** Withdraw a mark (recorded), or say why not. */
  withdraw(id: string, by: string, note?: string): ReviewResult<{ before: Mark }> {
    const entry = markHistory(this.deps.log.marks).find((m) => m.id === id)
    if (!entry) return refuse({ code: 'not-found', message: `no mark ${id}` })
    if (entry.withdrawn) return refuse({ code: 'already-withdrawn', message: `mark ${id} was withdrawn by ${entry.withdrawn.by}` })
    const st = this.deps.registry.get(entry.stationId)
    if (st) {
      const remitRefusal = this.checkRemit(by, st)
      if (remitRefusal) return refuse(remitRefusal)
      const lock = lockOf(this.signed, st, entry.from, entry.to)
      if (lock)
        return refuse({
          code: 'signed-off',
          message: `${lock.day} of ${st.id} is signed off (${describe(lock.signoff)}); reopen it before withdrawing`,
        })
    }
    const n = note?.trim()
    this.deps.log.appendMark({
      type: 'withdraw',
      withdrawal: { markId: id, seq: this.deps.log.nextSeq(), by, at: this.deps.now(), ...(n ? { note: n } : {}) },
    })
    this.active = activeMarks(this.deps.log.marks)
    if (st) this.changed(st, entry.from, entry.to)
    const { withdrawn: _w, ...before } = entry
    return { ok: true, value: { before } }
  }

  /** Sign off a station's or a kind's day or month. */
  signoff(scope: SignoffScope, period: SignoffPeriod, by: string, note?: string): ReviewResult<Signoff> {
    const bad = this.checkScope(scope, period, by)
    if (bad) return refuse(bad)
    if (!periodEnded(period, this.deps.now()))
      return refuse({
        code: 'period-not-over',
        message: `${period.day ?? period.month} is not over yet: only a finished day or month can be signed off`,
      })
    const key = signoffKey(scope, period)
    if (this.signed.some((s) => signoffKey(s.scope, s.period) === key))
      return refuse({ code: 'already-signed-off', message: `${describePeriod(scope, period)} is already signed off` })
    return { ok: true, value: this.appendSignoff('signoff', scope, period, by, note) }
  }

  /** Reopen a signed-off period (recorded): it may be marked again. */
  reopen(scope: SignoffScope, period: SignoffPeriod, by: string, note?: string): ReviewResult<Signoff> {
    const bad = this.checkScope(scope, period, by)
    if (bad) return refuse(bad)
    const key = signoffKey(scope, period)
    const was = this.signed.find((s) => signoffKey(s.scope, s.period) === key)
    if (!was) return refuse({ code: 'not-signed-off', message: `${describePeriod(scope, period)} is not signed off` })
    this.appendSignoff('reopen', scope, period, by, note)
    return { ok: true, value: was }
  }

  /** The invalid mark that covers the data an alert was opened on, if any (the alert is then annotated). */
  invalidating(alert: Pick<Alert, 'stationId' | 'metric' | 'rule' | 'openedAt' | 'kind'>): Mark | undefined {
    if (alert.rule.startsWith('station.')) return undefined
    const mine = this.active.filter((m) => markTouches(m, alert.stationId, alert.openedAt, alert.openedAt + 1))
    if (mine.length === 0) return undefined
    // A derived quantity (AQI, water class) rests on every metric of the station.
    const metrics = isKnownMetric(alert.kind, alert.metric) ? [alert.metric] : [...new Set(mine.flatMap((m) => m.metrics))]
    for (const metric of metrics) {
      const m = decidingMarks([alert.openedAt], alert.stationId, metric, mine)[0]
      if (m?.action === 'invalid') return m
    }
    return undefined
  }

  private appendSignoff(type: 'signoff' | 'reopen', scope: SignoffScope, period: SignoffPeriod, by: string, note?: string): Signoff {
    const n = note?.trim()
    const at = this.deps.now()
    this.deps.log.appendSignoff({ type, seq: this.deps.log.nextSeq(), scope, period, by, at, ...(n ? { note: n } : {}) })
    this.signed = activeSignoffs(this.deps.log.signoffs)
    return { scope, period, by, at }
  }

  private checkScope(scope: SignoffScope, period: SignoffPeriod, by: string): ReviewRefusal | undefined {
    if (!periodDays(period))
      return { code: 'bad-period', message: `not a day (YYYY-MM-DD) or month (YYYY-MM): ${period.day ?? period.month}` }
    const remit = this.deps.remitOf(by)
    if (scope.stationId !== undefined) {
      const st = this.deps.registry.get(scope.stationId)
      if (!st) return { code: 'not-found', message: `no station ${scope.stationId}` }
      return this.checkRemit(by, st)
    }
    // A whole kind: only a reviewer whose remit holds every station of it.
    if (remit && (remit.towns?.length || (remit.kinds?.length && !remit.kinds.includes(scope.kind)))) {
      return { code: 'outside-remit', message: `signing off every ${scope.kind} station is outside ${by}'s remit` }
    }
    return undefined
  }

  private checkRemit(by: string, st: Station): ReviewRefusal | undefined {
    if (inRemit(this.deps.remitOf(by), st)) return undefined
    return { code: 'outside-remit', message: `${st.id} (${st.kind}, ${st.townEn ?? st.town}) is outside ${by}'s remit` }
  }

  private changed(st: Station, from: number, to: number): void {
    for (const fn of this.listeners) fn({ stationId: st.id, kind: st.kind, from, to })
  }
}

function describePeriod(scope: SignoffScope, period: SignoffPeriod): string {
  return `${period.day ?? period.month} of ${scope.stationId ?? `every ${scope.kind} station`}`
}

function describe(s: Signoff): string {
  return `${describePeriod(s.scope, s.period)}, by ${s.by}`
}

/** The CST days [first, last] a change touches, as epoch-ms day starts (the targets' station-days to recompute). */
export function changedDayStarts(c: Pick<ReviewChange, 'from' | 'to'>): number[] {
  const out: number[] = []
  const first = Math.floor((c.from + 8 * 3_600_000) / 86_400_000)
  const last = Math.floor((c.to - 1 + 8 * 3_600_000) / 86_400_000)
  for (let d = first; d <= last; d++) out.push(cstDayStart(d))
  return out
}
