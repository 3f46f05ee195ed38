/**
 * A cluster ingest node (`ROLE=ingest`, docs/deployment.md). Two jobs:
 *
 * 1. Ingest its share of the stations' messages: the ingest stack in the MQTT 5 shared group
 *    `envmon-ingest` (persistent session `envmon-ingest-<index>`) decodes, validates, spools and
 *    stores (the shared InfluxDB); accepted readings and status announcements are forwarded to
 *    `internal/v1/part/<hash(station) mod PARTITIONS>`.
 * 2. Run the rules of the partitions it owns (p ≡ INGEST_INDEX mod INGEST_COUNT): the rules stack
 *    for those stations only, fed from its own persistent session on those partitions, publishing
 *    alerts, status and the live feed for the server nodes (ingest/src/alerting/rules-owner.ts).
 *
 * At start it restores its alert book from its own alert log plus the broker's retained alert
 * snapshots of the stations it owns, so partitions that moved here keep their alert state.
 * Station and rule changes made on a server node arrive through ConfigSync (retained) and apply here.
 * A small HTTP server on PORT serves `/api/health` and `/metrics`.
 */
import { mkdirSync } from 'node:fs'
import type { Alert } from '../../../shared/src/domain/alert'
import { makeTopics } from '../../../shared/src/protocol/topics'
import type { StationRegistry } from '../../../ingest/src/stations/station-registry'
import type { TransitionType } from '../../../shared/src/rules/alert-book'
import type { AlertService } from '../../../ingest/src/alerting/alert-service'
import type { RuleOverrides } from '../../../shared/src/rules/standard-overrides'
import type { Store } from '../../../shared/src/ports/store'
import { ConfigSync } from '../../../ingest/src/cluster/config-sync'
import { internalTopics } from '../../../shared/src/protocol/cluster/internal-topics'
import { ownedPartitions, ownsStation, type Ownership } from '../../../shared/src/protocol/cluster/partition'
import { PartitionForwarder } from '../../../ingest/src/cluster/partition-forwarder'
import { readRetainedAlerts } from '../../../ingest/src/alerting/retained-alerts'
import { RulesOwner } from '../../../ingest/src/alerting/rules-owner'
import type { Config } from '../config'
import { wireCommitsToPeers } from '../flows/commits-to-peers'
import { Metrics } from '../http/prometheus'
import { LatestCache } from '../live/latest-cache'
import { createLogger } from '../log'
import { loadRegistry } from '../../../ingest/src/stations/load-registry'
import { stationSecretOf } from '../../../ingest/src/stations/station-secret'
import { saveRuleOverrides } from '../../../ingest/src/alerting/rules-file'
import { openStore } from '../store/open-store'
import { Cleanups } from './cleanups'
import { demoConfigOf } from './demo-plug-in'
import { metricsSources } from './health'
import { startNodeHttp } from './node-http'
import { tightenSecretFiles } from './secret-files'
import { IngestStack } from './ingest-stack'
import type { NodeOptions } from './node-options'
import { createRulesStack, type RulesStack } from './rules-stack'

/** A running ingest node (tests reach its parts). */
export interface IngestNode {
  role: 'ingest'
  config: Config
  /** The health/metrics HTTP server. */
  url: string
  ownership: Ownership
  registry: StationRegistry
  store: Store
  stack: IngestStack
  rules: RulesStack
  owner: RulesOwner
  forwarder: PartitionForwarder
  stop(): Promise<void>
}

/** The snapshot type that describes an alert's current state (for a republish). */
function typeOf(a: Alert): TransitionType {
  if (a.historical) return 'recorded'
  return a.state === 'resolved' ? 'resolved' : a.state === 'acknowledged' ? 'acknowledged' : 'opened'
}

/** What the local alert log knows newer than the broker (a snapshot lost in a crash) is published again. */
function republishNewer(owner: RulesOwner, alerts: AlertService, retained: readonly Alert[]): void {
  const atBroker = new Map(retained.map((a) => [a.id, a.updatedAt]))
  for (const a of alerts.list()) if ((atBroker.get(a.id) ?? -Infinity) < a.updatedAt) owner.republish({ type: typeOf(a), alert: a })
}

/** Start an ingest node; `stop()` drains it (forward, ingest, rules, writer, store). */
export async function startIngestNode(config: Config, opts: NodeOptions = {}): Promise<IngestNode> {
  const log = opts.log ?? createLogger(config.logLevel)
  const now = opts.now ?? Date.now
  const topics = makeTopics(config.mqtt.topicPrefix)
  const internal = internalTopics(config.mqtt.topicPrefix)
  const brokerUrl = config.mqtt.url!
  const servicePassword = config.mqtt.servicePassword!
  const credentials = { username: config.mqtt.serviceUsername, password: servicePassword }
  const ownership: Ownership = {
    partitions: config.cluster.partitions,
    index: config.cluster.ingestIndex,
    count: config.cluster.ingestCount,
  }
  const owns = (stationId: string) => ownsStation(ownership, stationId)
  const rulesClientId = `envmon-rules-${ownership.index}`
  mkdirSync(config.dataDir, { recursive: true })
  tightenSecretFiles(config, log)
  const cleanups = new Cleanups(log)
  try {
    const stationSecret = stationSecretOf(config.dataDir, config.stationSecret)
    const registry = loadRegistry(config.registryFile, () => opts.demo?.seedStations(demoConfigOf(config), stationSecret) ?? [])
    const store = opts.store ?? (await openStore(config.store))
    cleanups.push(() => store.close())
    const fault = (m: string) => log.limited(`ingest-node:${m.slice(0, 40)}`, 'warn', m)

    // Stations and rule overrides as changed anywhere in the cluster (retained at the broker), before anything reads them.
    const rulesTarget: { standards?: RulesStack['standards'] } = {}
    const applyRules = (o: RuleOverrides) => {
      saveRuleOverrides(config.rulesFile, o)
      rulesTarget.standards?.setOverrides(o)
    }
    const configSync = new ConfigSync({
      url: brokerUrl,
      ...credentials,
      clientId: `envmon-ingest-${ownership.index}-config`,
      internal,
      registry,
      rules: { apply: applyRules },
      onFault: fault,
    })
    await configSync.start()
    cleanups.push(() => configSync.stop())

    // Rules of the owned partitions: the local alert log plus the broker's retained snapshots.
    const retained = await readRetainedAlerts({
      url: brokerUrl,
      ...credentials,
      clientId: `${rulesClientId}-restore`,
      internal,
      keep: (a) => owns(a.stationId),
    })
    const latest = new LatestCache()
    latest.warm(await store.latest().catch(() => new Map()))
    const rules = await createRulesStack({
      config,
      log,
      now,
      store,
      registry,
      evaluator: opts.evaluator,
      lastSeen: (id) => latest.get(id)?.ts,
      owns,
      restored: retained,
      cleanups,
    })
    rulesTarget.standards = rules.standards
    const { alerts, standards } = rules
    const owner = new RulesOwner({
      url: brokerUrl,
      ...credentials,
      clientId: rulesClientId,
      topics,
      internal,
      ownership,
      lookup: (id) => registry.get(id),
      alerts,
      aqiFor: (id) => standards.aqiFor(id),
      now,
      liveIntervalMs: opts.liveIntervalMs,
      onFault: fault,
    })
    alerts.on('transition', (t) => log.info(`alert ${t.type}: ${t.alert.stationId} ${t.alert.rule} ${t.alert.message}`))
    await owner.start(registry.list())
    cleanups.push(() => owner.stop())
    republishNewer(owner, alerts, retained)
    rules.startTick(opts.tickMs ?? 5000)
    log.info(
      `ingest node ${ownership.index}/${ownership.count}: rules of partitions ${ownedPartitions(ownership).join(',')} of ${ownership.partitions}`,
    )

    // Ingest: the shared group; accepted data forwarded to the partitions' owners.
    const stack = new IngestStack({
      config,
      log,
      now,
      store,
      registry,
      topics,
      brokerUrl,
      servicePassword,
      clientId: config.mqtt.ingestClientId,
      shareGroup: config.mqtt.shareGroup,
      cleanups,
    })
    const { ingest } = stack
    const forwarder = new PartitionForwarder({
      topics: internal,
      partitions: ownership.partitions,
      publish: (t, p, q) => ingest.publish(t, p, q),
    })
    ingest.on('readings', (station, readings) => forwarder.readings(station, readings))
    ingest.on('status', (station, status) => forwarder.status(station, status))

    // Health and metrics.
    const metrics = new Metrics({
      ...metricsSources(stack),
      openAlerts: () => alerts.list().filter((a) => a.state !== 'resolved').length,
      clients: () => 0,
    })
    wireCommitsToPeers({ stack, metrics, publishStored: (p) => ingest.publish(internal.stored, p, 1) })
    const url = await startNodeHttp({
      http: config.http,
      metricsToken: config.auth.metricsToken,
      metrics,
      health: async () => {
        const h = await stack.health()
        const down = h.broker.state === 'down' || h.store.state === 'down' || owner.link.state !== 'connected'
        const status = down ? 'down' : h.store.state === 'up' ? 'ok' : 'degraded'
        return {
          down,
          body: {
            status,
            role: 'ingest',
            ...h,
            rules: { partitions: ownedPartitions(ownership), link: owner.link.state, ...owner.stats, alerts: alerts.stats },
            forwarded: forwarder.stats,
          },
        }
      },
      log,
      cleanups,
    })

    await stack.start({ hj212Ephemeral: opts.hj212Ephemeral })
    // On shutdown: forward what is pending before the ingest connection closes.
    cleanups.push(() => forwarder.flush())
    return { role: 'ingest', config, url, ownership, registry, store, stack, rules, owner, forwarder, stop: () => cleanups.run() }
  } catch (e) {
    await cleanups.run()
    throw e
  }
}
