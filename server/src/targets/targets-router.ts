/**
 * `GET /api/targets?period=month|quarter|ytd|year&at=ISO` (contract: HTTP API): every target of the
 * city's plan for the period containing `at` (default: now, month to date, China Standard Time).
 * A store failure is a 503, never a stack trace.
 */
import { Router } from 'express'
import { z } from 'zod'
import { HttpError, parse } from '../http/errors'
import { timeParam } from '../http/time-query'
import { PERIOD_NAMES } from './calendar-period'
import type { TargetsService } from './targets-service'

const query = z.object({
  period: z.enum(PERIOD_NAMES).default('month'),
  at: timeParam.optional(),
})

/**
 * The targets router, mounted under /api.
 * @example app.use('/api', targetsRouter(service)) // GET /api/targets?period=quarter
 */
export function targetsRouter(service: Pick<TargetsService, 'body'>): Router {
  const r = Router()
  r.get('/targets', async (req, res) => {
    const q = parse(query, req.query)
    let body
    try {
      body = await service.body(q.period, q.at)
    } catch (e) {
      throw new HttpError(503, 'unavailable', `targets could not be computed: ${(e as Error).message}`)
    }
    res.json(body)
  })
  return r
}
