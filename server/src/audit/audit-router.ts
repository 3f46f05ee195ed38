/**
 * The audit trail's API (admin role by the PERMISSIONS table): `GET /api/audit` filtered by user,
 * action and time, newest first, a page at a time or every match as CSV (`format=csv`); and
 * `GET /api/audit/verify`, the hash chains checked.
 */
import { Router } from 'express'
import { z } from 'zod'
import type { AuditPage, AuditRecord } from '../../../shared/src/protocol/http/audit'
import { drained } from '../http/drained'
import { badRequest, parse } from '../http/errors'
import { isoCstMs, timeParam } from '../http/time-query'
import type { AuditLog } from './audit-log'

const query = z.object({
  user: z.string().min(1).max(64).optional(),
  action: z.string().min(1).max(100).optional(),
  from: timeParam.optional(),
  to: timeParam.optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  format: z.enum(['json', 'csv']).default('json'),
})

const COLUMNS = [
  'time',
  'node',
  'seq',
  'user',
  'role',
  'address',
  'method',
  'route',
  'path',
  'status',
  'action',
  'target',
  'params',
  'query',
  'body',
  'before',
  'after',
  'hash',
] as const

/** One CSV cell: quoted when needed; a leading = + - @ is neutralised so a spreadsheet does not run it as a formula. */
function cell(v: unknown): string {
  let s = v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v)
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

function csvRow(r: AuditRecord): string {
  const v: Record<(typeof COLUMNS)[number], unknown> = {
    time: isoCstMs(Date.parse(r.ts)),
    node: r.node,
    seq: r.seq,
    user: r.user,
    role: r.role,
    address: r.address,
    method: r.method,
    route: r.route,
    path: r.path,
    status: r.complete ? r.status : `${r.status} (incomplete)`,
    action: r.action,
    target: r.target,
    params: Object.keys(r.params).length ? r.params : undefined,
    query: r.query,
    body: r.body,
    before: r.before,
    after: r.after,
    hash: r.hash,
  }
  return `${COLUMNS.map((c) => cell(v[c])).join(',')}\n`
}

export function auditRouter(log: AuditLog): Router {
  const r = Router()
  r.get('/audit', async (req, res) => {
    const q = parse(query, req.query)
    if (q.from !== undefined && q.to !== undefined && q.from >= q.to) throw badRequest('from must be before to')
    const filter = { user: q.user, action: q.action, from: q.from, to: q.to }
    if (q.format === 'json') {
      const { records, total } = await log.page(filter, q.offset, q.limit)
      const body: AuditPage = { records, total, offset: q.offset, limit: q.limit }
      res.json(body)
      return
    }
    res.status(200)
    res.setHeader('Content-Type', 'text/csv; charset=utf-8')
    res.setHeader('Content-Disposition', `attachment; filename="envmon-audit.csv"`)
    res.setHeader('Cache-Control', 'no-store')
    // A BOM so that Excel (what the bureau opens it with) reads the UTF-8 names right.
    res.write(`\uFEFF${COLUMNS.join(',')}\n`)
    let aborted = false
    res.on('close', () => (aborted = true))
    for await (const rec of log.matching(filter)) {
      if (aborted) return
      if (!res.write(csvRow(rec))) await drained(res)
    }
    res.end()
  })
  r.get('/audit/verify', async (_req, res) => {
    res.json(await log.verify())
  })
  return r
}
