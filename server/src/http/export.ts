/**
 * Multi-station export (`GET /api/export`, analyst role): every station of a kind and/or town
 * (or a list), one or more metrics, over a period, streamed as CSV without a row cap.
 */
import { Router } from 'express'
import { z } from 'zod'
import { STATION_KINDS } from '../../../shared/src/domain/station'
import type { StationRegistry } from '../../../ingest/src/stations/station-registry'
import type { Store } from '../../../shared/src/ports/store'
import { AGG_FNS, EVERY } from '../../../shared/src/ports/store'
import { badRequest, parse } from './errors'
import { streamCsv } from './api'
import { metricList, resolveRange, timeParam } from './time-query'

const exportQuery = z.object({
  kind: z.enum(STATION_KINDS).optional(),
  town: z.string().max(50).optional(),
  stations: z.string().max(10_000).optional(),
  metric: z.union([z.string(), z.array(z.string())]).optional(),
  from: timeParam.optional(),
  to: timeParam.optional(),
  every: z.enum(EVERY).default('1h'),
  fn: z.enum(AGG_FNS).default('mean'),
  /** Raw data or reviewed (issue 13; default): the `review` column says what applied. */
  view: z.enum(['raw', 'reviewed']).default('reviewed'),
})

/** `reviewed`: the store with the review marks applied (issue 13); absent: every view is raw. */
export function exportRouter(registry: StationRegistry, store: Store, now: () => number, reviewed?: Store): Router {
  const r = Router()
  r.get('/export', async (req, res) => {
    const q = parse(exportQuery, req.query)
    const { from, to } = resolveRange(q.from, q.to, now())
    const wanted = q.stations ? new Set(q.stations.split(',').map((s) => s.trim())) : undefined
    const stations = registry
      .list()
      .filter(
        (s) => (!q.kind || s.kind === q.kind) && (!q.town || s.town === q.town || s.townEn === q.town) && (!wanted || wanted.has(s.id)),
      )
      .map((s) => s.id)
      .sort()
    if (stations.length === 0) throw badRequest('no station matches kind/town/stations')
    const metrics = metricList(q.metric)
    const name = `envmon_${q.kind ?? 'all'}_${q.town ?? 'city'}_${new Date(from).toISOString().slice(0, 10)}_${new Date(to).toISOString().slice(0, 10)}`
    await streamCsv(
      res,
      q.view === 'reviewed' && reviewed ? reviewed : store,
      { stationIds: stations, metrics, from, to, every: q.every, fn: q.fn },
      name,
    )
  })
  return r
}
