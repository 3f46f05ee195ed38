/**
 * The audit trail of user actions (issue 13) as `GET /api/audit` serves it (server/src/audit/), and
 * the annotation a route handler leaves for it in `res.locals.audit`. Read by the admin's audit
 * tab (client/src/admin).
 */

/**
 * What a handler tells the audit trail about the change it made, in `res.locals.audit`: a name for
 * the action (`station.update`, `alert.ack`, `review.mark`...), what it acted on (an id), and the
 * state before and after. Never put secrets in `before`/`after`: the trail also redacts them by key
 * name, but the handler knows best.
 * @example res.locals.audit = { action: 'user.update', target: user.username, before: { role: 'viewer' }, after: { role: 'analyst' } }
 */
export interface AuditAnnotation {
  action: string
  target: string
  before?: unknown
  after?: unknown
}

/** One record of the trail: one state-changing request and what it did. */
export interface AuditRecord {
  /** Per node, from 1, with no gaps. */
  seq: number
  /** When the response was finished (ISO 8601, UTC). */
  ts: string
  /** The server node that wrote it (`main` in one process; `server-<SERVER_ID>` in a cluster). */
  node: string
  /** The session's username; for a login attempt, the username tried; `anonymous` otherwise. */
  user: string
  /** The session's role; null without a session. */
  role: string | null
  /** The client address (the socket's, or from X-Forwarded-For behind a TRUST_PROXY proxy). */
  address: string
  method: string
  /** The route pattern (`/api/admin/stations/:id`); null when no route answered (e.g. 404). */
  route: string | null
  /** The path as requested (no query string). */
  path: string
  params: Record<string, string>
  /** The query string's parameters, when there were any (redacted like the body). */
  query?: Record<string, string | string[]>
  /** The request body with secrets redacted by key name (passwords, secrets, tokens, hashes). */
  body?: unknown
  /** The response status; `complete: false` when the client went away before the response ended. */
  status: number
  complete: boolean
  /** The handler's action name, or `<METHOD> <route>` when it set none. */
  action: string
  target?: string
  before?: unknown
  after?: unknown
  /** Throttled (429) requests from this address not recorded since the last one that was (at most 20 are per 10 min). */
  suppressed?: number
  /** SHA-256 (hex) of the previous record's line in this node's chain ('' for the first). */
  prev: string
  /** SHA-256 (hex) of this record without `hash`, as written: `sha256(prev + json)`. */
  hash: string
}

/** `GET /api/audit` (JSON): newest first. */
export interface AuditPage {
  records: AuditRecord[]
  /** How many records matched the filter (all pages). */
  total: number
  offset: number
  limit: number
}

/** `GET /api/audit/verify`: the hash chain of each node's files checked end to end. */
export interface AuditVerifyResult {
  ok: boolean
  nodes: { node: string; records: number; ok: boolean; problem?: string }[]
}
