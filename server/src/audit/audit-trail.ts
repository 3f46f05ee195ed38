/**
 * The audit trail's express middleware (issue 13): every state-changing request (any method but
 * GET, HEAD and OPTIONS) is appended to the {@link AuditLog} once its response has ended, with who
 * (the session's user and role), from where (req.ip: the socket's address, or X-Forwarded-For
 * from a TRUST_PROXY proxy, as the login throttle sees it), the route pattern and its params, the
 * body with secrets redacted by key name, the status, and what the handler said it did in
 * `res.locals.audit` ({@link AuditAnnotation}). Installed before every router (server/src/http/app.ts),
 * so a route added later is on record without doing anything; a handler adds the meaning.
 *
 * Not recorded: requests without a session that no route answered (an anonymous POST to a
 * made-up path is refused with 401 before any route; recording those would let anyone fill the
 * disk). A login attempt is always recorded: the login route answers it.
 */
import type { Request, RequestHandler, Response } from 'express'
import type { AuditAnnotation } from '../../../shared/src/protocol/http/audit'
import type { AuditLog } from './audit-log'
import { redact } from './redact'

const READS = new Set(['GET', 'HEAD', 'OPTIONS'])

declare module 'express-serve-static-core' {
  interface Locals {
    /** What the handler did, for the audit trail (server/src/audit/audit-trail.ts). */
    audit?: AuditAnnotation
  }
}

export interface AuditTrailOptions {
  log: AuditLog
  /** Who is acting: the session's user, or for a login attempt the username tried. */
  who: (req: Request) => { user: string; role: string | null }
  /** Told of a record that could not be made (never fails the request). */
  onError?: (e: Error) => void
}

/** Where the route that answered was mounted, what it matched, and with which params. */
interface Matched {
  pattern: string
  params: Record<string, string>
}

/**
 * The middleware; mount it on the app before any router.
 * @example app.use(auditTrail({ log, who: (req) => ({ user: req.auth?.session.username ?? 'anonymous', role: req.auth?.session.role ?? null }) }))
 */
export function auditTrail(o: AuditTrailOptions): RequestHandler {
  return (req, res, next) => {
    if (READS.has(req.method)) return next()
    const matched = watchRoute(req)
    let done = false
    const record = (complete: boolean) => {
      if (done) return
      done = true
      try {
        write(o, req, res, matched(), complete)
      } catch (e) {
        o.onError?.(e as Error)
      }
    }
    res.once('finish', () => record(true))
    res.once('close', () => record(false))
    next()
  }
}

function write(o: AuditTrailOptions, req: Request, res: Response, m: Matched | undefined, complete: boolean): void {
  const { user, role } = o.who(req)
  if (!m && role === null) return
  const note = res.locals.audit
  const [path, search] = (req.originalUrl || req.url).split('?') as [string, string | undefined]
  const query = queryOf(search)
  o.log.append({
    user,
    role,
    address: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    method: req.method,
    route: m?.pattern ?? null,
    path,
    params: m?.params ?? {},
    ...(query ? { query: redact(query) as Record<string, string | string[]> } : {}),
    ...(req.body !== undefined ? { body: redact(req.body) } : {}),
    status: res.statusCode,
    complete,
    action: typeof note?.action === 'string' && note.action ? note.action : `${req.method} ${m?.pattern ?? path}`,
    ...(note?.target !== undefined ? { target: String(note.target) } : {}),
    ...(note && 'before' in note ? { before: redact(note.before) } : {}),
    ...(note && 'after' in note ? { after: redact(note.after) } : {}),
  })
}

/** The query string as an object (a repeated name as a list), or undefined when there is none. */
function queryOf(search: string | undefined): Record<string, string | string[]> | undefined {
  if (!search) return undefined
  const out: Record<string, string | string[]> = {}
  for (const [k, v] of new URLSearchParams(search)) {
    const had = out[k]
    out[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v]
  }
  return Object.keys(out).length ? out : undefined
}

/**
 * Follow `req.route` as the routers set it: express assigns it when a route layer matches (and
 * again when the route dispatches), while `req.baseUrl` still holds the mount path and
 * `req.params` the route's params. Both are put back when a request leaves a nested router (on an
 * error, say), so they are caught as they are set rather than read when the response ends.
 */
function watchRoute(req: Request): () => Matched | undefined {
  let route: unknown
  let matched: Matched | undefined
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set(v: { path?: unknown } | undefined) {
      route = v
      if (v && typeof v.path === 'string')
        matched = { pattern: `${req.baseUrl}${v.path}`, params: { ...(req.params as Record<string, string>) } }
    },
  })
  return () => matched
}
