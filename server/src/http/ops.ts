/**
 * Operational endpoints: the dead letter (admin) and the OpenAPI description.
 */
import { Router } from 'express'
import { z } from 'zod'
import type { DeadLetterLog } from '../../../ingest/src/dead-letter'
import { parse } from './errors'
import { openApiDocument } from './openapi'

export function opsRouter(o: { deadLetters: DeadLetterLog; version: string }): Router {
  const r = Router()
  const doc = openApiDocument(o.version)
  r.get('/openapi.json', (_req, res) => {
    res.json(doc)
  })
  r.get('/deadletters', (req, res) => {
    const q = parse(z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }), req.query)
    res.json({ total: o.deadLetters.total, byReason: Object.fromEntries(o.deadLetters.byReason), recent: o.deadLetters.recent(q.limit) })
  })
  return r
}
