/**
 * Operational endpoints: the dead letter (admin: exact counts by reason and station, and the kept
 * samples, optionally of one reason or station) and the OpenAPI description.
 */
import { Router } from 'express'
import { z } from 'zod'
import type { DeadLetterLog } from '../../../ingest/src/decode/dead-letter'
import type { DeadLettersBody } from '../../../shared/src/protocol/http/dead-letters'
import { parse } from './errors'
import { openApiDocument } from './openapi'

export function opsRouter(o: { deadLetters: DeadLetterLog; version: string }): Router {
  const r = Router()
  const doc = openApiDocument(o.version)
  r.get('/openapi.json', (_req, res) => {
    res.json(doc)
  })
  r.get('/deadletters', (req, res) => {
    const q = parse(
      z.object({
        limit: z.coerce.number().int().min(1).max(500).default(100),
        reason: z.string().min(1).max(64).optional(),
        station: z.string().min(1).max(128).optional(),
      }),
      req.query,
    )
    // Counts are exact (since `since`); `recent` holds the kept samples, newest first (issue 15).
    const body: DeadLettersBody = {
      ...o.deadLetters.counts(),
      recent: o.deadLetters.recent(q.limit, { reason: q.reason, stationId: q.station }),
    }
    res.json(body)
  })
  return r
}
