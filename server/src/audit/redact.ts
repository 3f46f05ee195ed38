/**
 * Secrets out of what the audit trail keeps (issue 13): any value under a key whose name ends in
 * password, passwd, pass, secret, token, hash, cookie, authorization, apikey, privatekey or pw
 * (any case: `password`, `secretHash`, `csrfToken`, `PW`) is replaced by `[redacted]` at any depth,
 * unless it is a boolean (`hasSecret: true`). In a URL (a webhook's, say: DingTalk and WeCom put the robot's token in it) the password
 * and the values of query parameters named like a token, key, secret or signature are redacted too.
 * A value too large to keep is replaced by a note of its size.
 */

const SECRET_KEY = /(password|passwd|pass|secret|token|hash|cookie|authorization|api_?key|private_?key|pw)$/i
/** Larger JSON than this is not kept in a record (bodies are at most 256 KB; stations and rules are < 4 KB). */
const MAX_JSON = 16 * 1024
const MAX_DEPTH = 12
const SECRET_PARAM = /(token|secret|key|sign|signature|password|pass|pw|auth)$/i

export const REDACTED = '[redacted]'

/** Whether a key's value is a secret by its name. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key)
}

/**
 * A copy of `value` with secrets redacted by key name, or undefined for undefined.
 * @example redact({ username: 'a', password: 'x' }) // { username: 'a', password: '[redacted]' }
 */
export function redact(value: unknown): unknown {
  if (value === undefined) return undefined
  const copy = walk(value, 0)
  const size = JSON.stringify(copy)?.length ?? 0
  return size > MAX_JSON ? { truncated: true, jsonLength: size } : copy
}

/** A URL with its password and secret-looking query values redacted; other strings as they are. */
function redactUrl(s: string): string {
  if (!/^https?:\/\//i.test(s)) return s
  let u: URL
  try {
    u = new URL(s)
  } catch {
    return s
  }
  let changed = false
  if (u.password) {
    u.password = 'redacted'
    changed = true
  }
  for (const k of [...u.searchParams.keys()]) {
    if (SECRET_PARAM.test(k)) {
      u.searchParams.set(k, REDACTED)
      changed = true
    }
  }
  return changed ? u.toString() : s
}

function walk(v: unknown, depth: number): unknown {
  if (typeof v === 'string') return redactUrl(v)
  if (v === null || typeof v !== 'object') return typeof v === 'bigint' || typeof v === 'function' || typeof v === 'symbol' ? String(v) : v
  if (depth >= MAX_DEPTH) return '[too deep]'
  if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(v as Record<string, unknown>))
    // A flag (`hasSecret: true`) says whether there is a secret, not what it is: kept.
    out[k] = isSecretKey(k) && x !== undefined && x !== null && x !== '' && typeof x !== 'boolean' ? REDACTED : walk(x, depth + 1)
  return out
}
