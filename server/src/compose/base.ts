/**
 * What every composition (one process, ingest node, server node) starts from: the cleanup stack,
 * the station secret, the registry, rule overrides and the store.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { StationRegistry, type StationRecord } from '../../../ingest/src/stations/station-registry'
import { parseRuleOverrides, type RuleOverrides } from '../../../shared/src/rules/standard-overrides'
import { writePrivateFileAtomic } from '../../../ingest/src/stations/private-file'
import { hashSecret, newSecret } from '../../../ingest/src/stations/secret-hash'
import { DuckDbStore } from '../store/duckdb-store'
import type { Store } from '../../../shared/src/ports/store'
import { demoStations } from '../../../simulator/src/select-stations'
import { stationPassword } from '../../../simulator/src/station-password'
import type { Config } from '../config'
import type { Logger } from '../log'

/** Shutdown steps, run in reverse order of registration; a failing step is logged, the rest still run. */
export class Cleanups {
  private readonly steps: (() => Promise<void> | void)[] = []

  constructor(private readonly log: Logger) {}

  push(step: () => Promise<void> | void): void {
    this.steps.push(step)
  }

  async run(): Promise<void> {
    for (const c of this.steps.splice(0).reverse()) {
      try {
        await c()
      } catch (e) {
        this.log.warn(`shutdown: ${(e as Error).message}`)
      }
    }
  }
}

/** The station secret: from the environment, else generated once into the data directory (never the repo). */
export function stationSecretOf(config: Config): string {
  if (config.stationSecret) return config.stationSecret
  const file = join(config.dataDir, 'station-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const s = newSecret()
  writePrivateFileAtomic(file, s + '\n')
  return s
}

/** The demo registry: the simulator's stations, each with a hashed password derived from the secret. */
function demoRegistry(config: Config, secret: string): StationRecord[] {
  return demoStations(config.simulator.stations, config.simulator.seed).map((s) => ({ ...s, secretHash: hashSecret(stationPassword(secret, s.id)) }))
}

/** The registry file, created from the demo stations when absent. */
export function loadRegistry(config: Config, secret: string): StationRegistry {
  return StationRegistry.load(config.registryFile, () => demoRegistry(config, secret))
}

/** Per-station rule overrides from the rules file (absent = none); a bad file fails start-up naming the field. */
export function ruleOverridesOf(file: string): RuleOverrides {
  if (!existsSync(file)) return {}
  return parseRuleOverrides(JSON.parse(readFileSync(file, 'utf8')), file)
}

/** Write the rules file atomically (a cluster node applying another node's change). */
export function saveRuleOverrides(file: string, overrides: RuleOverrides): void {
  mkdirSync(dirname(file), { recursive: true })
  const tmp = `${file}.tmp`
  writeFileSync(tmp, JSON.stringify(overrides, null, 1))
  renameSync(tmp, file)
}

/** The configured store (DuckDB file, or InfluxDB). */
export async function openStore(config: Config): Promise<Store> {
  if (config.store.kind === 'duckdb') return DuckDbStore.open({ path: config.store.path })
  const { InfluxStore } = await import('../store/influx-store')
  return InfluxStore.open(config.store)
}
