/**
 * Cluster-wide configuration through retained MQTT messages: the station registry
 * (`config/registry`, the records with their secret hashes) and the per-station rule overrides
 * (`config/rules`). A change made through the admin API on one server node is saved there and
 * published (retained); every node applies it (and saves its own copy of the file); a node that
 * starts later applies the retained version before it serves or ingests. The files are each
 * node's seed and cache: all nodes must start from the same REGISTRY_FILE / RULES_FILE content
 * until the first change is published (docs/deployment.md).
 */
import { checkStation, type StationRecord } from '../../../shared/src/domain/station-record'
import type { StationRegistry } from '../stations/station-registry'
import { parseRuleOverrides, type RuleOverrides } from '../../../shared/src/rules/standard-overrides'
import type { InternalTopics } from '../../../shared/src/protocol/cluster/internal-topics'
import { MqttLink } from './bus-link'

/** Where another node's rule overrides are applied on this node. */
export interface RulesHolder {
  /** Apply overrides changed on another node (and save them to this node's rules file). */
  apply(overrides: RuleOverrides): void
}

/** A node's broker connection details, its registry and its rules. */
export interface ConfigSyncOptions {
  url: string
  username?: string
  password?: string
  clientId: string
  internal: InternalTopics
  registry: StationRegistry
  rules: RulesHolder
  onFault: (msg: string) => void
}

/**
 * Shares the registry and rule overrides through retained messages.
 * @example
 * const sync = new ConfigSync({ url, clientId: 'envmon-ingest-0-config', internal, registry, rules: { apply }, onFault })
 * await sync.start() // the retained configuration is applied
 */
export class ConfigSync {
  readonly link: MqttLink
  readonly stats = { registryApplied: 0, rulesApplied: 0, published: 0, invalid: 0 }
  private applying = false
  private scheduled = false
  private readonly onRegistryChange = () => this.registryChanged()

  constructor(private readonly o: ConfigSyncOptions) {
    this.link = new MqttLink({
      url: o.url,
      clientId: o.clientId,
      username: o.username,
      password: o.password,
      clean: true,
      subscriptions: [
        { filter: o.internal.config('registry'), qos: 1 },
        { filter: o.internal.config('rules'), qos: 1 },
      ],
      barrierTopic: o.internal.barrier(o.clientId),
      onMessage: (topic, payload) => this.handle(topic, payload),
    })
    this.link.on('fault', (e) => o.onFault(`config sync: ${e.message}`))
    o.registry.on('change', this.onRegistryChange)
  }

  /** Connect and apply the retained configuration (resolves once it is applied). */
  async start(): Promise<void> {
    await this.link.start()
    await this.link.sync()
  }

  async stop(): Promise<void> {
    this.o.registry.off('change', this.onRegistryChange)
    await this.link.stop()
  }

  /** Share rule overrides changed on this node. */
  publishRules(overrides: RuleOverrides): Promise<void> {
    this.stats.published++
    return this.link.publish(this.o.internal.config('rules'), JSON.stringify({ overrides }), { qos: 1, retain: true })
  }

  /** A local registry change (admin API): share the whole registry once this turn's changes are done. */
  private registryChanged(): void {
    if (this.applying || this.scheduled) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      this.stats.published++
      this.link
        .publish(this.o.internal.config('registry'), JSON.stringify({ stations: this.o.registry.list() }), { qos: 1, retain: true })
        .catch((e: Error) => this.o.onFault(`config sync: the registry change could not be shared: ${e.message}`))
    })
  }

  private handle(topic: string, payload: Buffer): void {
    if (payload.length === 0) return
    let v: unknown
    try {
      v = JSON.parse(payload.toString('utf8'))
    } catch {
      this.stats.invalid++
      return this.o.onFault(`config sync: unreadable ${topic}`)
    }
    if (topic === this.o.internal.config('registry')) this.applyRegistry((v as { stations?: unknown }).stations)
    else if (topic === this.o.internal.config('rules')) this.applyRules((v as { overrides?: unknown }).overrides)
  }

  private applyRegistry(stations: unknown): void {
    if (!Array.isArray(stations)) {
      this.stats.invalid++
      return this.o.onFault('config sync: a registry without stations was ignored')
    }
    const valid = (stations as StationRecord[]).filter((s) => checkStation(s) === undefined)
    if (valid.length !== stations.length) {
      this.stats.invalid++
      return this.o.onFault(`config sync: a registry with ${stations.length - valid.length} invalid station(s) was ignored`)
    }
    const reg = this.o.registry
    this.applying = true
    try {
      const want = new Set(valid.map((s) => s.id))
      for (const s of valid) {
        const cur = reg.get(s.id)
        if (!cur || !sameRecord(cur, s)) reg.upsert(s)
      }
      for (const s of reg.list()) if (!want.has(s.id)) reg.remove(s.id)
      this.stats.registryApplied++
    } finally {
      this.applying = false
    }
  }

  private applyRules(overrides: unknown): void {
    let parsed: RuleOverrides
    try {
      parsed = parseRuleOverrides(overrides, 'config/rules')
    } catch (e) {
      this.stats.invalid++
      return this.o.onFault(`config sync: rule overrides ignored: ${(e as Error).message}`)
    }
    this.o.rules.apply(parsed)
    this.stats.rulesApplied++
  }
}

/** Same content, whatever the key order. */
function sameRecord(a: StationRecord, b: StationRecord): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const k of keys)
    if (JSON.stringify((a as unknown as Record<string, unknown>)[k]) !== JSON.stringify((b as unknown as Record<string, unknown>)[k]))
      return false
  return true
}
