/**
 * The review API (issue 13; docs/contract.md, "Data review"): marks and their withdrawal, sign-off
 * and reopening, the review queue. Who may call each route is in the PERMISSIONS table (reviewer and
 * admin); the remit and the sign-off locks are checked by the review service. Each state-changing
 * handler leaves `res.locals.audit` for the audit log (what, on what, before and after).
 */
import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Alert } from '../../../shared/src/domain/alert'
import { STATION_KINDS, type Station } from '../../../shared/src/domain/station'
import type { Store } from '../../../shared/src/ports/store'
import { MARK_ACTIONS, type Mark, type MarkHistoryEntry } from '../../../shared/src/review/marks'
import type { Signoff, SignoffPeriod, SignoffScope } from '../../../shared/src/review/signoff'
import type { MarkView, SignoffView } from '../../../shared/src/protocol/http/review'
import { cstDate, cstDay, parseCstDate } from '../../../shared/src/standards/time'
import { HttpError, badRequest, parse } from '../http/errors'
import { timeParam } from '../http/time-query'
import { buildQueue } from './review-queue'
import type { ReviewRefusal, ReviewService } from './review-service'

/** What the audit middleware reads after the response (issue 13, "Audit trail"). */
export interface AuditNote {
  action: 'review.mark' | 'review.withdraw' | 'review.signoff' | 'review.reopen'
  target: string
  before?: unknown
  after?: unknown
}

const markBody = z.object({
  stationId: z.string().min(1).max(64),
  metrics: z.array(z.string().min(1).max(32)).min(1).max(64),
  from: timeParam,
  to: timeParam,
  action: z.enum(MARK_ACTIONS),
  reason: z.string().max(64).default(''),
  value: z.number().finite().optional(),
  note: z.string().max(2000).optional(),
})

const noteBody = z.object({ note: z.string().max(2000).optional() }).default({})

const signoffBody = z
  .object({
    stationId: z.string().min(1).max(64).optional(),
    kind: z.enum(STATION_KINDS).optional(),
    day: z.string().max(10).optional(),
    month: z.string().max(7).optional(),
    note: z.string().max(2000).optional(),
  })
  .refine((b) => (b.stationId === undefined) !== (b.kind === undefined), { message: 'give exactly one of stationId or kind' })
  .refine((b) => (b.day === undefined) !== (b.month === undefined), { message: 'give exactly one of day (YYYY-MM-DD) or month (YYYY-MM)' })

const marksQuery = z.object({ station: z.string().max(64).optional(), from: timeParam.optional(), to: timeParam.optional() })
const queueQuery = z.object({
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
  kind: z.enum(STATION_KINDS).optional(),
  station: z.string().max(64).optional(),
})

const STATUS: Record<ReviewRefusal['code'], number> = {
  'not-found': 404,
  'future-range': 400,
  'unknown-metric': 400,
  'empty-reason': 400,
  'bad-range': 400,
  'bad-value': 400,
  'bad-period': 400,
  'outside-remit': 403,
  'signed-off': 409,
  'already-withdrawn': 409,
  'already-signed-off': 409,
  'not-signed-off': 409,
  'period-not-over': 409,
}

function fail(r: ReviewRefusal): never {
  throw new HttpError(STATUS[r.code], r.code, r.message)
}

/** A mark as the API shows it. */
export function markView(m: Mark | MarkHistoryEntry): MarkView {
  const iso = (t: number) => new Date(t).toISOString()
  const w = 'withdrawn' in m ? m.withdrawn : undefined
  return {
    id: m.id,
    seq: m.seq,
    stationId: m.stationId,
    metrics: m.metrics,
    from: iso(m.from),
    to: iso(m.to),
    action: m.action,
    reason: m.reason,
    ...(m.value !== undefined ? { value: m.value } : {}),
    ...(m.note ? { note: m.note } : {}),
    by: m.by,
    at: iso(m.at),
    ...(w ? { withdrawn: { by: w.by, at: iso(w.at), ...(w.note ? { note: w.note } : {}) } } : {}),
  }
}

function signoffView(s: Signoff): SignoffView {
  return {
    ...(s.scope.stationId !== undefined ? { stationId: s.scope.stationId } : { kind: s.scope.kind }),
    ...(s.period.day !== undefined ? { day: s.period.day } : { month: s.period.month }),
    by: s.by,
    at: new Date(s.at).toISOString(),
  }
}

export interface ReviewRouterDeps {
  service: ReviewService
  /** The raw store (the queue looks at flags and gaps of what arrived). */
  store: Pick<Store, 'series' | 'seriesMany'>
  stations: () => Station[]
  alerts: () => Alert[]
  actor: (req: Request) => string
  now: () => number
}

/** Longest queue span. */
const MAX_QUEUE_DAYS = 62

export function reviewRouter(d: ReviewRouterDeps): Router {
  const r = Router()
  const audit = (res: Response, a: AuditNote) => {
    res.locals.audit = a
  }

  // Each handler names its action first, so a refused request is found under it in the audit trail too.
  const bodyField = (req: Request, k: string) => {
    const v = (req.body as Record<string, unknown> | undefined)?.[k]
    return typeof v === 'string' ? v.slice(0, 64) : undefined
  }

  r.post('/review/marks', (req, res) => {
    audit(res, { action: 'review.mark', target: `station:${bodyField(req, 'stationId') ?? ''}` })
    const b = parse(markBody, req.body ?? {})
    const out = d.service.mark(b, d.actor(req))
    if (!out.ok) fail(out.refusal)
    const view = markView(out.value)
    audit(res, { action: 'review.mark', target: `mark:${view.id}`, after: view })
    res.status(201).json(view)
  })

  r.delete('/review/marks/:id', (req, res) => {
    const id = String(req.params.id)
    audit(res, { action: 'review.withdraw', target: `mark:${id}` })
    const b = parse(noteBody, req.body ?? {})
    const out = d.service.withdraw(id, d.actor(req), b.note)
    if (!out.ok) fail(out.refusal)
    const after = d.service.history({}).find((m) => m.id === id)!
    audit(res, { action: 'review.withdraw', target: `mark:${id}`, before: markView(out.value.before), after: markView(after) })
    res.json(markView(after))
  })

  r.get('/review/marks', (req, res) => {
    const q = parse(marksQuery, req.query)
    res.json({ marks: d.service.history({ stationId: q.station, from: q.from, to: q.to }).map(markView) })
  })

  const signoffArgs = (req: Request): { scope: SignoffScope; period: SignoffPeriod; note?: string } => {
    const b = parse(signoffBody, req.body ?? {})
    const scope: SignoffScope = b.stationId !== undefined ? { stationId: b.stationId } : { kind: b.kind! }
    const period: SignoffPeriod = b.day !== undefined ? { day: b.day } : { month: b.month! }
    return { scope, period, note: b.note }
  }
  const target = (a: { scope: SignoffScope; period: SignoffPeriod }) =>
    `signoff:${a.scope.stationId ?? `kind:${a.scope.kind}`}:${a.period.day ?? a.period.month}`

  const roughTarget = (req: Request) =>
    `signoff:${bodyField(req, 'stationId') ?? `kind:${bodyField(req, 'kind') ?? ''}`}:${bodyField(req, 'day') ?? bodyField(req, 'month') ?? ''}`

  r.post('/review/signoff', (req, res) => {
    audit(res, { action: 'review.signoff', target: roughTarget(req) })
    const a = signoffArgs(req)
    const out = d.service.signoff(a.scope, a.period, d.actor(req), a.note)
    if (!out.ok) fail(out.refusal)
    const view = signoffView(out.value)
    audit(res, { action: 'review.signoff', target: target(a), after: view })
    res.status(201).json(view)
  })

  r.delete('/review/signoff', (req, res) => {
    audit(res, { action: 'review.reopen', target: roughTarget(req) })
    const a = signoffArgs(req)
    const out = d.service.reopen(a.scope, a.period, d.actor(req), a.note)
    if (!out.ok) fail(out.refusal)
    const before = signoffView(out.value)
    audit(res, { action: 'review.reopen', target: target(a), before })
    res.json({ reopened: before, by: d.actor(req) })
  })

  r.get('/review/signoff', (_req, res) => {
    res.json({ signoffs: d.service.signoffs().map(signoffView) })
  })

  r.get('/review/queue', async (req, res) => {
    const q = parse(queueQuery, req.query)
    const yesterday = cstDay(d.now()) - 1
    const day = (s: string | undefined, dflt: number) => {
      if (s === undefined) return dflt
      const n = parseCstDate(s)
      if (n === undefined) throw badRequest(`not a date (YYYY-MM-DD): ${s}`)
      return n
    }
    const last = Math.min(day(q.to, yesterday), cstDay(d.now()))
    const first = day(q.from, last - 6)
    if (first > last) throw badRequest('from must not be after to')
    if (last - first + 1 > MAX_QUEUE_DAYS) throw badRequest(`at most ${MAX_QUEUE_DAYS} days at once`)
    const stations = d.stations().filter((s) => (!q.kind || s.kind === q.kind) && (!q.station || s.id === q.station))
    const items = await buildQueue(
      {
        store: d.store,
        stations,
        alerts: d.alerts(),
        marks: d.service.marks(),
        signoffs: d.service.signoffs(),
        invalidated: (a) => d.service.invalidating(a) !== undefined,
      },
      first,
      last,
    )
    res.json({ from: cstDate(first), to: cstDate(last), items })
  })

  return r
}
