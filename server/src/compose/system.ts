/**
 * The composition root of the one-process system (`ROLE=all`, `npm start`): broker (embedded aedes
 * unless MQTT_URL), store, registry, the ingest stack (durable queue, store writer, MQTT + HJ 212
 * ingest), the rules stack (standards, alert lifecycle, liveness), the web stack (HTTP API +
 * socket.io), notifications, the targets board and the simulator, wired with in-process events.
 * `npm start` (main.ts) and the integration tests start the system through here. The cluster roles
 * (`ROLE=ingest`, `ROLE=server`) compose the same stacks in cluster.ts.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { toAlertEvent } from '../../../shared/src/domain/alert'
import type { Station } from '../../../shared/src/domain/station'
import { makeTopics } from '../../../shared/src/protocol/topics'
import type { StationRegistry } from '../../../ingest/src/stations/station-registry'
import type { RuleEvaluator } from '../../../shared/src/rules/evaluator'
import type { StandardsEvaluator } from '../../../shared/src/rules/standards-evaluator'
import { newSecret } from '../../../ingest/src/stations/secret-hash'
import type { Store } from '../../../shared/src/ports/store'
import type { AlertService } from '../../../ingest/src/alerting/alert-service'
import { startEmbeddedBroker, type EmbeddedBroker, type RefusalInfo } from '../../../ingest/src/broker/embedded-broker'
import type { DurableQueue } from '../../../ingest/src/pipeline/durable-queue'
import type { StoreWriter } from '../../../ingest/src/pipeline/store-writer'
import type { IngestService } from '../../../ingest/src/service'
import { stationPassword } from '../../../simulator/src/station-password'
import { startSimulator, type Simulator } from '../../../simulator/src/run'
import type { Config } from '../config'
import { bootstrapUsers, type BootstrapResult } from '../auth/demo-users'
import { SessionStore } from '../auth/sessions'
import { UserStore } from '../auth/users'
import { Cleanups, loadRegistry, openStore, stationSecretOf } from './base'
import { tightenSecretFiles } from './secret-files'
import { IngestStack } from './ingest-stack'
import { createRulesStack } from './rules-stack'
import { startWebStack } from './web-stack'
import { createNotifier } from '../notify/index'
import { LatestCache } from '../live/latest-cache'
import { createLogger, type Logger } from '../log'
import type { LiveHub } from '../ws/hub'
import { TargetsService } from '../targets/targets-service'

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

export async function startSystem(config: Config, opts: SystemOptions = {}): Promise<System> {
  const log = opts.log ?? createLogger(config.logLevel)
  const now = opts.now ?? Date.now
  const topics = makeTopics(config.mqtt.topicPrefix)
  mkdirSync(config.dataDir, { recursive: true })
  tightenSecretFiles(config, log)
  const cleanups = new Cleanups(log)
  try {
    const stationSecret = stationSecretOf(config)
    const registry = loadRegistry(config, stationSecret)
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
    let refusedMessage: ((i: RefusalInfo) => void) | undefined
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
        onRefused: (i) => {
          log.limited(`refused:${i.username}:${i.action}`, 'warn', `broker refused ${i.action} by ${i.username ?? i.clientId}: ${i.why}`)
          // Refused messages (ACL, oversized packets) go to the dead letter once ingest exists (issue 15).
          try {
            if (i.reason) refusedMessage?.(i)
          } catch (e) {
            log.limited('refused-dead-letter', 'warn', `a refused message could not be dead-lettered: ${(e as Error).message}`)
          }
        },
        // Ingest takes what it would subscribe to in process, before the broker acknowledges it.
        intercept: (topic) => topics.matchesStationFilter(topic),
      })
      const b = broker
      cleanups.push(() => b.close())
      brokerUrl = broker.url
    }

    // Durable queue, store writer and the ingest service (started last).
    const ing = new IngestStack({ config, log, now, store, registry, topics, brokerUrl, servicePassword, clientId: config.mqtt.ingestClientId, shareGroup: config.mqtt.shareGroup, broker, cleanups })
    const { queue, writer, ingest } = ing
    refusedMessage = (i) =>
      ingest.deadLetter({ topic: i.topic, stationId: i.stationId, reason: i.reason!, message: i.action === 'connect' ? `the broker refused the connection of ${i.username ?? 'an anonymous client'} (client id ${i.clientId}): ${i.why}` : `the broker refused this ${i.action === 'packet' ? 'packet' : 'message'} of ${i.username ?? `client ${i.clientId}`} and closed its connection: ${i.why}`, size: i.size }, i.payload ?? Buffer.alloc(0), now())

    // Alerting over the live cache, warmed from the store.
    const latest = new LatestCache()
    latest.warm(await store.latest().catch(() => new Map()))
    const rules = await createRulesStack({ config, log, now, store, registry, evaluator: opts.evaluator, lastSeen: (id) => latest.get(id)?.ts, cleanups })
    const { standards, alerts } = rules
    const targets = new TargetsService({ registry, store, lastSeen: (id) => latest.get(id)?.ts, now, config: config.targets })
    registry.on('change', (kind, s) => {
      if (kind !== 'remove') return
      targets.forget(s.id)
      latest.delete(s.id)
    })

    // HTTP + socket.io.
    const embedded = broker
    const web = await startWebStack({
      config,
      log,
      now,
      registry,
      store,
      users,
      sessions,
      alerts,
      latest,
      aqiFor: (id) => standards.aqiFor(id),
      standards,
      ruleOverrides: rules.ruleOverrides,
      targets,
      health: () => ing.health(),
      deadLetters: ingest.deadLetters,
      hj212Commands: () => ing.upper,
      metrics: {
        ingest: () => ingest.stats,
        deadLetters: () => ingest.deadLetters.byReason,
        queue: () => queue.snapshot(),
        brokerConnected: () => ingest.state === 'connected',
        hj212: () => ing.hj?.stats,
        hj212Commands: () => ing.upper.session.stats,
        ...(embedded ? { brokerRefusals: () => ({ credentials: embedded.stats.refusedConnects, 'client-id': embedded.stats.refusedClientIds, publish: embedded.stats.refusedPublishes, subscribe: embedded.stats.refusedSubscribes }) } : {}),
      },
      cleanups,
    })
    const { hub } = web

    // In-process events: ingest → rules, live push, targets; alerts → push, MQTT alerts topic, log.
    const kindOf = (id: string) => registry.get(id)?.kind
    ingest.on('readings', (station, readings) => {
      latest.update(readings)
      targets.arriving(readings)
      alerts.onReadings(station, readings)
      hub.reading(station.kind, readings, station.kind === 'air' ? () => standards.aqiFor(station.id) : undefined)
    })
    ing.on('committed', (readings, sec) => {
      web.metrics.writeLatency.observe(sec)
      targets.stored(readings)
    })
    ing.on('write-failed', () => web.metrics.writeFailures.inc())
    ingest.on('status', (station, status) => alerts.onAnnounced(station, status))
    ingest.on('connection', (s) => hub.setFeed(s === 'connected', now()))
    alerts.on('transition', (t) => {
      // A historical exceedance goes to the browsers too (`historical: true`: listed, no alarm).
      hub.alert(t.alert)
      ingest.publish(topics.alert(t.alert.stationId), JSON.stringify({ ...toAlertEvent(t.alert), transition: t.type }), 1)
      log.info(`alert ${t.type}: ${t.alert.stationId} ${t.alert.rule} ${t.alert.message}`)
    })
    alerts.on('status', (c) => {
      const kind = kindOf(c.stationId)
      if (kind) hub.status(c.stationId, kind, { stationId: c.stationId, status: c.status, since: new Date(c.since).toISOString() })
    })
    alerts.on('status', () => targets.touch())
    // An hour closed by the clock (a station silent since) sends its new hourly AQI with the newest reading.
    rules.startTick(opts.tickMs ?? 5000, (id) => {
      const r = registry.get(id)?.kind === 'air' ? latest.newestReading(id, 'air') : undefined
      if (r) hub.reading('air', [r], () => standards.aqiFor(id))
    })

    // Notifications: every alert transition, persisted in the outbox before it is announced.
    const notifier = createNotifier({ dataDir: config.dataDir, now, publicUrl: web.url, lookupStation: (id) => registry.get(id), getAlert: (id) => alerts.get(id), config: config.notify, log })
    web.setNotifier(notifier)
    alerts.on('transition', (t) => notifier.onTransition(t))
    alerts.on('backlog', (b) => {
      log[b.exceedanceCount + b.ongoing.length > 0 ? 'info' : 'debug'](`late data: ${b.stationId} sent ${b.readings} late reading(s) (${new Date(b.dataFrom).toISOString()} to ${new Date(b.dataTo).toISOString()}): ${b.exceedanceCount} historical exceedance(s), ${b.ongoing.length} still going on`)
      notifier.onBacklog(b)
    })
    notifier.start()
    cleanups.push(() => notifier.stop())

    web.startTargetsPusher()

    // Ingest starts after everything it feeds is ready; then HJ 212 over raw TCP.
    await ing.start({ hj212Ephemeral: opts.hj212Ephemeral })

    // The simulator last, once ingest listens.
    let simulator: Simulator | undefined
    if (config.simulator.enabled) {
      const simStations: Station[] = registry.list().filter((s) => s.id.startsWith('DG-'))
      const sim = startSimulator({
        brokerUrl,
        stations: simStations,
        intervalSec: config.simulator.intervalSec,
        seed: config.simulator.seed,
        topicPrefix: config.mqtt.topicPrefix,
        backfillHours: config.simulator.backfillHours,
        episodeRate: config.simulator.episodeRate,
        protocol: config.simulator.protocol,
        ...(config.simulator.outage ? { outage: config.simulator.outage } : {}),
        credentials: (s) => ({ username: s.id, password: stationPassword(stationSecret, s.id) }),
        log: (l) => log.debug(`simulator: ${l}`),
      })
      simulator = sim
      // Stop the simulator first on shutdown.
      cleanups.push(() => sim.stop())
    }

    return {
      url: web.url,
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
