/**
 * Files that hold secrets (station secret, station and user hashes, sessions, webhook secrets)
 * are owner-only, 0600, from their first byte and across every rewrite (issue 15: stations.json
 * was created 0644). Node-only, like secret-hash.ts beside it.
 */
import { chmodSync, closeSync, existsSync, fchmodSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

/** Owner read and write, nothing for group and others. */
export const PRIVATE_MODE = 0o600

/**
 * Write `text` to `file` atomically (temporary file, fsync, rename) with mode 0600. The
 * temporary file is chmod-ed before the first byte: `open`'s mode applies only to a new file
 * (a leftover `.tmp` of a crash keeps its old mode) and is reduced by the umask.
 *
 * @example
 * writePrivateFileAtomic('data/stations.json', JSON.stringify(doc))
 */
export function writePrivateFileAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true })
  const tmp = `${file}.tmp`
  const fd = openSync(tmp, 'w', PRIVATE_MODE)
  try {
    fchmodSync(fd, PRIVATE_MODE)
    writeSync(fd, text)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(tmp, file)
}

/**
 * If `file` exists and group or others may read, write or execute it, chmod it to 0600 and return
 * its former permission bits; otherwise undefined. Run at start-up on every secret file.
 *
 * @example
 * const was = tightenPrivateFile('data/users.json')
 * if (was !== undefined) log.warn(`data/users.json was ${was.toString(8)}; now 600`)
 */
export function tightenPrivateFile(file: string): number | undefined {
  if (!existsSync(file)) return undefined
  const mode = statSync(file).mode & 0o777
  if ((mode & 0o077) === 0) return undefined
  chmodSync(file, PRIVATE_MODE)
  return mode
}
