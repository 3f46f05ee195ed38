/**
 * A cluster ingest node's small HTTP server: `/metrics` (Prometheus, METRICS_TOKEN) and
 * `/api/health` (503 when the node is down), on PORT.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import type { Config } from '../config'
import { errorHandler } from '../http/errors'
import type { Metrics } from '../http/prometheus'
import type { Logger } from '../log'
import type { Cleanups } from './cleanups'

/** Listen on `http.port`; resolves with the server's URL. */
export async function startNodeHttp(o: {
  http: Config['http']
  metricsToken?: string
  metrics: Metrics
  /** The health body and whether the node is down. */
  health: () => Promise<{ down: boolean; body: object }>
  log: Logger
  cleanups: Cleanups
}): Promise<string> {
  const app = express()
  app.disable('x-powered-by')
  app.use(o.metrics.router(o.metricsToken))
  app.get('/api/health', async (_req, res) => {
    const { down, body } = await o.health()
    res.status(down ? 503 : 200).json(body)
  })
  app.use(errorHandler((m) => o.log.error(m)))
  const http = createServer(app)
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(o.http.port, o.http.host, () => resolve())
  })
  o.cleanups.push(() => new Promise<void>((r) => http.close(() => r())))
  return `http://${o.http.host}:${(http.address() as AddressInfo).port}`
}
