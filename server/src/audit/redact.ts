/**
 * Secrets out of what the audit trail keeps (issue 13): any value under a key whose name ends in
 * password, passwd, pass, secret, token, hash, cookie, authorization, apikey, privatekey or pw
 * (any case: `password`, `secretHash`, `csrfToken`, `PW`) is replaced by `[redacted]`, at any
 * depth. A value too large to keep is replaced by a note of its size.
 */

const SECRET_KEY = /(password|passwd|pass|secret|token|hash|cookie|authorization|api_?key|private_?key|pw)$/i
/** Larger JSON than this is not kept in a record (bodies are at most 256 KB; stations and rules are < 4 KB). */
const MAX_JSON = 16 * 1024
const MAX_DEPTH = 12

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

function walk(v: unknown, depth: number): unknown {
  if (v === null || typeof v !== 'object') return typeof v === 'bigint' || typeof v === 'function' || typeof v === 'symbol' ? String(v) : v
  if (depth >= MAX_DEPTH) return '[too deep]'
  if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(v as Record<string, unknown>))
    out[k] = isSecretKey(k) && x !== undefined && x !== null && x !== '' ? REDACTED : walk(x, depth + 1)
  return out
}
