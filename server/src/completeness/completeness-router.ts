/**
 * `GET /api/completeness?kind&town&station&from&to&every=1h|1d|1M&format=json|csv` (contract: HTTP
 * API, "Completeness"): per station and bucket, readings expected, received and valid with the
 * transmission and valid-data rates, worst station first. Default range: the last 7 days (hourly)
 * or the last 30 days (daily, monthly), up to now. Reading more than 7 days, or CSV, is analysis
 * (analyst, admin), like the series and export routes. A store failure is a 503.
 */
import { Router, type Response } from 'express'
import { z } from 'zod'
import { STATION_KINDS } from '../../../shared/src/domain/station'
import type { CompletenessBody, CompletenessTallyBody } from '../../../shared/src/protocol/http/completeness'
import { COMPLETENESS_EVERY } from '../../../shared/src/standards/completeness'
import { assertRole } from '../auth/middleware'
import { LIVE_HISTORY_MS } from '../auth/roles'
import { badRequest, HttpError, notFound, parse } from '../http/errors'
import { resolveRange, timeParam } from '../http/time-query'
import type { CompletenessService } from './completeness-service'

const DAY = 86_400_000

const query = z.object({
  kind: z.enum(STATION_KINDS).optional(),
  town: z.string().min(1).max(64).optional(),
  station: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
  from: timeParam.optional(),
  to: timeParam.optional(),
  every: z.enum(COMPLETENESS_EVERY).default('1h'),
  format: z.enum(['json', 'csv']).optional(),
})

/** Hourly figures of many stations over a long range are refused: ask for days. */
const MAX_HOURLY_CELLS = 2_000_000

/** A CSV cell: quoted when needed; a leading = + - @ is neutralised (spreadsheet formula injection). */
function cell(v: string | number | null): string {
  if (v === null) return ''
  if (typeof v === 'number') return String(v)
  const s = /^[=+\-@]/.test(v) ? `'${v}` : v
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

const pct = (r: number | null) => (r === null ? null : Math.round(r * 10_000) / 100)
const figures = (t: CompletenessTallyBody) => [t.expected, t.received, t.valid, pct(t.transmission), pct(t.validRate)]

/** The body as CSV: one row per station and bucket, then one row per station for the whole range. */
export function completenessCsv(body: CompletenessBody): string {
  const lines = ['station_id,name_zh,name_en,kind,town,from,to,expected,received,valid,transmission_pct,valid_data_pct']
  for (const s of body.stations) {
    const head = [s.stationId, s.nameZh, s.nameEn, s.kind, s.town]
    s.buckets.forEach((b, i) => lines.push([...head, b.from, s.buckets[i + 1]?.from ?? body.to, ...figures(b)].map(cell).join(',')))
    lines.push([...head, body.from, body.to, ...figures(s.total)].map(cell).join(','))
  }
  return lines.join('\n') + '\n'
}

function send(res: Response, body: CompletenessBody, csv: boolean): void {
  if (!csv) {
    res.json(body)
    return
  }
  res.setHeader('Content-Type', 'text/csv; charset=utf-8')
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="completeness_${body.every}_${body.from.slice(0, 10)}_${body.to.slice(0, 10)}.csv"`,
  )
  res.send(completenessCsv(body))
}

/**
 * The completeness router, mounted under /api.
 * @example app.use('/api', completenessRouter(service, Date.now))
 */
export function completenessRouter(service: Pick<CompletenessService, 'body' | 'select'>, now: () => number): Router {
  const r = Router()
  r.get('/completeness', async (req, res) => {
    const q = parse(query, req.query)
    const end = q.to ?? now()
    const { from, to } = resolveRange(q.from ?? end - (q.every === '1h' ? 7 : 30) * DAY, end, now())
    const csv = q.format === 'csv'
    if (csv) assertRole(req, ['analyst', 'admin'], 'export CSV')
    else if (to - from > LIVE_HISTORY_MS) assertRole(req, ['analyst', 'admin'], 'read more than 7 days of history')
    if (q.station !== undefined && service.select({ station: q.station }).length === 0) throw notFound(`unknown station: ${q.station}`)
    if (q.every === '1h' && ((to - from) / 3_600_000) * service.select(q).length > MAX_HOURLY_CELLS)
      throw badRequest('too many station-hours: use every=1d or 1M, or fewer stations')
    let body: CompletenessBody
    try {
      body = await service.body({ ...q, from, to })
    } catch (e) {
      throw new HttpError(503, 'unavailable', `completeness could not be computed: ${(e as Error).message}`)
    }
    send(res, body, csv)
  })
  return r
}
