/**
 * envmon as HJ 212 upper computer (issue 12), over HTTP: the command log and gaps (admin), the
 * admin's "request history for this range" and "sync clock", and a station's command state for its
 * page (operators). The commands go out on the station's live link (TCP or its MQTT command topic)
 * and their answers arrive asynchronously: the POSTs answer 202 and the log shows what followed.
 */
import { Router } from 'express'
import { z } from 'zod'
import type { Hj212UpperComputer } from '../../../ingest/src/hj212/upper-computer'
import type { StationRegistry } from '../../../ingest/src/stations/station-registry'
import { actorOf } from '../auth/middleware'
import { HttpError, notFound, parse } from './errors'

/** Longest range one manual request may cover (it is chunked into HJ212_RECOVERY_MAX_SPAN_HOURS requests). */
const MAX_MANUAL_RANGE_MS = 7 * 86_400_000

const iso = z.string().datetime({ offset: true })

export function hj212CommandsRouter(o: { upper: () => Hj212UpperComputer | undefined; registry: StationRegistry }): Router {
  const r = Router()
  const upper = (): Hj212UpperComputer => {
    const u = o.upper()
    if (!u) throw new HttpError(503, 'unavailable', 'HJ 212 commands are not available on this node')
    return u
  }
  const station = (id: string) => {
    const s = o.registry.get(id)
    if (!s) throw notFound(`no station ${id}`)
    return s
  }
  r.get('/admin/hj212/commands', (req, res) => {
    const q = parse(
      z.object({ station: z.string().min(1).max(128).optional(), limit: z.coerce.number().int().min(1).max(2000).default(200) }),
      req.query,
    )
    res.json(upper().view(q.station, q.limit))
  })
  r.post('/admin/stations/:id/hj212/history', async (req, res) => {
    const s = station(req.params.id)
    const b = parse(z.object({ from: iso, to: iso }).strict(), req.body)
    const from = Date.parse(b.from)
    const to = Date.parse(b.to)
    if (!(to >= from)) throw new HttpError(400, 'validation', '`to` must not be before `from`')
    if (to - from > MAX_MANUAL_RANGE_MS) throw new HttpError(400, 'validation', 'a request covers at most 7 days')
    const out = await upper().requestHistory(s.id, from, to, actorOf(req))
    res.locals.audit = { action: 'hj212.history', target: s.id, after: { from: b.from, to: b.to } }
    if (!out.ok) throw new HttpError(409, 'not-addressable', out.error)
    res.status(202).json({ gaps: out.gaps })
  })
  r.post('/admin/stations/:id/hj212/clock', (req, res) => {
    const s = station(req.params.id)
    const out = upper().syncClock(s.id, actorOf(req))
    res.locals.audit = { action: 'hj212.clock', target: s.id }
    if (!out.ok) throw new HttpError(409, 'not-addressable', out.error)
    res.status(202).json({ ok: true })
  })
  r.get('/stations/:id/hj212', (req, res) => {
    const s = station(req.params.id)
    res.json(upper().view(s.id, 20))
  })
  return r
}
