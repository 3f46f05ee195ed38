/**
 * Small durable JSON files: written to a temporary file, fsynced, then renamed over the target,
 * so a crash leaves either the old or the new content, never a torn file.
 */
import { closeSync, existsSync, fchmodSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * Write `value` as JSON atomically, the file with `mode` (0o600 for files that may hold secrets,
 * such as webhook secrets in recipients.json).
 */
export function writeJsonAtomic(file: string, value: unknown, mode = 0o600): void {
  mkdirSync(dirname(file), { recursive: true })
  const tmp = `${file}.tmp`
  const fd = openSync(tmp, 'w', mode)
  try {
    // open's mode is reduced by the umask and ignored for a leftover .tmp of a crash (issue 15).
    fchmodSync(fd, mode)
    writeSync(fd, JSON.stringify(value, null, 1) + '\n')
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(tmp, file)
}

/** Read a JSON file; undefined when it does not exist. Throws naming the file on bad JSON. */
export function readJsonFile(file: string): unknown {
  if (!existsSync(file)) return undefined
  const text = readFileSync(file, 'utf8')
  try {
    return JSON.parse(text) as unknown
  } catch (e) {
    throw new Error(`${file}: invalid JSON: ${(e as Error).message}`, { cause: e })
  }
}
