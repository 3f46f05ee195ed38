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
 * disk). A login attempt is recorded: the login route answers it. But requests refused as too many
 * (429, the login throttle) are recorded at most {@link THROTTLED_PER_WINDOW} per address per
 * 10 minutes: the rest are counted, and the next one recorded from that address says how many
 * (`suppressed`), so an attack that goes on for days costs little disk and is still on record.
 */
import type { Request, RequestHandler, Response } from 'express'
import type { AuditAnnotation } from '../../../shared/src/protocol/http/audit'
import type { AuditLog } from './audit-log'
import { redact } from './redact'

const READS = new Set(['GET', 'HEAD', 'OPTIONS'])
/** Throttled (429) requests recorded per address per window; the rest counted. */
export const THROTTLED_PER_WINDOW = 20
const THROTTLE_WINDOW_MS = 10 * 60_000
/** Addresses followed at once (the oldest forgotten first). */
const MAX_ADDRESSES = 10_000

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
  /** Clock for the throttled sampling (tests). */
  now?: () => number
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
  const throttled = new ThrottledSampler(o.now ?? Date.now)
  return (req, res, next) => {
    if (READS.has(req.method)) return next()
    const matched = watchRoute(req)
    let done = false
    const record = (complete: boolean) => {
      if (done) return
      done = true
      try {
        write(o, throttled, req, res, matched(), complete)
      } catch (e) {
        o.onError?.(e as Error)
      }
    }
    res.once('finish', () => record(true))
    res.once('close', () => record(false))
    next()
  }
}

function write(
  o: AuditTrailOptions,
  throttled: ThrottledSampler,
  req: Request,
  res: Response,
  m: Matched | undefined,
  complete: boolean,
): void {
  const { user, role } = o.who(req)
  if (!m && role === null) return
  const address = req.ip ?? req.socket.remoteAddress ?? 'unknown'
  const suppressed = res.statusCode === 429 ? throttled.take(address) : 0
  if (suppressed < 0) return
  const note = res.locals.audit
  const [path, search] = (req.originalUrl || req.url).split('?') as [string, string | undefined]
  const query = queryOf(search)
  o.log.append({
    user,
    role,
    address,
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
    ...(suppressed > 0 ? { suppressed } : {}),
  })
}

/** Which throttled requests of an address are recorded: the first of each window, then counted. */
class ThrottledSampler {
  private readonly by = new Map<string, { since: number; recorded: number; skipped: number }>()
  constructor(private readonly now: () => number) {}

  /** -1: do not record; otherwise record, with how many were skipped before it. */
  take(address: string): number {
    const t = this.now()
    let s = this.by.get(address)
    if (!s || t - s.since >= THROTTLE_WINDOW_MS) {
      const skipped = s?.skipped ?? 0
      this.by.delete(address)
      s = { since: t, recorded: 0, skipped }
      this.by.set(address, s)
      if (this.by.size > MAX_ADDRESSES) this.by.delete(this.by.keys().next().value!)
    }
    if (s.recorded >= THROTTLED_PER_WINDOW) {
      s.skipped++
      return -1
    }
    s.recorded++
    const skipped = s.skipped
    s.skipped = 0
    return skipped
  }
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
