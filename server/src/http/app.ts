/**
 * The express application: JSON API under /api, the town boundary file, and the built client
 * (single-page app) from the configured directory.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import express, { type Express, type RequestHandler } from 'express'
import { apiRouter, type ApiDeps } from './api'
import { errorHandler, notFoundHandler } from './errors'
import { jsonBody } from './json-body'
import { securityHeaders } from './security-headers'

export interface AppOptions {
  api: ApiDeps
  clientDir: string
  boundaryFile: string
  log: (msg: string) => void
  /** The audit trail (server/src/audit/audit-trail.ts): before every router, so no state-changing route escapes it. */
  audit?: RequestHandler
  /** Runs first on every /api request (authentication and the PERMISSIONS table). */
  apiGuard?: RequestHandler
  /** More routers under /api (auth, admin, export, public, targets...). */
  apiRouters?: express.Router[]
  /** Routers at the root (e.g. /metrics). */
  rootRouters?: express.Router[]
  /** TRUST_PROXY (server/src/http/trust-proxy.ts): proxies whose X-Forwarded-For sets req.ip; none when empty or omitted. */
  trustProxy?: readonly string[]
  /** PUBLIC_VIEW: serve the citizens' page (public.html) at /public without a session; off = /public is 404. */
  publicPage?: boolean
}

export function createApp(opts: AppOptions): Express {
  const app = express()
  app.disable('x-powered-by')
  // Off unless configured: trusting loopback by default let a local client pick a new address
  // with every login attempt and never be throttled (issue 15).
  app.set('trust proxy', opts.trustProxy?.length ? [...opts.trustProxy] : false)
  app.use(securityHeaders)
  if (opts.audit) app.use(opts.audit)
  app.use(jsonBody({ limit: '256kb' }))
  if (opts.apiGuard) app.use('/api', opts.apiGuard)
  for (const r of opts.rootRouters ?? []) app.use(r)
  app.get('/geo/boundary.topo.json', (_req, res, next) => {
    res.sendFile(opts.boundaryFile, { maxAge: '1h' }, (err) => err && next(err))
  })
  for (const r of opts.apiRouters ?? []) app.use('/api', r)
  app.use('/api', apiRouter(opts.api))
  app.use('/api', notFoundHandler)
  // The public page is its own small bundle (client/public.html): no session, no operator code.
  const publicHtml = join(opts.clientDir, 'public.html')
  app.get(['/public', '/public/', '/public.html'], (_req, res, next) => {
    if (!opts.publicPage || !existsSync(publicHtml)) return notFoundHandler(_req, res, next)
    res.sendFile(publicHtml, { headers: { 'Cache-Control': 'no-cache' } }, (err) => err && next(err))
  })
  if (existsSync(opts.clientDir)) {
    app.use(
      express.static(opts.clientDir, {
        index: false,
        maxAge: '1h',
        setHeaders: (res, path) => path.endsWith('.html') && res.setHeader('Cache-Control', 'no-cache'),
      }),
    )
    const index = join(opts.clientDir, 'index.html')
    app.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => res.sendFile(index, { headers: { 'Cache-Control': 'no-cache' } }))
  } else {
    app.get('/', (_req, res) => res.type('text/plain').send(`envmon: the client is not built (run npm run build:client); API at /api`))
  }
  app.use(notFoundHandler)
  app.use(errorHandler(opts.log))
  return app
}
