/**
 * The installation's station secret, from which the demo stations' and demo users' passwords are
 * derived: from the environment (STATION_SECRET), else generated once into the data directory
 * (never the repository) and read from there on later starts.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { writePrivateFileAtomic } from './private-file'
import { newSecret } from './secret-hash'

/** The station secret: `fromEnv` when set, else `<dataDir>/station-secret` (created 0600 when absent). */
export function stationSecretOf(dataDir: string, fromEnv?: string): string {
  if (fromEnv) return fromEnv
  const file = join(dataDir, 'station-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const s = newSecret()
  writePrivateFileAtomic(file, s + '\n')
  return s
}
