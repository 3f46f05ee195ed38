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
import { LoginThrottle } from '../auth/login-throttle'
import { SessionStore } from '../auth/sessions'
import { UserStore } from '../auth/users'
import { createNotifyFeed } from '../cluster/notify-feed'
import { createPushFeed, type PushFeed } from '../cluster/push-feed'
import { connectRedis, type RedisLink } from '../cluster/redis-adapter'
import { RedisSessions } from '../cluster/redis-sessions'
import { RedisThrottle } from '../cluster/redis-throttle'
import { RedisUsers } from '../cluster/redis-users'
import { RemoteAlerts } from '../cluster/remote-alerts'
import { createStateFeed, type StateFeed } from '../cluster/state-feed'
import type { Config } from '../config'
import type { HealthReport } from '../http/api'
import { LatestCache } from '../live/latest-cache'
import { createLogger } from '../log'
import { createNotifier } from '../notify/index'
import { TargetsService } from '../targets/targets-service'
import { CompletenessService } from '../completeness/completeness-service'
import type { LiveHub } from '../ws/hub'
import { Cleanups, loadRegistry, openStore, ruleOverridesOf, saveRuleOverrides, stationSecretOf } from './base'
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
    const stationSecret = stationSecretOf(config)
    const registry = loadRegistry(config, stationSecret)
    const users = new UserStore(join(config.dataDir, 'users.json'))
    const bootstrap = await bootstrapUsers(users, { adminUsername: config.auth.adminUsername, adminPassword: config.auth.adminPassword, demo: config.auth.demoUsers, secret: stationSecret })

    // Redis: the socket.io adapter, shared users and sessions (a node's own files otherwise).
    let redis: RedisLink | undefined
    let sessions: SessionStore
    let loginThrottle: LoginThrottle | undefined
    if (c.redisUrl) {
      const r = await connectRedis(c.redisUrl, log)
      redis = r
      cleanups.push(() => r.close())
      const sharedUsers = new RedisUsers(r.client, c.serverId, log)
      await sharedUsers.start(users)
      cleanups.push(() => sharedUsers.close())
      const replica = new RedisSessions(r.client, c.serverId, log)
      sessions = new SessionStore({ replica })
      await replica.start(sessions)
      cleanups.push(() => replica.close())
      const throttleReplica = new RedisThrottle(r.client, c.serverId, log)
      loginThrottle = new LoginThrottle({ replica: throttleReplica })
      await throttleReplica.start(loginThrottle)
      cleanups.push(() => throttleReplica.close())
    } else {
      log.warn('REDIS_URL is not set: this server node pushes only to its own browsers and keeps its own sessions (fine for a single server node)')
      sessions = new SessionStore({ file: join(config.dataDir, 'sessions.json') })
      const s = sessions
      cleanups.push(() => s.flush())
    }
    if (users.size === 0) log.warn('no users yet: set ADMIN_USERNAME and ADMIN_PASSWORD, or run npm run create-user')
    const store = opts.store ?? (await openStore(config))
    cleanups.push(() => store.close())

    // Stations and rule overrides as changed anywhere in the cluster (retained at the broker), before anything reads them.
    let ruleOverrides: RuleOverrides | undefined
    let applyRules = (o: RuleOverrides) => saveRuleOverrides(config.rulesFile, o)
    const configSync = new ConfigSync({ ...broker, clientId: `${stateClientId}-config`, internal, registry, rules: { apply: (o) => applyRules(o) }, onFault: fault })
    await configSync.start()
    cleanups.push(() => configSync.stop())

    // Read models. The standards here only describe the rules (limits on charts); they run on the ingest nodes.
    ruleOverrides = ruleOverridesOf(config.rulesFile)
    const standards = standardsEvaluator({ overrides: ruleOverrides })
    applyRules = (o) => {
      saveRuleOverrides(config.rulesFile, o)
      ruleOverrides = o
      standards.setOverrides(o)
    }
    const latest = new LatestCache()
    latest.warm(await store.latest().catch(() => new Map()))
    const aqi = new Map<string, AqiSummary>()
    // Fed from the contract's dead-letter topic; kept across this node's restarts like an ingest node's.
    const deadLetters = new DeadLetterLog({ dir: join(config.dataDir, 'dead-letter'), maxBytes: config.deadLetterMaxBytes, onError: (e) => log.limited('dead-letter-write', 'warn', `dead letter: cannot write to disk: ${e.message}`) })
    cleanups.push(() => deadLetters.close())
    const targets = new TargetsService({ registry, store, lastSeen: (id) => latest.get(id)?.ts, now, config: config.targets })
    const completeness = new CompletenessService({ registry, store, now })
    let stateLink: MqttLink | undefined
    const alerts = new RemoteAlerts({
      evaluator: standards,
      partitions: c.partitions,
      send: (p, req) => stateLink!.publish(internal.action(p), JSON.stringify(req), { qos: 1, properties: { messageExpiryInterval: Math.ceil(c.actionTimeoutMs / 1000) } }),
      connected: () => stateLink?.state === 'connected',
      replyTo: internal.reply(stateClientId),
      timeoutMs: c.actionTimeoutMs,
      now,
    })
    cleanups.push(() => alerts.close())
    registry.on('change', (kind, s) => {
      if (kind !== 'remove') return
      targets.forget(s.id)
      latest.delete(s.id)
      alerts.forgetStation(s.id)
      aqi.delete(s.id)
    })
    const state = createStateFeed({ ...broker, clientId: stateClientId, topics, internal, remote: alerts, latest, aqi, targets, deadLetters, onFault: fault })
    stateLink = state.link
    await state.link.start()
    cleanups.push(() => state.link.stop())
    // Serve once the retained state has arrived (the barrier comes back after it).
    await state.link.sync()

    let push: PushFeed | undefined
    const health = async (): Promise<HealthReport> => {
      const storeState = await store.ping()
      const pushState = push?.link.state ?? 'connecting'
      const up = state.link.state === 'connected' && pushState === 'connected'
      return {
        broker: { state: up ? 'up' : 'down', detail: `state ${state.link.state}, push ${pushState}` },
        store: { state: storeState, detail: storeState },
        ingest: { role: 'server', serverId: c.serverId, alerts: alerts.stats, push: push?.stats, redis: redis ? (redis.ready() ? 'up' : 'down') : 'off', notify: c.notify },
      }
    }
    const zeroIngest = { messages: 0, readings: 0, rejected: 0, warnings: 0 }
    const zeroQueue = { memoryReadings: 0, spoolBytes: 0, replayed: 0, committed: 0, mode: 'n/a' }
    const web = await startWebStack({
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
      aqiFor: (id) => aqi.get(id),
      standards,
      ruleOverrides,
      rulesSync: {
        current: () => ruleOverrides!,
        onChange: (o) => {
          ruleOverrides = o
          configSync.publishRules(o).catch((e: Error) => fault(`the rule change could not be shared: ${e.message}`))
        },
      },
      targets,
      completeness,
      health,
      deadLetters,
      // Ingest counters live on the ingest nodes' /metrics.
      metrics: { ingest: () => zeroIngest, deadLetters: () => deadLetters.byReason, queue: () => zeroQueue, brokerConnected: () => state.link.state === 'connected' },
      adapter: redis?.adapter,
      cleanups,
    })
    const pushFeed = createPushFeed({ ...broker, clientId: `${stateClientId}-push`, group: c.serverShareGroup, internal, hub: web.hub, onFault: fault })
    push = pushFeed
    // Browsers see "reconnecting" while this node has lost the broker (either of its links).
    const feedUp = () => state.link.state === 'connected' && pushFeed.link.state === 'connected'
    for (const link of [state.link, pushFeed.link]) link.on('connection', () => web.hub.setFeed(feedUp(), now()))
    await pushFeed.link.start()
    cleanups.push(() => pushFeed.link.stop())

    let notify: MqttLink | undefined
    if (c.notify) {
      const notifier = createNotifier({ dataDir: config.dataDir, now, publicUrl: web.url, lookupStation: (id) => registry.get(id), getAlert: (id) => alerts.get(id), config: config.notify, log })
      web.setNotifier(notifier)
      notifier.start()
      cleanups.push(() => notifier.stop())
      const feed = createNotifyFeed({ ...broker, clientId: 'envmon-notify', internal, onTransition: (t) => notifier.onTransition(t), onBacklog: (b) => notifier.onBacklog(b), onFault: fault })
      await feed.start()
      cleanups.push(() => feed.stop())
      notify = feed
    } else log.info('notifications are sent by another node (NOTIFY=0 here)')
    web.startTargetsPusher()
    return { role: 'server', config, url: web.url, registry, store, users, sessions, bootstrap, alerts, latest, hub: web.hub, state, push: pushFeed, notify, redis, stop: () => cleanups.run() }
  } catch (e) {
    await cleanups.run()
    throw e
  }
}
