/**
 * The files under DATA_DIR (and REGISTRY_FILE) that hold secrets, and the start-up check that
 * they are owner-only (issue 15). A file found readable by group or others, e.g. a stations.json
 * written by an older version (0644) or copied in by hand, is tightened to 0600 with a warning
 * rather than refusing to start: the fix is safe and obvious, and a monitoring system that stays
 * down over a file mode serves nobody. docs/deployment.md, "Secret files".
 */
import { join } from 'node:path'
import { tightenPrivateFile } from '../../../ingest/src/stations/private-file'
import type { Config } from '../config'
import type { Logger } from '../log'

/** Every file that holds a secret or a hash of one; all are written 0600. */
export function secretFiles(config: Pick<Config, 'dataDir' | 'registryFile'>): string[] {
  return [
    join(config.dataDir, 'station-secret'), // the installation's station secret
    config.registryFile, // stations' secret hashes
    join(config.dataDir, 'users.json'), // password hashes
    join(config.dataDir, 'sessions.json'), // session token hashes and CSRF tokens
    join(config.dataDir, 'notify', 'recipients.json'), // webhook secrets, URLs with access tokens
  ]
}

/**
 * Chmod every existing secret file that group or others may access to 0600, warning for each.
 * Returns the files tightened.
 */
export function tightenSecretFiles(config: Pick<Config, 'dataDir' | 'registryFile'>, log: Pick<Logger, 'warn'>): string[] {
  const tightened: string[] = []
  for (const file of secretFiles(config)) {
    const was = tightenPrivateFile(file)
    if (was === undefined) continue
    log.warn(`${file} holds secrets but was mode ${was.toString(8).padStart(3, '0')} (readable beyond its owner); tightened to 600`)
    tightened.push(file)
  }
  return tightened
}
