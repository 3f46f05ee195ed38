/**
 * The REST API of the contract (docs/contract.md, "HTTP API"): health, stations, series (JSON or
 * streamed CSV), alerts and their lifecycle.
 */
import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Alert } from '../../../shared/src/domain/alert'
import { toAlertEvent, type AlertEvent } from '../../../shared/src/domain/alert'
import type { Station } from '../../../shared/src/domain/station'
import type { AqiSummary } from '../../../shared/src/protocol/events'
import { ALERT_STATUS_QUERIES, type AlertDetail, type AlertsResponse } from '../../../shared/src/protocol/http/alerts'
import type { DeliveryView } from '../../../shared/src/protocol/http/deliveries'
import type { SeriesResponse } from '../../../shared/src/protocol/http/series'
import type { LatestMetric, RuleView, StationDetail, StationView } from '../../../shared/src/protocol/http/stations'
import { publicStation, type StationRegistry } from '../../../ingest/src/stations/station-registry'
import type { Rule } from '../../../shared/src/rules/rule'
import type { Store } from '../../../shared/src/ports/store'
import type { AlertsView } from '../../../shared/src/ports/alerts-view'
import type { LatestCache } from '../live/latest-cache'
import { drained } from './drained'
import { HttpError, badRequest, notFound, parse } from './errors'
import { autoEvery, isoCstMs, metricList, resolveRange, seriesQuery } from './time-query'

export type ComponentState = 'up' | 'down' | 'degraded'

export interface HealthReport {
  broker: { state: ComponentState; detail: string }
  store: { state: ComponentState; detail: string }
  ingest?: Record<string, unknown>
}

export interface ApiDeps {
  registry: StationRegistry
  store: Store
  /** The alert service (one process) or a cluster server's read model of it. */
  alerts: AlertsView
  latest: LatestCache
  now: () => number
  health: () => Promise<HealthReport>
  aqiFor?: (stationId: string) => AqiSummary | undefined
  /** Who is acting (set by the auth layer); default 'anonymous'. */
  actor?: (req: Request) => string
  /** Throws (403) when the caller may not read this much history or export CSV. */
  checkHistory?: (req: Request, spanMs: number, csv: boolean) => void
  /** Notification delivery status of an alert. */
  deliveries?: (alertId: string) => DeliveryView[]
  /** Whether the caller may see the ingest internals in /health (default yes). */
  internals?: (req: Request) => boolean
  /**
   * Data review (issue 13): the store with the marks applied (`view=reviewed`, the default) and the
   * alert annotation ("data invalidated by review"). Absent: every view is the raw data.
   */
  review?: { store: Store; annotate: (a: Alert, e: AlertEvent) => AlertEvent }
}

export type { StationView }

/** A station as the API shows it: public fields, live status, latest values, AQI. */
export function stationView(s: Station, deps: ApiDeps): StationView {
  const st = deps.alerts.statusOf(s.id)
  const latest = deps.latest.get(s.id)
  const v: StationView = {
    ...publicStation(s),
    name: s.nameZh,
    status: st?.status ?? 'offline',
    statusSince: new Date(st?.since ?? deps.now()).toISOString(),
    activeAlerts: deps.alerts.activeFor(s.id).length,
  }
  if (latest && Number.isFinite(latest.ts)) {
    const values: Record<string, LatestMetric> = {}
    for (const [m, x] of Object.entries(latest.values)) values[m] = { value: x.value, ts: new Date(x.ts).toISOString(), flag: x.flag }
    v.latest = { ts: new Date(latest.ts).toISOString(), values }
  }
  const aqi = s.kind === 'air' ? deps.aqiFor?.(s.id) : undefined
  if (aqi) v.aqi = aqi
  return v
}

function ruleView(r: Rule): RuleView {
  return {
    id: r.id,
    metric: r.metric,
    window: r.window,
    comparison: r.comparison,
    limit: r.limit,
    low: r.low,
    clear: r.clear,
    severity: r.severity,
    source: r.source,
    title: r.title,
  }
}

const alertsQuery = z.object({
  status: z.enum(ALERT_STATUS_QUERIES).default('all'),
  station: z.string().optional(),
  /** Live alerts or historical exceedances (late data, issue 10). */
  origin: z.enum(['live', 'historical', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(10_000).default(500),
})

const actionBody = z.object({ note: z.string().max(2000).optional() }).default({})

/** An alert as the audit trail keeps it: which, and its state. */
function auditedAlert(a: Alert) {
  return { stationId: a.stationId, rule: a.rule, state: a.state }
}

export function apiRouter(deps: ApiDeps): Router {
  const r = Router()
  const actor = deps.actor ?? (() => 'anonymous')
  const alertView = (a: Alert) => (deps.review ? deps.review.annotate(a, toAlertEvent(a)) : toAlertEvent(a))

  r.get('/health', async (req, res) => {
    const { ingest, ...h } = await deps.health()
    const down = h.broker.state === 'down' || h.store.state === 'down'
    const body = { status: down ? 'down' : h.broker.state === 'up' && h.store.state === 'up' ? 'ok' : 'degraded', ...h }
    res.status(down ? 503 : 200).json(deps.internals?.(req) === false ? body : { ...body, ingest })
  })

  r.get('/stations', (_req, res) => {
    res.json({ stations: deps.registry.list().map((s) => stationView(s, deps)) })
  })

  r.get('/stations/:id', (req, res) => {
    const s = deps.registry.get(req.params.id)
    if (!s) throw notFound(`no station ${req.params.id}`)
    const body: StationDetail = {
      ...stationView(s, deps),
      openAlerts: deps.alerts.activeFor(s.id).map(alertView),
      rules: deps.alerts.rulesFor(s).map(ruleView),
    }
    res.json(body)
  })

  r.get('/stations/:id/series', async (req, res) => {
    const s = deps.registry.get(req.params.id)
    if (!s) throw notFound(`no station ${req.params.id}`)
    const q = parse(seriesQuery, req.query)
    const { from, to } = resolveRange(q.from, q.to, deps.now())
    const metrics = metricList(q.metric)
    if (metrics.length === 0) throw badRequest('metric is required, e.g. ?metric=pm25 or ?metric=pm25,pm10')
    const every = q.every ?? autoEvery(from, to)
    const csv = q.format === 'csv' || (q.format === undefined && (req.get('accept') ?? '').includes('text/csv'))
    deps.checkHistory?.(req, to - from, csv)
    const store = q.view === 'reviewed' && deps.review ? deps.review.store : deps.store
    if (csv) {
      await streamCsv(res, store, { stationIds: [s.id], metrics, from, to, every, fn: q.fn }, `${s.id}_${metrics.join('-')}`)
      return
    }
    if (every === 'raw' && to - from > 31 * 86_400_000 && !q.points)
      throw badRequest('raw data over more than 31 days: use every=1h or 1d, points=<chart width> or format=csv')
    const started = performance.now()
    const series = await store.series({
      stationId: s.id,
      metrics,
      from,
      to,
      every,
      fn: q.fn,
      validOnly: q.valid === '1',
      ...(every === 'raw' && q.points ? { maxPoints: q.points } : {}),
    })
    // The store's share of the answer (issue 16), readable in the browser's Resource Timing: a slow
    // chart is then either the query, or the request waiting on a busy process.
    res.set('Server-Timing', `store;dur=${(performance.now() - started).toFixed(1)}`)
    const body: SeriesResponse = {
      stationId: s.id,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      every,
      fn: q.fn,
      view: store === deps.store ? 'raw' : 'reviewed',
      series,
    }
    res.json(body)
  })

  r.get('/alerts', (req, res) => {
    const q = parse(alertsQuery, req.query)
    let list: Alert[]
    if (q.status === 'active') list = deps.alerts.list({ stationId: q.station }).filter((a) => a.state !== 'resolved')
    else list = deps.alerts.list({ status: q.status, stationId: q.station })
    if (q.origin !== 'all') list = list.filter((a) => (a.historical === true) === (q.origin === 'historical'))
    const body: AlertsResponse = { alerts: list.slice(0, q.limit).map(alertView), total: list.length }
    res.json(body)
  })

  r.get('/alerts/:id', (req, res) => {
    const a = deps.alerts.get(req.params.id)
    if (!a) throw notFound(`no alert ${req.params.id}`)
    const body: AlertDetail = { ...alertView(a), deliveries: deps.deliveries?.(a.id) ?? [] }
    res.json(body)
  })

  const action = (name: 'ack' | 'resolve') => async (req: Request, res: Response) => {
    const body = parse(actionBody, req.body ?? {})
    const id = String(req.params.id)
    const before = deps.alerts.get(id)
    res.locals.audit = { action: `alert.${name}`, target: id, ...(before ? { before: auditedAlert(before) } : {}) }
    // Synchronous in one process; in a cluster the rules owner answers (or a 504 is thrown).
    const result = await (name === 'ack'
      ? deps.alerts.acknowledge(id, actor(req), body.note)
      : deps.alerts.resolve(id, actor(req), body.note))
    if (!result.ok) throw new HttpError(result.code === 'not-found' ? 404 : 409, result.code, result.message)
    res.locals.audit = {
      ...res.locals.audit!,
      after: { ...auditedAlert(result.transition.alert), ...(body.note ? { note: body.note } : {}) },
    }
    res.json(alertView(result.transition.alert))
  }
  r.post('/alerts/:id/ack', action('ack'))
  r.post('/alerts/:id/resolve', action('resolve'))

  return r
}

/**
 * Stream an export as CSV with back-pressure: no row cap, flat memory; times in CST to the
 * millisecond (the stored precision). The `review` column says what review applied to the value
 * (issue 13): empty for nothing (and always in `view=raw`), `invalid:<reason>` (value left out,
 * written empty), `corrected`, or several joined with `+` for an aggregate over a partly marked bucket.
 */
export async function streamCsv(res: Response, store: Store, q: Parameters<Store['exportRows']>[0], name: string): Promise<void> {
  res.status(200)
  res.setHeader('Content-Type', 'text/csv; charset=utf-8')
  res.setHeader('Content-Disposition', `attachment; filename="${name.replace(/[^A-Za-z0-9_.-]/g, '_')}.csv"`)
  res.write('station_id,metric,time,value,flag,review\n')
  let aborted = false
  res.on('close', () => (aborted = true))
  for await (const chunk of store.exportRows(q)) {
    if (aborted) return
    let text = ''
    for (const row of chunk)
      text += `${row.stationId},${row.metric},${isoCstMs(row.ts)},${Number.isNaN(row.value) ? '' : row.value},${row.flag},${(row as { review?: string }).review ?? ''}\n`
    if (!res.write(text)) await drained(res)
  }
  res.end()
}
