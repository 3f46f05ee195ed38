/**
 * The public information release view (no login): current AQI per air station and the city's
 * targets board. Only what the bureau publishes: no internals, no credentials, no raw data.
 */
import { Router } from 'express'
import type { AqiSummary } from '../../../shared/src/protocol/events'
import type { StationRegistry } from '../../../ingest/src/stations/station-registry'

export interface PublicOptions {
  registry: StationRegistry
  aqiFor?: (stationId: string) => AqiSummary | undefined
  /** The targets board body (same shape as /api/targets), when available. */
  targets?: () => Promise<unknown>
}

export function publicRouter(o: PublicOptions): Router {
  const r = Router()
  r.get('/public/aqi', (_req, res) => {
    const stations = o.registry
      .list()
      .filter((s) => s.kind === 'air')
      .map((s) => ({
        id: s.id,
        nameZh: s.nameZh,
        nameEn: s.nameEn,
        town: s.town,
        townEn: s.townEn,
        lon: s.lon,
        lat: s.lat,
        approx: s.approx,
        aqi: o.aqiFor?.(s.id) ?? null,
      }))
    res.setHeader('Cache-Control', 'public, max-age=60')
    res.json({ stations })
  })
  r.get('/public/targets', async (_req, res) => {
    if (!o.targets) {
      res.status(503).json({ error: { code: 'unavailable', message: 'targets are not computed yet' } })
      return
    }
    res.setHeader('Cache-Control', 'public, max-age=60')
    res.json(await o.targets())
  })
  return r
}
