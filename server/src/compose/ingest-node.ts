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
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import type { Alert } from '../../../shared/src/domain/alert'
import type { StationKind } from '../../../shared/src/domain/station'
import { makeTopics } from '../../../shared/src/protocol/topics'
import type { StationRegistry } from '../../../ingest/src/stations/station-registry'
import type { TransitionType } from '../../../shared/src/rules/alert-book'
import type { RuleOverrides } from '../../../shared/src/rules/standard-overrides'
import { cstDay } from '../../../shared/src/standards/time'
import type { Store } from '../../../shared/src/ports/store'
import { ConfigSync } from '../../../ingest/src/cluster/config-sync'
import { internalTopics } from '../../../shared/src/protocol/cluster/internal-topics'
import { ownedPartitions, ownsStation, type Ownership } from '../../../shared/src/protocol/cluster/partition'
import { PartitionForwarder } from '../../../ingest/src/cluster/partition-forwarder'
import { readRetainedAlerts } from '../../../ingest/src/alerting/retained-alerts'
import { RulesOwner } from '../../../ingest/src/alerting/rules-owner'
import type { Config } from '../config'
import { errorHandler } from '../http/errors'
import { Metrics } from '../http/prometheus'
import { LatestCache } from '../live/latest-cache'
import { createLogger } from '../log'
import { Cleanups, loadRegistry, openStore, saveRuleOverrides, stationSecretOf } from './base'
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

/** Start an ingest node; `stop()` drains it (forward, ingest, rules, writer, store). */
export async function startIngestNode(config: Config, opts: NodeOptions = {}): Promise<IngestNode> {
  const log = opts.log ?? createLogger(config.logLevel)
  const now = opts.now ?? Date.now
  const topics = makeTopics(config.mqtt.topicPrefix)
  const internal = internalTopics(config.mqtt.topicPrefix)
  const brokerUrl = config.mqtt.url!
  const servicePassword = config.mqtt.servicePassword!
  const credentials = { username: config.mqtt.serviceUsername, password: servicePassword }
  const ownership: Ownership = { partitions: config.cluster.partitions, index: config.cluster.ingestIndex, count: config.cluster.ingestCount }
  const owns = (stationId: string) => ownsStation(ownership, stationId)
  const rulesClientId = `envmon-rules-${ownership.index}`
  mkdirSync(config.dataDir, { recursive: true })
  tightenSecretFiles(config, log)
  const cleanups = new Cleanups(log)
  try {
    const registry = loadRegistry(config, stationSecretOf(config))
    const store = opts.store ?? (await openStore(config))
    cleanups.push(() => store.close())
    const fault = (m: string) => log.limited(`ingest-node:${m.slice(0, 40)}`, 'warn', m)

    // Stations and rule overrides as changed anywhere in the cluster (retained at the broker), before anything reads them.
    let applyRules = (o: RuleOverrides) => saveRuleOverrides(config.rulesFile, o)
    const configSync = new ConfigSync({ url: brokerUrl, ...credentials, clientId: `envmon-ingest-${ownership.index}-config`, internal, registry, rules: { apply: (o) => applyRules(o) }, onFault: fault })
    await configSync.start()
    cleanups.push(() => configSync.stop())

    // Rules of the owned partitions: the local alert log plus the broker's retained snapshots.
    const retained = await readRetainedAlerts({ url: brokerUrl, ...credentials, clientId: `${rulesClientId}-restore`, internal, keep: (a) => owns(a.stationId) })
    const latest = new LatestCache()
    latest.warm(await store.latest().catch(() => new Map()))
    const rules = await createRulesStack({ config, log, now, store, registry, evaluator: opts.evaluator, lastSeen: (id) => latest.get(id)?.ts, owns, restored: retained, cleanups })
    applyRules = (o) => {
      saveRuleOverrides(config.rulesFile, o)
      rules.standards.setOverrides(o)
    }
    const owner = new RulesOwner({
      url: brokerUrl,
      ...credentials,
      clientId: rulesClientId,
      topics,
      internal,
      ownership,
      lookup: (id) => registry.get(id),
      alerts: rules.alerts,
      aqiFor: (id) => rules.standards.aqiFor(id),
      now,
      liveIntervalMs: opts.liveIntervalMs,
      onFault: fault,
    })
    rules.alerts.on('transition', (t) => log.info(`alert ${t.type}: ${t.alert.stationId} ${t.alert.rule} ${t.alert.message}`))
    await owner.start(registry.list())
    cleanups.push(() => owner.stop())
    // What the local log knows newer than the broker (a snapshot lost in a crash) is published again.
    const atBroker = new Map(retained.map((a) => [a.id, a.updatedAt]))
    for (const a of rules.alerts.list()) if ((atBroker.get(a.id) ?? -Infinity) < a.updatedAt) owner.republish({ type: typeOf(a), alert: a })
    rules.startTick(opts.tickMs ?? 5000)
    log.info(`ingest node ${ownership.index}/${ownership.count}: rules of partitions ${ownedPartitions(ownership).join(',')} of ${ownership.partitions}`)

    // Ingest: the shared group; accepted data forwarded to the partitions' owners.
    const stack = new IngestStack({ config, log, now, store, registry, topics, brokerUrl, servicePassword, clientId: config.mqtt.ingestClientId, shareGroup: config.mqtt.shareGroup, cleanups })
    const { ingest, queue, writer } = stack
    const forwarder = new PartitionForwarder({ topics: internal, partitions: ownership.partitions, publish: (t, p, q) => ingest.publish(t, p, q) })
    ingest.on('readings', (station, readings) => forwarder.readings(station, readings))
    ingest.on('status', (station, status) => forwarder.status(station, status))

    // Health and metrics.
    const metrics = new Metrics({
      ingest: () => ingest.stats,
      deadLetters: () => ingest.deadLetters.byReason,
      queue: () => queue.snapshot(),
      openAlerts: () => rules.alerts.list().filter((a) => a.state !== 'resolved').length,
      clients: () => 0,
      brokerConnected: () => ingest.state === 'connected',
      hj212: () => stack.hj?.stats,
      hj212Deviations: () => stack.hj212Profiles.totals,
    })
    stack.on('committed', (readings, sec) => {
      metrics.writeLatency.observe(sec)
      // The server nodes' targets boards drop their cached station-days.
      const days = new Map<string, [string, StationKind, number]>()
      for (const r of readings) {
        const k = `${r.stationId}|${cstDay(r.ts)}`
        if (!days.has(k)) days.set(k, [r.stationId, r.kind, r.ts])
      }
      ingest.publish(internal.stored, JSON.stringify({ items: [...days.values()] }), 1)
    })
    stack.on('write-failed', () => metrics.writeFailures.inc())
    const app = express()
    app.disable('x-powered-by')
    app.use(metrics.router(config.auth.metricsToken))
    app.get('/api/health', async (_req, res) => {
      const h = await stack.health()
      const down = h.broker.state === 'down' || h.store.state === 'down' || owner.link.state !== 'connected'
      res.status(down ? 503 : 200).json({
        status: down ? 'down' : h.store.state === 'up' ? 'ok' : 'degraded',
        role: 'ingest',
        ...h,
        rules: { partitions: ownedPartitions(ownership), link: owner.link.state, ...owner.stats, alerts: rules.alerts.stats },
        forwarded: forwarder.stats,
      })
    })
    app.use(errorHandler((m) => log.error(m)))
    const http: Server = createServer(app)
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject)
      http.listen(config.http.port, config.http.host, () => resolve())
    })
    cleanups.push(() => new Promise<void>((r) => http.close(() => r())))
    const url = `http://${config.http.host}:${(http.address() as AddressInfo).port}`

    await stack.start({ hj212Ephemeral: opts.hj212Ephemeral })
    // On shutdown: forward what is pending before the ingest connection closes.
    cleanups.push(() => forwarder.flush())
    return { role: 'ingest', config, url, ownership, registry, store, stack, rules, owner, forwarder, stop: () => cleanups.run() }
  } catch (e) {
    await cleanups.run()
    throw e
  }
}
