/**
 * The web stack: HTTP API (auth, admin, export, targets, public, ops, metrics) and the socket.io
 * hub, listening on the configured port. Used by the one-process system and by cluster server
 * nodes; what it shows comes in as ports (an AlertsView, the live cache, the AQI, health and
 * metrics sources), so it does not care whether the rules run in this process or elsewhere.
 */
import { signoffShare } from '../../../shared/src/review/signoff'
import { cstDay } from '../../../shared/src/standards/time'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Router, type Request } from 'express'
import type { ServerOptions } from 'socket.io'
import type { AqiSummary } from '../../../shared/src/protocol/events'
import type { StationRegistry } from '../../../ingest/src/stations/station-registry'
import type { RuleOverrides } from '../../../shared/src/rules/standard-overrides'
import type { StandardsEvaluator } from '../../../shared/src/rules/standards-evaluator'
import type { Store } from '../../../shared/src/ports/store'
import type { AlertsView } from '../../../shared/src/ports/alerts-view'
import type { DeadLetterLog } from '../../../ingest/src/decode/dead-letter'
import type { AuditLog } from '../audit/audit-log'
import { auditRouter } from '../audit/audit-router'
import { auditTrail } from '../audit/audit-trail'
import type { Hj212UpperComputer } from '../../../ingest/src/hj212/upper-computer'
import { actorOf, assertRole, authorize, socketAuth } from '../auth/middleware'
import { ANALYSIS_ROLES, LIVE_HISTORY_MS } from '../auth/roles'
import type { LoginThrottle } from '../auth/login-throttle'
import { authRouter } from '../auth/router'
import type { SessionStore } from '../auth/sessions'
import type { UserStore } from '../auth/users'
import type { WebConfig } from '../config'
import { adminRulesRouter } from '../http/admin-rules'
import { adminStationsRouter } from '../http/admin-stations'
import type { StationHj212Profile } from '../../../ingest/src/decode/hj212-deviations'
import type { ApiDeps, HealthReport } from '../http/api'
import { createApp } from '../http/app'
import { exportRouter } from '../http/export'
import { hj212CommandsRouter } from '../http/hj212-commands'
import { Metrics, type MetricsSources } from '../http/prometheus'
import { opsRouter } from '../http/ops'
import { publicResources, publicRouter, type PublicOptions } from '../http/public'
import { startPublicEdge } from '../public/public-edge-host'
import type { LatestCache } from '../live/latest-cache'
import type { Logger } from '../log'
import type { NotifierHandle } from '../notify/index'
import { completenessRouter } from '../completeness/completeness-router'
import type { CompletenessService } from '../completeness/completeness-service'
import { targetsRouter } from '../targets/targets-router'
import type { TargetsService } from '../targets/targets-service'
import type { ReviewStack } from '../review/review-stack'
import { LiveHub } from '../ws/hub'
import type { Cleanups } from './cleanups'

/** Configuration and the ports the web stack reads. */
export interface WebStackOptions {
  config: WebConfig
  log: Logger
  now: () => number
  registry: StationRegistry
  store: Store
  users: UserStore
  sessions: SessionStore
  /** The login throttle (a cluster server: shared through Redis); default one of its own. */
  loginThrottle?: LoginThrottle
  alerts: AlertsView
  latest: LatestCache
  aqiFor: (stationId: string) => AqiSummary | undefined
  /** The standards evaluator the rules admin edits (in a cluster server: a local copy for the rule limits shown). */
  standards: StandardsEvaluator
  ruleOverrides: RuleOverrides
  /** A cluster node: the overrides in force (they also change remotely) and where local changes go. */
  rulesSync?: { current(): RuleOverrides; onChange(overrides: RuleOverrides): void }
  targets: TargetsService
  /** Transmission and valid-data rates (`GET /api/completeness`, issue 12). */
  completeness: CompletenessService
  /** The reports API (issue 14), when this node serves reports. */
  reports?: { router: Router }
  health: () => Promise<HealthReport>
  deadLetters: DeadLetterLog
  /** Per station, the HJ 212 edition and deviations (where this process decodes HJ 212; issue 12). */
  hj212Profile?: (stationId: string) => Readonly<StationHj212Profile> | undefined
  /** The HJ 212 upper computer, where this node runs the ingest (issue 12); its routes answer 503 elsewhere. */
  hj212Commands?: () => Hj212UpperComputer | undefined
  metrics: Omit<MetricsSources, 'clients' | 'openAlerts'>
  /** The audit trail of user actions (issue 13): every state-changing request is appended to it. */
  audit: AuditLog
  /** Data review (issue 13): reviewed views, the review API, alert annotations. Absent: raw data only. */
  review?: ReviewStack
  /** socket.io adapter (the Redis adapter in a cluster). */
  adapter?: ServerOptions['adapter']
  cleanups: Cleanups
}

/** The running web stack. */
export interface WebStack {
  http: Server
  hub: LiveHub
  url: string
  /** The public edge (PUBLIC_PORT), when on: its URL, process and the bodies it asked of this process. */
  publicEdge?: { url: string; pid: number | undefined; stats: { readonly asked: number } }
  metrics: Metrics
  /** Mount the notifier's admin API and delivery status (the node that sends notifications). */
  setNotifier(n: NotifierHandle): void
  /** Push the targets board to this node's browsers when it changes. */
  startTargetsPusher(): void
}

/** Who acts, for the audit trail: the session's user, or for a login attempt the username tried. */
function auditActor(req: Request): { user: string; role: string | null } {
  const s = req.auth?.session
  if (s) return { user: s.username, role: s.role }
  const tried = req.originalUrl.split('?')[0] === '/api/auth/login' ? (req.body as { username?: unknown } | undefined)?.username : undefined
  return { user: typeof tried === 'string' && tried ? tried.slice(0, 64) : 'anonymous', role: null }
}

/** How often live connections' sessions are checked (and their idle timers renewed). */
const SESSION_SWEEP_MS = 60_000

/** Build the app and hub and listen on the configured port. */
export async function startWebStack(o: WebStackOptions): Promise<WebStack> {
  const { config, log, now, registry, store, sessions, alerts, cleanups } = o
  const httpServer: Server = createServer()
  const hub = new LiveHub(httpServer, { use: socketAuth(sessions), adapter: o.adapter })
  cleanups.push(sessions.onEnded((hash) => hub.endSession(hash)))
  // An open browser counts as use of its session (a control-room screen that only listens stays
  // logged in while it is open); a session past its absolute lifetime closes its sockets.
  const sweep = setInterval(() => hub.revalidate((id) => sessions.get(id) !== undefined), SESSION_SWEEP_MS)
  sweep.unref()
  cleanups.push(() => clearInterval(sweep))
  cleanups.push(() => hub.close())
  const notifierRef: { current?: NotifierHandle } = {}
  const apiDeps: ApiDeps = {
    registry,
    store,
    alerts,
    latest: o.latest,
    now,
    health: o.health,
    aqiFor: o.aqiFor,
    actor: actorOf,
    internals: (req: Request) => req.auth !== undefined,
    checkHistory: (req: Request, span: number, csv: boolean) => {
      if (csv) assertRole(req, ANALYSIS_ROLES, 'export CSV')
      else if (span > LIVE_HISTORY_MS) assertRole(req, ANALYSIS_ROLES, 'read more than 7 days of history')
    },
    deliveries: (id: string) => notifierRef.current?.statusFor(id) ?? [],
    ...(o.review ? { review: { store: o.review.reviewed, annotate: o.review.annotate } } : {}),
  }
  const metrics = new Metrics({
    ...o.metrics,
    openAlerts: () => alerts.list().filter((a) => a.state !== 'resolved').length,
    clients: () => hub.clients,
  })
  const notifyMount = Router()
  notifyMount.use('/admin/notify', (req, res, next) => (notifierRef.current ? notifierRef.current.router(req, res, next) : next()))
  const publicOptions: PublicOptions = {
    registry,
    store,
    now,
    aqiFor: o.aqiFor,
    targets: () => o.targets.body('month'),
    ...config.publicRelease,
    ...(o.review ? { reviewed: reviewedCheck(registry, o.review) } : {}),
  }
  // One resolver and cache for /api/public on this port and on the public edge's (PUBLIC_PORT).
  const publicArea = config.auth.publicView ? publicResources(publicOptions) : undefined
  const app = createApp({
    api: apiDeps,
    clientDir: config.http.clientDir,
    boundaryFile: config.http.boundaryFile,
    trustProxy: config.http.trustProxy,
    publicPage: config.auth.publicView,
    log: (m) => log.error(m),
    audit: auditTrail({
      log: o.audit,
      who: auditActor,
      onError: (e) => log.limited('audit', 'error', `audit trail: a record could not be made: ${e.message}`),
    }),
    apiGuard: authorize(sessions),
    rootRouters: [metrics.router(config.auth.metricsToken)],
    apiRouters: [
      notifyMount,
      authRouter({
        users: o.users,
        sessions,
        throttle: o.loginThrottle,
        secureCookie: config.auth.cookieSecure,
        onThrottled: (t) =>
          log.limited(
            `login-throttle:${t.scope}:${t.username.toLowerCase()}`,
            'warn',
            `login for ${t.username.slice(0, 64)} from ${t.ip} refused for ${t.seconds} s (${t.scope} limit: repeated failed logins)`,
            60_000,
          ),
      }),
      adminStationsRouter(registry, o.hj212Profile),
      adminRulesRouter({
        file: config.rulesFile,
        initial: o.ruleOverrides,
        standards: o.standards,
        registry,
        current: o.rulesSync?.current,
        onChange: o.rulesSync?.onChange,
      }),
      exportRouter(registry, store, now, o.review?.reviewed),
      ...(o.review ? [o.review.router({ alerts: () => alerts.list(), actor: actorOf })] : []),
      hj212CommandsRouter({ upper: o.hj212Commands ?? (() => undefined), registry }),
      opsRouter({ deadLetters: o.deadLetters, version: '1' }),
      targetsRouter(o.targets),
      completenessRouter(o.completeness, now),
      auditRouter(o.audit),
      ...(o.reports ? [o.reports.router] : []),
      ...(publicArea ? [publicRouter(publicOptions, publicArea)] : []),
    ],
  })
  httpServer.on('request', app)
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject)
    httpServer.listen(config.http.port, config.http.host, () => resolve())
  })
  const port = (httpServer.address() as AddressInfo).port
  const host = config.http.host === '0.0.0.0' || config.http.host === '127.0.0.1' ? 'localhost' : config.http.host
  const url = config.http.publicUrl ?? `http://${host}:${port}`
  const edge =
    publicArea && config.publicRelease.port !== undefined
      ? await startPublicEdge(
          {
            port: config.publicRelease.port,
            host: config.http.host,
            clientDir: config.http.clientDir,
            trustProxy: config.http.trustProxy,
            ratePerMinute: config.publicRelease.ratePerMinute,
            totalPerSecond: config.publicRelease.totalPerSecond,
          },
          publicArea,
          (level, msg) => log[level](msg),
          config.publicRelease.nice,
        )
      : undefined
  if (edge) cleanups.push(() => edge.close())
  return {
    http: httpServer,
    hub,
    url,
    ...(edge ? { publicEdge: { url: `http://${host}:${edge.port}`, pid: edge.pid, stats: edge.stats } } : {}),
    metrics,
    setNotifier(n) {
      notifierRef.current = n
    },
    startTargetsPusher() {
      // Recomputed at most every TARGETS_REFRESH_SEC when data changed, pushed on change.
      const pusher = o.targets.startPusher(
        (b) => hub.targets(b),
        (e) => log.limited('targets', 'warn', `targets: ${e.message}`),
      )
      cleanups.push(() => pusher.stop())
    },
  }
}

/** Public data is `reviewed` when every station-day of its span is signed off (issue 13 into issue 14's data rule). */
function reviewedCheck(registry: Pick<StationRegistry, 'get'>, review: Pick<ReviewStack, 'signoffs'>) {
  return (stationIds: readonly string[], from: number, to: number): boolean => {
    const stations = stationIds.flatMap((id) => registry.get(id) ?? [])
    return (
      stations.length === stationIds.length && signoffShare(review.signoffs(), stations, cstDay(from), cstDay(to - 1)).finality === 'final'
    )
  }
}
