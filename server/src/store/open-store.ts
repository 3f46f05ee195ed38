/**
 * Open the configured store: the DuckDB file (embedded default) or InfluxDB (loaded only when
 * configured, so a DuckDB installation never loads the InfluxDB client).
 */
import type { Store } from '../../../shared/src/ports/store'
import type { Config } from '../config'
import { DuckDbStore } from './duckdb-store'

/** The configured store (DuckDB file, or InfluxDB). */
export async function openStore(store: Config['store']): Promise<Store> {
  if (store.kind === 'duckdb') return DuckDbStore.open({ path: store.path, memoryLimit: store.memoryLimit })
  const { InfluxStore } = await import('./influx-store')
  return InfluxStore.open(store)
}
