/**
 * A cluster server node (`ROLE=server`, docs/deployment.md): the web stack (HTTP API, socket.io)
 * over read models of the cluster, with no ingest and no rules of its own.
 *
 * - State (one MQTT connection, clean session): retained alert snapshots, station status and the
 *   live feed build the alerts read model (RemoteAlerts, the API's AlertsView), the live cache and
 *   the AQI; operator actions go to the rules owner of the station's partition.
 * - Push (a second connection, SHARED subscriptions in `SERVER_SHARE_GROUP`): each alert, status
 *   change and live reading reaches one server node, whose hub broadcasts it through the socket.io
 *   Redis adapter (REDIS_URL) to the browsers on every node.
 * - Users, sessions and the login throttle are shared through Redis (REDIS_URL); without it each node has its own.
 * - Notifications only where NOTIFY=1 (exactly one node), on a persistent session of their own.
 * - Station and rule changes made through the admin API are shared with every node (ConfigSync).
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { AqiSummary } from '../../../shared/src/protocol/events'
import { makeTopics } from '../../../shared/src/protocol/topics'
import type { StationRegistry } from '../../../ingest/src/stations/station-registry'
import type { RuleOverrides } from '../../../shared/src/rules/standard-overrides'
import { standardsEvaluator } from '../../../shared/src/rules/standards-evaluator'
import type { Store } from '../../../shared/src/ports/store'
import { DeadLetterLog } from '../../../ingest/src/decode/dead-letter'
import { ConfigSync } from '../../../ingest/src/cluster/config-sync'
import { internalTopics } from '../../../shared/src/protocol/cluster/internal-topics'
import type { MqttLink } from '../../../ingest/src/cluster/bus-link'
import { bootstrapUsers, type BootstrapResult } from '../auth/demo-users'
import type { SessionStore } from '../auth/sessions'
import { UserStore } from '../auth/users'
import { startClusterNotifier } from '../cluster/notify-node'
import { createPushFeed, type PushFeed } from '../cluster/push-feed'
import type { RedisLink } from '../cluster/redis-adapter'
import { startRedisStack } from '../cluster/redis-stack'
import { RemoteAlerts } from '../cluster/remote-alerts'
import { createStateFeed, type StateFeed } from '../cluster/state-feed'
import type { Config } from '../config'
import type { HealthReport } from '../http/api'
import { LatestCache } from '../live/latest-cache'
import { createLogger } from '../log'
import { openAuditLog } from '../audit/open-audit-log'
import { TargetsService } from '../targets/targets-service'
import { wireRegistryChanges } from '../flows/registry-changes'
import type { LiveHub } from '../ws/hub'
import { loadRegistry } from '../../../ingest/src/stations/load-registry'
import { stationSecretOf } from '../../../ingest/src/stations/station-secret'
import { ruleOverridesOf, saveRuleOverrides } from '../../../ingest/src/alerting/rules-file'
import { openStore } from '../store/open-store'
import { Cleanups } from './cleanups'
import { demoConfigOf } from './demo-plug-in'
import { tightenSecretFiles } from './secret-files'
import type { NodeOptions } from './node-options'
import { startWebStack } from './web-stack'

/** A running server node (tests reach its parts). */
export interface ServerNode {
  role: 'server'
  config: Config
  url: string
  registry: StationRegistry
  store: Store
  users: UserStore
  sessions: SessionStore
  bootstrap: BootstrapResult
  alerts: RemoteAlerts
  latest: LatestCache
  hub: LiveHub
  state: StateFeed
  push: PushFeed
  notify?: MqttLink
  redis?: RedisLink
  stop(): Promise<void>
}

/** A server node ingests nothing: its /metrics shows zero ingest and no queue (the ingest nodes' /metrics have them). */
const NO_INGEST = { messages: 0, readings: 0, rejected: 0, warnings: 0 }
const NO_QUEUE = { memoryReadings: 0, spoolBytes: 0, replayed: 0, committed: 0, mode: 'n/a' }

/** Start a server node; it serves once its read models hold the retained state. */
export async function startServerNode(config: Config, opts: NodeOptions = {}): Promise<ServerNode> {
  const log = opts.log ?? createLogger(config.logLevel)
  const now = opts.now ?? Date.now
  const topics = makeTopics(config.mqtt.topicPrefix)
  const internal = internalTopics(config.mqtt.topicPrefix)
  const c = config.cluster
  const broker = { url: config.mqtt.url!, username: config.mqtt.serviceUsername, password: config.mqtt.servicePassword! }
  const stateClientId = `envmon-server-${c.serverId}`
  const fault = (m: string) => log.limited(`server:${m.slice(0, 40)}`, 'warn', m)
  mkdirSync(config.dataDir, { recursive: true })
  tightenSecretFiles(config, log)
  const cleanups = new Cleanups(log)
  try {
    const stationSecret = stationSecretOf(config.dataDir, config.stationSecret)
    const registry = loadRegistry(config.registryFile, () => opts.demo?.seedStations(demoConfigOf(config), stationSecret) ?? [])
    const users = new UserStore(join(config.dataDir, 'users.json'))
    const bootstrap = await bootstrapUsers(users, {
      adminUsername: config.auth.adminUsername,
      adminPassword: config.auth.adminPassword,
      demo: config.auth.demoUsers,
      secret: stationSecret,
    })
    // Redis: the socket.io adapter, shared users and sessions (a node's own files otherwise).
    const { redis, sessions, loginThrottle } = await startRedisStack({
      redisUrl: c.redisUrl,
      serverId: c.serverId,
      dataDir: config.dataDir,
      users,
      log,
      cleanups,
    })
    if (users.size === 0) log.warn('no users yet: set ADMIN_USERNAME and ADMIN_PASSWORD, or run npm run create-user')
    const store = opts.store ?? (await openStore(config.store))
    cleanups.push(() => store.close())

    // Read models. The standards here only describe the rules (limits on charts); they run on the ingest nodes.
    let ruleOverrides: RuleOverrides = ruleOverridesOf(config.rulesFile)
    const standards = standardsEvaluator({ overrides: ruleOverrides })
    // Stations and rule overrides as changed anywhere in the cluster (retained at the broker), before anything reads them.
    const applyRules = (o: RuleOverrides) => {
      saveRuleOverrides(config.rulesFile, o)
      ruleOverrides = o
      standards.setOverrides(o)
    }
    const configSync = new ConfigSync({
      ...broker,
      clientId: `${stateClientId}-config`,
      internal,
      registry,
      rules: { apply: applyRules },
      onFault: fault,
    })
    await configSync.start()
    cleanups.push(() => configSync.stop())
    const latest = new LatestCache()
    latest.warm(await store.latest().catch(() => new Map()))
    const aqi = new Map<string, AqiSummary>()
    // Fed from the contract's dead-letter topic; kept across this node's restarts like an ingest node's.
    const deadLetters = new DeadLetterLog({
      dir: join(config.dataDir, 'dead-letter'),
      maxBytes: config.deadLetterMaxBytes,
      onError: (e) => log.limited('dead-letter-write', 'warn', `dead letter: cannot write to disk: ${e.message}`),
    })
    cleanups.push(() => deadLetters.close())
    const targets = new TargetsService({ registry, store, lastSeen: (id) => latest.get(id)?.ts, now, config: config.targets })
    // `state` is built just below: operator actions (send, connected) only come through the web stack, started after it.
    const actionExpiry = Math.ceil(c.actionTimeoutMs / 1000)
    const alerts = new RemoteAlerts({
      ...{ evaluator: standards, partitions: c.partitions, replyTo: internal.reply(stateClientId), timeoutMs: c.actionTimeoutMs, now },
      send: (p, req) =>
        state.link.publish(internal.action(p), JSON.stringify(req), { qos: 1, properties: { messageExpiryInterval: actionExpiry } }),
      connected: () => state.link.state === 'connected',
    })
    cleanups.push(() => alerts.close())
    wireRegistryChanges({ registry, targets, latest, alsoForget: [(id) => alerts.forgetStation(id), (id) => aqi.delete(id)] })
    const state: StateFeed = createStateFeed({
      ...broker,
      clientId: stateClientId,
      topics,
      internal,
      remote: alerts,
      latest,
      aqi,
      targets,
      deadLetters,
      onFault: fault,
    })
    await state.link.start()
    cleanups.push(() => state.link.stop())
    // Serve once the retained state has arrived (the barrier comes back after it).
    await state.link.sync()

    // The push feed needs the web stack's hub; health (served by the web stack) reads it once it exists.
    const feeds: { push?: PushFeed } = {}
    const health = async (): Promise<HealthReport> => {
      const storeState = await store.ping()
      const pushState = feeds.push?.link.state ?? 'connecting'
      const up = state.link.state === 'connected' && pushState === 'connected'
      return {
        broker: { state: up ? 'up' : 'down', detail: `state ${state.link.state}, push ${pushState}` },
        store: { state: storeState, detail: storeState },
        ingest: {
          role: 'server',
          serverId: c.serverId,
          alerts: alerts.stats,
          push: feeds.push?.stats,
          redis: redis ? (redis.ready() ? 'up' : 'down') : 'off',
          notify: c.notify,
        },
      }
    }
    const rulesSync = {
      current: () => ruleOverrides,
      onChange: (o: RuleOverrides) => {
        ruleOverrides = o
        configSync.publishRules(o).catch((e: Error) => fault(`the rule change could not be shared: ${e.message}`))
      },
    }
    const web = await startWebStack({
      ...{
        config,
        log,
        now,
        registry,
        store,
        users,
        sessions,
        loginThrottle,
        alerts,
        latest,
        standards,
        ruleOverrides,
        rulesSync,
        targets,
        health,
        deadLetters,
        cleanups,
      },
      audit: openAuditLog(config, `server-${c.serverId}`, log, cleanups),
      aqiFor: (id) => aqi.get(id),
      // Ingest counters live on the ingest nodes' /metrics.
      metrics: {
        ingest: () => NO_INGEST,
        deadLetters: () => deadLetters.byReason,
        queue: () => NO_QUEUE,
        brokerConnected: () => state.link.state === 'connected',
      },
      adapter: redis?.adapter,
    })
    const push = createPushFeed({
      ...broker,
      clientId: `${stateClientId}-push`,
      group: c.serverShareGroup,
      internal,
      hub: web.hub,
      onFault: fault,
    })
    feeds.push = push
    // Browsers see "reconnecting" while this node has lost the broker (either of its links).
    const feedUp = () => state.link.state === 'connected' && push.link.state === 'connected'
    for (const link of [state.link, push.link]) link.on('connection', () => web.hub.setFeed(feedUp(), now()))
    await push.link.start()
    cleanups.push(() => push.link.stop())

    const notifier = {
      dataDir: config.dataDir,
      now,
      publicUrl: web.url,
      lookupStation: (id: string) => registry.get(id),
      getAlert: (id: string) => alerts.get(id),
      config: config.notify,
      log,
    }
    const notify = c.notify
      ? await startClusterNotifier({ broker, internal, notifier, mount: (n) => web.setNotifier(n), onFault: fault, cleanups })
      : undefined
    if (!notify) log.info('notifications are sent by another node (NOTIFY=0 here)')
    web.startTargetsPusher()
    return {
      role: 'server',
      config,
      url: web.url,
      registry,
      store,
      users,
      sessions,
      bootstrap,
      alerts,
      latest,
      hub: web.hub,
      state,
      push,
      notify,
      redis,
      stop: () => cleanups.run(),
    }
  } catch (e) {
    await cleanups.run()
    throw e
  }
}
