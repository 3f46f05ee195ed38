/**
 * The reports API, mounted under /api (contract: "Reports"):
 *
 * - `GET /reports?kind&period`: the stored reports, newest first (every version; `superseded`
 *   marks the older ones);
 * - `GET /reports/:id?format=json|xlsx|pdf&lang=zh|en`: one report, streamed from its file (the
 *   XLSX and PDF rendered on first request and kept);
 * - `POST /reports` `{ kind, period }` (analyst, admin): generate a report of any past period;
 *   201 with the new version, or 200 with the stored one when its inputs have not changed.
 */
import { createReadStream } from 'node:fs'
import { Router, type Response } from 'express'
import { z } from 'zod'
import { REPORT_FORMATS, REPORT_KINDS, REPORT_LANGS, type ReportDoc } from '../../../shared/src/protocol/http/reports'
import { HttpError, parse } from '../http/errors'
import { ReportFontError } from './render-pdf'
import { ReportRequestError, type ReportService } from './report-service'

const listQuery = z.object({ kind: z.enum(REPORT_KINDS).optional(), period: z.string().max(10).optional() })
const getQuery = z.object({ format: z.enum(REPORT_FORMATS).default('json'), lang: z.enum(REPORT_LANGS).default('zh') })
const postBody = z.object({ kind: z.enum(REPORT_KINDS), period: z.string().max(10) }).strict()

const TYPES = {
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const

function failure(e: unknown): HttpError {
  if (e instanceof HttpError) return e
  if (e instanceof ReportRequestError) return new HttpError(e.code === 'not-found' ? 404 : 400, e.code, e.message)
  if (e instanceof ReportFontError) return new HttpError(503, e.code, e.message)
  return new HttpError(503, 'unavailable', `the report could not be made: ${(e as Error).message}`)
}

/** The head of a report (what POST answers): the document without its sections. */
function head(doc: ReportDoc): Omit<ReportDoc, 'sections'> & { sections: number } {
  const { sections, ...rest } = doc
  return { ...rest, sections: sections.length }
}

/**
 * The reports router.
 * @example app.use('/api', reportsRouter(service)) // GET /api/reports?kind=monthly
 */
export function reportsRouter(service: ReportService): Router {
  const r = Router()
  r.get('/reports', (req, res) => {
    const q = parse(listQuery, req.query)
    res.json({ reports: service.list(q) })
  })
  r.get('/reports/:id', async (req, res: Response) => {
    const q = parse(getQuery, req.query)
    const id = String(req.params.id)
    let file: string
    try {
      file = await service.file(id, q.format, q.lang)
    } catch (e) {
      throw failure(e)
    }
    res.setHeader('Content-Type', TYPES[q.format])
    if (q.format !== 'json') res.setHeader('Content-Disposition', `attachment; filename="${id}.${q.lang}.${q.format}"`)
    res.setHeader('Cache-Control', 'private, max-age=86400, immutable')
    const stream = createReadStream(file)
    stream.on('error', () => res.destroy())
    stream.pipe(res)
  })
  r.post('/reports', async (req, res) => {
    // Named for the audit trail before the body is checked, so a refused request is found under its action too.
    res.locals.audit = {
      action: 'report.generate',
      target: `${String(req.body?.kind ?? '').slice(0, 16)}_${String(req.body?.period ?? '').slice(0, 10)}`,
    }
    const b = parse(postBody, req.body)
    let g
    try {
      g = await service.generate(b.kind, b.period, 'on-demand')
    } catch (e) {
      throw failure(e)
    }
    res.locals.audit = { action: 'report.generate', target: g.doc.id }
    res.status(g.created ? 201 : 200).json(head(g.doc))
  })
  return r
}
