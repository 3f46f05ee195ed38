/**
 * The composition root of the one-process system (`ROLE=all`, `npm start`): broker (embedded aedes
 * unless MQTT_URL), store, registry, the ingest stack (durable queue, store writer, MQTT + HJ 212
 * ingest), the rules stack (standards, alert lifecycle, liveness), the web stack (HTTP API +
 * socket.io), notifications and the targets board, wired with in-process events (server/src/flows/);
 * the demo (simulator) is plugged in by the caller (`opts.demo`).
 * `npm start` (main.ts) and the integration tests start the system through here. The cluster roles
 * (`ROLE=ingest`, `ROLE=server`) compose the same stacks in cluster.ts.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { makeTopics } from '../../../shared/src/protocol/topics'
import type { StationRegistry } from '../../../ingest/src/stations/station-registry'
import { loadRegistry } from '../../../ingest/src/stations/load-registry'
import { stationSecretOf } from '../../../ingest/src/stations/station-secret'
import type { RuleEvaluator } from '../../../shared/src/rules/evaluator'
import type { StandardsEvaluator } from '../../../shared/src/rules/standards-evaluator'
import type { Store } from '../../../shared/src/ports/store'
import type { AlertService } from '../../../ingest/src/alerting/alert-service'
import type { EmbeddedBroker } from '../../../ingest/src/broker/embedded-broker'
import type { DurableQueue } from '../../../ingest/src/pipeline/durable-queue'
import type { StoreWriter } from '../../../ingest/src/pipeline/store-writer'
import type { IngestService } from '../../../ingest/src/service'
import type { Config } from '../config'
import { bootstrapUsers, type BootstrapResult } from '../auth/demo-users'
import { SessionStore } from '../auth/sessions'
import { UserStore } from '../auth/users'
import { wireAlertFanout } from '../flows/alert-fanout'
import { wireCommits } from '../flows/commits-to-targets'
import { wireIngestToLive } from '../flows/ingest-to-live'
import { wireRegistryChanges } from '../flows/registry-changes'
import { DuckDbStore } from '../store/duckdb-store'
import { openStore } from '../store/open-store'
import { startBrokerUnlessExternal } from './broker'
import { Cleanups } from './cleanups'
import { demoConfigOf, type DemoPlugIn } from './demo-plug-in'
import { metricsSources } from './health'
import { tightenSecretFiles } from './secret-files'
import { IngestStack } from './ingest-stack'
import { createRulesStack } from './rules-stack'
import { startWebStack } from './web-stack'
import { createNotifier } from '../notify/index'
import { openAuditLog } from '../audit/open-audit-log'
import { LatestCache } from '../live/latest-cache'
import { createLogger, type Logger } from '../log'
import type { LiveHub } from '../ws/hub'
import { TargetsService } from '../targets/targets-service'
import { CompletenessService } from '../completeness/completeness-service'
import { createReports, type Reports } from '../reports/index'
import { createReviewStack, type ReviewStack } from '../review/review-stack'

/** How long a stop waits for the targets' station-days still being kept in the store. */
const KEEP_ON_STOP_MS = 10_000

export interface SystemOptions {
  /** Clock (tests may inject one). */
  now?: () => number
  log?: Logger
  /** Open a store other than the configured one (tests). */
  store?: Store
  /** Override the rule evaluator. */
  evaluator?: RuleEvaluator
  /** Liveness tick period (default 5 s). */
  tickMs?: number
  /** Listen for HJ 212 on an ephemeral port even when HJ212_PORT=0 (tests). */
  hj212Ephemeral?: boolean
  /** The demo (main.ts and the tests pass server/src/demo.ts): seeds a fresh registry, runs the simulator with SIMULATE=1. */
  demo?: DemoPlugIn
}

export interface System {
  url: string
  /** The public edge (PUBLIC_PORT), when on: its URL, process and the bodies it asked of the main process. */
  publicEdge?: { url: string; pid: number | undefined; stats: { readonly asked: number } }
  brokerUrl: string
  hj212Port?: number
  config: Config
  registry: StationRegistry
  store: Store
  queue: DurableQueue
  writer: StoreWriter
  ingest: IngestService
  alerts: AlertService
  hub: LiveHub
  /** The standards rules engine (windows, hourly AQI). */
  standards: StandardsEvaluator
  targets: TargetsService
  /** Transmission and valid-data rates (issue 12); `missingHours` for gap recovery. */
  completeness: CompletenessService
  reports: Reports
  /** Data review (issue 13): marks, sign-offs, the reviewed store, the invalidated ranges. */
  review: ReviewStack
  broker?: EmbeddedBroker
  /** The demo's simulator, when running (SIMULATE=1 with a demo plug-in). */
  simulator?: { stop(): Promise<void> | void }
  users: UserStore
  sessions: SessionStore
  /** First users created at start-up (demo passwords included, for printing). */
  bootstrap: BootstrapResult
  /** The station secret the demo registry and simulator derive passwords from. */
  stationSecret: string
  servicePassword: string
  stop(): Promise<void>
}

export async function startSystem(config: Config, opts: SystemOptions = {}): Promise<System> {
  const log = opts.log ?? createLogger(config.logLevel)
  const now = opts.now ?? Date.now
  const topics = makeTopics(config.mqtt.topicPrefix)
  const demo = demoConfigOf(config)
  mkdirSync(config.dataDir, { recursive: true })
  tightenSecretFiles(config, log)
  const cleanups = new Cleanups(log)
  try {
    // Construct: stations, users, store, broker, ingest, live cache, rules, targets, web, notifier.
    const stationSecret = stationSecretOf(config.dataDir, config.stationSecret)
    const registry = loadRegistry(config.registryFile, () => opts.demo?.seedStations(demo, stationSecret) ?? [])
    const users = new UserStore(join(config.dataDir, 'users.json'))
    const bootstrap = await bootstrapUsers(users, {
      adminUsername: config.auth.adminUsername,
      adminPassword: config.auth.adminPassword,
      demo: config.auth.demoUsers,
      secret: stationSecret,
    })
    if (users.size === 0) log.warn('no users yet: set ADMIN_USERNAME and ADMIN_PASSWORD, or run npm run create-user')
    const sessions = new SessionStore({ file: join(config.dataDir, 'sessions.json') })
    cleanups.push(() => sessions.flush())
    const store = opts.store ?? (await openStore(config.store))
    cleanups.push(() => store.close())
    const { broker, brokerUrl, servicePassword, sendRefusalsTo } = await startBrokerUnlessExternal(config.mqtt, {
      registry,
      topics,
      log,
      cleanups,
    })
    const mqtt = { clientId: config.mqtt.ingestClientId, shareGroup: config.mqtt.shareGroup }
    const ing = new IngestStack({ config, log, now, store, registry, topics, brokerUrl, servicePassword, ...mqtt, broker, cleanups })
    const { queue, writer, ingest } = ing
    const latest = new LatestCache()
    latest.warm(await store.latest().catch(() => new Map()))
    const lastSeen = (id: string) => latest.get(id)?.ts
    const rules = await createRulesStack({ config, log, now, store, registry, evaluator: opts.evaluator, lastSeen, cleanups })
    const { standards, alerts } = rules
    const review = createReviewStack({ dataDir: config.dataDir, store, registry, now, warn: (m) => log.warn(m) })
    const targets = new TargetsService({
      registry,
      store: review.reviewed,
      signoffs: review.signoffs,
      lastSeen,
      now,
      config: config.targets,
      ...(store.keptDays ? { kept: { days: store.keptDays, marks: () => review.service.marks() } } : {}),
    })
    // Station-days still being kept go to the store before it closes (a year's: a few seconds at most).
    cleanups.push(() => Promise.race([targets.settled(), new Promise<void>((r) => setTimeout(r, KEEP_ON_STOP_MS).unref())]))
    const completeness = new CompletenessService({
      registry,
      store,
      now,
      cacheDays: 62,
      invalidatedRanges: () => review.invalidatedRanges(),
    })
    // Reports read reviewed data, as the targets do (issue 13: invalid values out, corrections in).
    const reports = createReports({ config, log, now, store: review.reviewed, registry, targets, signoffs: review.signoffs })
    const web = await startWebStack({
      ...{
        config,
        log,
        now,
        registry,
        store,
        users,
        sessions,
        alerts,
        latest,
        standards,
        targets,
        completeness,
        reports,
        review,
        cleanups,
      },
      aqiFor: (id) => standards.aqiFor(id),
      ruleOverrides: rules.ruleOverrides,
      audit: openAuditLog(config, 'main', log, cleanups),
      health: () => ing.health(),
      deadLetters: ingest.deadLetters,
      hj212Profile: (id) => ing.hj212Profiles.get(id),
      hj212Commands: () => ing.upper,
      metrics: { ...metricsSources(ing, broker), ...(store instanceof DuckDbStore ? { m4Cells: () => store.m4.stats } : {}) },
    })
    const { hub } = web
    const notifier = createNotifier({
      dataDir: config.dataDir,
      now,
      publicUrl: web.url,
      lookupStation: (id) => registry.get(id),
      getAlert: (id) => alerts.get(id),
      config: config.notify,
      log,
    })
    web.setNotifier(notifier)

    // Wire: the flows between the stages (server/src/flows/).
    sendRefusalsTo(ingest, now)
    wireIngestToLive({ ingest, latest, targets, alerts, hub, aqiFor: (id) => standards.aqiFor(id), now })
    wireCommits({ stack: ing, metrics: web.metrics, targets })
    ing.on('committed', (readings) => completeness.stored(readings))
    wireRegistryChanges({ registry, targets, latest })
    review.onChange((c) => {
      targets.reviewed(c)
      reports.reviewChanged(c)
    })
    review.onSignoff((span) => reports.reviewChanged(span))
    wireAlertFanout({
      alerts,
      hub,
      publish: (t, p, q) => ingest.publish(t, p, q),
      topics,
      notifier,
      targets,
      kindOf: (id) => registry.get(id)?.kind,
      log,
    })

    // Start: the tick, notifications, the targets pusher, then ingest (once everything it feeds is ready), then the demo.
    // An hour closed by the clock (a station silent since) sends its new hourly AQI with the newest reading.
    rules.startTick(opts.tickMs ?? 5000, (id) => {
      const r = registry.get(id)?.kind === 'air' ? latest.newestReading(id, 'air') : undefined
      if (r) hub.reading('air', [r], () => standards.aqiFor(id))
    })
    notifier.start()
    cleanups.push(() => notifier.stop())
    reports.start({ notifier, publicUrl: web.url, cleanups })
    web.startTargetsPusher()
    await ing.start({ hj212Ephemeral: opts.hj212Ephemeral })
    const simulator =
      config.simulator.enabled && opts.demo
        ? opts.demo.start({
            brokerUrl,
            stations: registry.list(),
            secret: stationSecret,
            sim: demo,
            log: (l) => log.debug(`simulator: ${l}`),
          })
        : undefined
    // Stopped first on shutdown.
    if (simulator) cleanups.push(() => simulator.stop())

    return {
      url: web.url,
      ...(web.publicEdge ? { publicEdge: web.publicEdge } : {}),
      brokerUrl,
      hj212Port: ing.hj?.port,
      config,
      registry,
      store,
      queue,
      writer,
      ingest,
      alerts,
      hub,
      standards,
      targets,
      completeness,
      reports,
      review,
      broker,
      simulator,
      users,
      sessions,
      bootstrap,
      stationSecret,
      servicePassword,
      stop: () => cleanups.run(),
    }
  } catch (e) {
    await cleanups.run()
    throw e
  }
}
