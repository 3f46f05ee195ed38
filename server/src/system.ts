/**
 * The composition root: builds the whole system from a Config — broker (embedded aedes unless
 * MQTT_URL), store, registry, durable queue and store writer, ingest (MQTT + HJ 212 TCP), alerting,
 * HTTP API + socket.io, and the simulator. `npm start` (main.ts) and the integration tests both
 * start the system through here.
 */
import { randomUUID } from 'node:crypto'
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { toAlertEvent } from '../../shared/src/domain/alert'
import type { Reading } from '../../shared/src/domain/reading'
import type { Station } from '../../shared/src/domain/station'
import { decodeHj212Payload } from '../../shared/src/protocol/hj212/index'
import { makeTopics } from '../../shared/src/protocol/topics'
import { StationRegistry, type StationRecord } from '../../shared/src/registry/station-registry'
import type { RuleEvaluator } from '../../shared/src/rules/evaluator'
import { liveEvaluator } from '../../shared/src/rules/standard-compose'
import { parseRuleOverrides, type RuleOverrides } from '../../shared/src/rules/standard-overrides'
import { warmFromStore } from '../../shared/src/rules/standard-warmup'
import { standardsEvaluator, type StandardsEvaluator } from '../../shared/src/rules/standards-evaluator'
import { hashSecret, newSecret } from '../../shared/src/security/secret-hash'
import { DuckDbStore } from '../../shared/src/store/duckdb-store'
import type { Store } from '../../shared/src/store/port'
import { AlertLog } from '../../ingest/src/alerts/alert-log'
import { AlertService } from '../../ingest/src/alerts/alert-service'
import { startEmbeddedBroker, type EmbeddedBroker } from '../../ingest/src/broker/embedded-broker'
import { startHj212Listener, type Hj212Listener } from '../../ingest/src/hj212/tcp-listener'
import { DurableQueue } from '../../ingest/src/pipeline/durable-queue'
import { StoreWriter } from '../../ingest/src/pipeline/store-writer'
import { IngestService } from '../../ingest/src/service'
import { demoStations } from '../../simulator/src/select-stations'
import { stationPassword } from '../../simulator/src/station-password'
import { startSimulator, type Simulator } from '../../simulator/src/run'
import type { Config } from './config'
import type { ApiDeps, HealthReport } from './http/api'
import { bootstrapUsers, type BootstrapResult } from './auth/demo-users'
import { actorOf, assertRole, authorize, socketAuth } from './auth/middleware'
import { LIVE_HISTORY_MS } from './auth/roles'
import { authRouter } from './auth/router'
import { SessionStore } from './auth/sessions'
import { UserStore } from './auth/users'
import { adminRulesRouter } from './http/admin-rules'
import { adminStationsRouter } from './http/admin-stations'
import { exportRouter } from './http/export'
import { Metrics } from './http/metrics'
import { opsRouter } from './http/ops'
import { publicRouter } from './http/public'
import { createNotifier, type NotifierHandle } from './notify/index'
import { Router } from 'express'
import { createApp } from './http/app'
import { LatestCache } from './live/latest-cache'
import { createLogger, type Logger } from './log'
import { LiveHub } from './ws/hub'
import { targetsRouter } from './targets/targets-router'
import { TargetsService } from './targets/targets-service'

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
}

export interface System {
  url: string
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
  broker?: EmbeddedBroker
  simulator?: Simulator
  users: UserStore
  sessions: SessionStore
  /** First users created at start-up (demo passwords included, for printing). */
  bootstrap: BootstrapResult
  /** The station secret the demo registry and simulator derive passwords from. */
  stationSecret: string
  servicePassword: string
  stop(): Promise<void>
}

/** The station secret: from the environment, else generated once into the data directory (never the repo). */
function stationSecretOf(config: Config): string {
  if (config.stationSecret) return config.stationSecret
  const file = join(config.dataDir, 'station-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const s = newSecret()
  mkdirSync(config.dataDir, { recursive: true })
  writeFileSync(file, s + '\n', { mode: 0o600 })
  return s
}

/** The demo registry: the simulator's stations, each with a hashed password derived from the secret. */
function demoRegistry(config: Config, secret: string): StationRecord[] {
  return demoStations(config.simulator.stations, config.simulator.seed).map((s) => ({ ...s, secretHash: hashSecret(stationPassword(secret, s.id)) }))
}

/** Per-station rule overrides from the rules file (absent = none); a bad file fails start-up naming the field. */
function ruleOverridesOf(file: string): RuleOverrides {
  if (!existsSync(file)) return {}
  return parseRuleOverrides(JSON.parse(readFileSync(file, 'utf8')), file)
}

export async function startSystem(config: Config, opts: SystemOptions = {}): Promise<System> {
  const log = opts.log ?? createLogger(config.logLevel)
  const now = opts.now ?? Date.now
  const topics = makeTopics(config.mqtt.topicPrefix)
  mkdirSync(config.dataDir, { recursive: true })
  const cleanups: (() => Promise<void> | void)[] = []
  const stopAll = async () => {
    for (const c of cleanups.reverse()) {
      try {
        await c()
      } catch (e) {
        log.warn(`shutdown: ${(e as Error).message}`)
      }
    }
  }
  try {
    const stationSecret = stationSecretOf(config)
    const registry = StationRegistry.load(config.registryFile, () => demoRegistry(config, stationSecret))
    const users = new UserStore(join(config.dataDir, 'users.json'))
    const bootstrap = await bootstrapUsers(users, { adminUsername: config.auth.adminUsername, adminPassword: config.auth.adminPassword, demo: config.auth.demoUsers, secret: stationSecret })
    if (users.size === 0) log.warn('no users yet: set ADMIN_USERNAME and ADMIN_PASSWORD, or run npm run create-user')
    const sessions = new SessionStore({ file: join(config.dataDir, 'sessions.json') })
    cleanups.push(() => sessions.flush())
    const store = opts.store ?? (await openStore(config))
    cleanups.push(() => store.close())

    // Broker: embedded unless an external one is configured.
    const servicePassword = config.mqtt.servicePassword ?? newSecret()
    let broker: EmbeddedBroker | undefined
    let brokerUrl = config.mqtt.url
    if (!brokerUrl) {
      broker = await startEmbeddedBroker({
        host: config.mqtt.host,
        port: config.mqtt.port,
        topics,
        maxPacketBytes: config.mqtt.maxPacketBytes,
        authenticate: config.mqtt.auth
          ? (username, password) => {
              if (username === config.mqtt.serviceUsername) return password === servicePassword ? { type: 'service', name: username } : undefined
              const st = registry.get(username)
              return st && registry.verify(st.id, password) ? { type: 'station', station: st } : undefined
            }
          : undefined,
        onRefused: (i) => log.limited(`refused:${i.username}:${i.action}`, 'warn', `broker refused ${i.action} by ${i.username ?? i.clientId}: ${i.why}`),
      })
      cleanups.push(() => broker!.close())
      brokerUrl = broker.url
    }

    // Durable queue and store writer.
    const queue = new DurableQueue({ dir: join(config.dataDir, 'spool'), maxMemoryReadings: config.ingestBuffer.memoryReadings, maxSpoolBytes: config.ingestBuffer.spoolMaxBytes })
    cleanups.push(() => queue.close())
    let refusedSink = (r: Reading, e: Error) => log.warn(`store refused a reading of ${r.stationId} at ${new Date(r.ts).toISOString()}: ${e.message}`)
    const writeTimes = { observe: (_s: number) => undefined as void, fail: () => undefined as void }
    let onStored = (_readings: readonly Reading[]) => undefined as void
    const writer = new StoreWriter(queue, store, {
      onCommitted: (b, ms) => {
        writeTimes.observe(ms / 1000)
        onStored(b.readings)
      },
      onRefused: (r, e) => {
        // Kept on disk first (the in-memory dead letter may not exist yet during start-up replay).
        appendFileSync(join(config.dataDir, 'refused.jsonl'), JSON.stringify({ at: new Date(now()).toISOString(), error: e.message, reading: r }) + '\n')
        refusedSink(r, e)
      },
      onError: (e, attempt) => {
        writeTimes.fail()
        log.limited('store-write', 'warn', `store write failed (attempt ${attempt + 1}), data kept in the spool: ${e.message}`)
      },
    })
    writer.start()
    cleanups.push(() => writer.stop())

    // Alerting.
    const alertLog = new AlertLog(join(config.dataDir, 'alerts.jsonl'))
    cleanups.push(() => alertLog.close())
    const ruleOverrides = ruleOverridesOf(config.rulesFile)
    const standards = standardsEvaluator({ overrides: ruleOverrides })
    const alerts = new AlertService({ evaluator: opts.evaluator ?? liveEvaluator(standards), log: alertLog, now, newId: randomUUID })
    const latest = new LatestCache()
    const stored = await store.latest().catch(() => new Map())
    latest.warm(stored)
    for (const s of registry.list()) alerts.track(s, latest.get(s.id)?.ts)
    // Standards windows from the last 25 h in the store, before any live reading arrives.
    const warm = await warmFromStore(standards, registry.list(), store, now())
    log.info(`standards: warmed ${warm.stations} station(s) from ${warm.readings} stored reading(s)`)
    for (const f of warm.failed) log.warn(`standards: ${f.id} starts cold: ${f.error}`)
    const targets = new TargetsService({ registry, store, lastSeen: (id) => latest.get(id)?.ts, now, config: config.targets })
    registry.on('change', (kind, s) => {
      if (kind !== 'remove') return
      standards.forget(s.id)
      targets.forget(s.id)
    })
    registry.on('change', (kind, s) => {
      if (kind === 'upsert') alerts.track(s, latest.get(s.id)?.ts)
      else {
        alerts.untrack(s.id)
        latest.delete(s.id)
      }
    })

    // Ingest.
    const ingest = new IngestService({
      brokerUrl,
      username: config.mqtt.auth || config.mqtt.url ? config.mqtt.serviceUsername : undefined,
      password: config.mqtt.auth || config.mqtt.url ? servicePassword : undefined,
      clientId: config.mqtt.ingestClientId,
      shareGroup: config.mqtt.shareGroup,
      topics,
      lookup: (id) => registry.get(id),
      queue,
      now,
      maxPayloadBytes: config.maxPayloadBytes,
      limits: { maxAgeMs: config.retentionDays * 86_400_000, maxFutureMs: 5 * 60_000, maxBatch: 10_000 },
      hj212: (payload, station, t) => decodeHj212Payload(payload, station, t),
    })
    refusedSink = (r, e) => ingest.deadLetter({ topic: '(store)', stationId: r.stationId, reason: 'store-refused', message: `the store refused this reading (kept in refused.jsonl): ${e.message}` }, Buffer.from(JSON.stringify(r)), now())
    ingest.on('deadletter', (d) => log.limited(`dl:${d.stationId}:${d.reason}`, d.warning ? 'info' : 'warn', `dead letter ${d.reason} from ${d.stationId ?? d.topic}: ${d.message}`))
    ingest.on('connection', (s) => log.info(`ingest: broker ${s}`))

    // HTTP + socket.io.
    const httpServer: Server = createServer()
    const hub = new LiveHub(httpServer, { use: socketAuth(sessions) })
    cleanups.push(() => hub.close())
    const kindOf = (id: string) => registry.get(id)?.kind
    ingest.on('readings', (station, readings) => {
      latest.update(readings)
      alerts.onReadings(station, readings)
      hub.reading(station.kind, readings, station.kind === 'air' ? standards.aqiFor(station.id) : undefined)
    })
    onStored = (readings) => targets.stored(readings)
    ingest.on('status', (station, status) => alerts.onAnnounced(station, status))
    alerts.on('transition', (t) => {
      hub.alert(t.alert)
      ingest.publish(topics.alert(t.alert.stationId), JSON.stringify({ ...toAlertEvent(t.alert), transition: t.type }), 1)
      log.info(`alert ${t.type}: ${t.alert.stationId} ${t.alert.rule} ${t.alert.message}`)
    })
    alerts.on('status', (c) => {
      const kind = kindOf(c.stationId)
      if (kind) hub.status(c.stationId, kind, { stationId: c.stationId, status: c.status, since: new Date(c.since).toISOString() })
    })
    alerts.on('status', () => targets.touch())
    const tick = setInterval(() => alerts.tick(), opts.tickMs ?? 5000)
    tick.unref()
    cleanups.push(() => clearInterval(tick))

    const health = async (): Promise<HealthReport> => {
      const storeState = await store.ping()
      const q = queue.snapshot()
      return {
        broker: { state: ingest.state === 'connected' ? 'up' : 'down', detail: ingest.state },
        store: { state: storeState === 'up' ? (q.mode === 'replay' ? 'degraded' : 'up') : 'down', detail: writer.stats.lastError && writer.state === 'retrying' ? writer.stats.lastError : writer.state },
        ingest: { queue: q, writer: { state: writer.state, ...writer.stats }, messages: ingest.stats, deadLetters: Object.fromEntries(ingest.deadLetters.byReason) },
      }
    }
    const apiDeps: ApiDeps = {
      registry,
      store,
      alerts,
      latest,
      now,
      health,
      aqiFor: (id: string) => standards.aqiFor(id),
      actor: actorOf,
      internals: (req: import('express').Request) => req.auth !== undefined,
      checkHistory: (req: import('express').Request, span: number, csv: boolean) => {
        if (csv) assertRole(req, ['analyst', 'admin'], 'export CSV')
        else if (span > LIVE_HISTORY_MS) assertRole(req, ['analyst', 'admin'], 'read more than 7 days of history')
      },
    }
    const metrics = new Metrics({
      ingest: () => ingest.stats,
      deadLetters: () => ingest.deadLetters.byReason,
      queue: () => queue.snapshot(),
      openAlerts: () => alerts.list().filter((a) => a.state !== 'resolved').length,
      clients: () => hub.clients,
      brokerConnected: () => ingest.state === 'connected',
    })
    writeTimes.observe = (sec) => metrics.writeLatency.observe(sec)
    writeTimes.fail = () => metrics.writeFailures.inc()
    const notifierRef: { current?: NotifierHandle } = {}
    const notifyMount = Router()
    notifyMount.use('/admin/notify', (req, res, next) => (notifierRef.current ? notifierRef.current.router(req, res, next) : next()))
    apiDeps.deliveries = (id: string) => notifierRef.current?.statusFor(id) ?? []
    const app = createApp({
      api: apiDeps,
      clientDir: config.http.clientDir,
      boundaryFile: config.http.boundaryFile,
      log: (m) => log.error(m),
      apiGuard: authorize(sessions),
      rootRouters: [metrics.router(config.auth.metricsToken)],
      apiRouters: [
        notifyMount,
        authRouter({ users, sessions, secureCookie: config.auth.cookieSecure }),
        adminStationsRouter(registry),
        adminRulesRouter({ file: config.rulesFile, initial: ruleOverrides, standards, registry }),
        exportRouter(registry, store, now),
        opsRouter({ deadLetters: ingest.deadLetters, version: '1' }),
        targetsRouter(targets),
        ...(config.auth.publicView ? [publicRouter({ registry, aqiFor: (id) => standards.aqiFor(id), targets: () => targets.body('month') })] : []),
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

    // Notifications: every alert transition, persisted in the outbox before it is announced.
    const notifier = createNotifier({ dataDir: config.dataDir, now, publicUrl: url, lookupStation: (id) => registry.get(id), getAlert: (id) => alerts.get(id), config: config.notify, log })
    notifierRef.current = notifier
    alerts.on('transition', (t) => notifier.onTransition(t))
    notifier.start()
    cleanups.push(() => notifier.stop())

    // The live targets board: recomputed at most every TARGETS_REFRESH_SEC when data changed, pushed on change.
    const pusher = targets.startPusher((b) => hub.targets(b), (e) => log.limited('targets', 'warn', `targets: ${e.message}`))
    cleanups.push(() => pusher.stop())

    // Ingest starts after everything it feeds is ready.
    await ingest.start()
    cleanups.push(() => ingest.stop())

    // HJ 212 over raw TCP.
    let hj: Hj212Listener | undefined
    if (config.hj212Port !== 0 || opts.hj212Ephemeral) {
      hj = await startHj212Listener({
        port: config.hj212Port,
        host: config.mqtt.host,
        now,
        resolveStation: (mn) => {
          const s = registry.byMn(mn)
          return s && { stationId: s.id, kind: s.kind, checkPassword: (pw: string) => registry.verify(s.id, pw) }
        },
        onReadings: (readings, meta) => {
          const s = registry.get(meta.stationId)
          return s ? ingest.accept(s, readings) : Promise.reject(new Error(`station ${meta.stationId} vanished`))
        },
        onReject: (i) => ingest.deadLetter({ topic: `tcp:${i.remote}`, stationId: i.stationId, reason: i.reason, message: i.message, via: 'tcp' }, i.raw, now()),
        onWarning: (i) => ingest.deadLetter({ topic: `tcp:${i.remote}`, stationId: i.stationId, reason: i.reason, message: i.message, warning: true, via: 'tcp' }, i.raw, now()),
      })
      cleanups.push(() => hj!.close())
    }

    // The simulator last, once ingest listens.
    let simulator: Simulator | undefined
    if (config.simulator.enabled) {
      const simStations: Station[] = registry.list().filter((s) => s.id.startsWith('DG-'))
      simulator = startSimulator({
        brokerUrl,
        stations: simStations,
        intervalSec: config.simulator.intervalSec,
        seed: config.simulator.seed,
        topicPrefix: config.mqtt.topicPrefix,
        backfillHours: config.simulator.backfillHours,
        episodeRate: config.simulator.episodeRate,
        credentials: (s) => ({ username: s.id, password: stationPassword(stationSecret, s.id) }),
        log: (l) => log.debug(`simulator: ${l}`),
      })
      // Stop the simulator first on shutdown.
      cleanups.push(() => simulator!.stop())
    }

    return {
      url,
      brokerUrl,
      hj212Port: hj?.port,
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
      broker,
      simulator,
      users,
      sessions,
      bootstrap,
      stationSecret,
      servicePassword,
      stop: stopAll,
    }
  } catch (e) {
    await stopAll()
    throw e
  }
}

async function openStore(config: Config): Promise<Store> {
  if (config.store.kind === 'duckdb') return DuckDbStore.open({ path: config.store.path })
  const { InfluxStore } = await import('../../shared/src/store/influx-store')
  return InfluxStore.open(config.store)
}
