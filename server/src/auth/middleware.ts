/**
 * Request authentication and authorization: the session cookie → `req.auth`, then the
 * PERMISSIONS table decides (401 without a session, 403 for a role not allowed, deny by default),
 * and state-changing requests must carry the session's CSRF token in `X-CSRF-Token`.
 * The same session authenticates socket.io connections.
 */
import type { IncomingMessage } from 'node:http'
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { HttpError } from '../http/errors'
import { allows, permissionFor, type Role } from './roles'
import { SessionStore, type Session } from './sessions'

export const SESSION_COOKIE = 'envmon_sid'

export interface AuthInfo {
  sessionId: string
  session: Session
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AuthInfo
  }
}

/** Parse one cookie from a Cookie header (no dependency; values are base64url). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return undefined
}

/** The session of an HTTP request or socket handshake. */
export function sessionOf(sessions: SessionStore, req: IncomingMessage): AuthInfo | undefined {
  const id = readCookie(req.headers.cookie, SESSION_COOKIE)
  const session = sessions.get(id)
  return session && id ? { sessionId: id, session } : undefined
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Enforce PERMISSIONS on everything under the router it is mounted on (/api). */
export function authorize(sessions: SessionStore): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const auth = sessionOf(sessions, req)
    if (auth) req.auth = auth
    const perm = permissionFor(req.method, req.path)
    if (!perm) return next(auth ? new HttpError(404, 'not-found', `no route ${req.method} ${req.path}`) : new HttpError(401, 'unauthorized', 'log in first'))
    if (perm.access === 'public') return next()
    if (!auth) return next(new HttpError(401, 'unauthorized', 'log in first'))
    if (!allows(perm.access, auth.session.role)) return next(new HttpError(403, 'forbidden', `the ${auth.session.role} role may not ${req.method} ${perm.path}`))
    if (MUTATING.has(req.method) && !SessionStore.csrfMatches(auth.session, req.get('x-csrf-token'))) {
      return next(new HttpError(403, 'csrf', 'missing or wrong X-CSRF-Token header'))
    }
    next()
  }
}

/** Require one of the roles inside a handler (for finer rules than the table, e.g. history length). */
export function assertRole(req: Request, roles: readonly Role[], what: string): void {
  const role = req.auth?.session.role
  if (!role) throw new HttpError(401, 'unauthorized', 'log in first')
  if (!roles.includes(role)) throw new HttpError(403, 'forbidden', `the ${role} role may not ${what}`)
}

/** Who is acting, for alert actions and audit. */
export function actorOf(req: Request): string {
  return req.auth?.session.username ?? 'anonymous'
}

/** socket.io middleware: the same session cookie, or the connection is refused with err.data. */
export function socketAuth(sessions: SessionStore) {
  return (socket: { request: IncomingMessage; data: Record<string, unknown> }, next: (err?: Error) => void) => {
    const auth = sessionOf(sessions, socket.request)
    if (!auth) {
      const err = new Error('unauthorized') as Error & { data?: unknown }
      err.data = { code: 'unauthorized', message: 'log in first' }
      return next(err)
    }
    socket.data.auth = auth
    socket.data.sessionHash = SessionStore.hashOf(auth.sessionId)
    next()
  }
}

/**
 * Login throttle: at most `max` failures per (client address, username) and per address in a
 * sliding window; further attempts get 429 until the window passes.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>()
  constructor(
    private readonly max = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const t = this.now()
    const list = (this.failures.get(key) ?? []).filter((x) => t - x < this.windowMs)
    if (list.length) this.failures.set(key, list)
    else this.failures.delete(key)
    return list
  }

  /** Seconds to wait, or 0 when an attempt is allowed. */
  retryAfter(ip: string, username: string): number {
    for (const [key, max] of [[`${ip}|${username.toLowerCase()}`, this.max], [ip, this.max * 4]] as const) {
      const list = this.recent(key)
      if (list.length >= max) return Math.ceil((list[0]! + this.windowMs - this.now()) / 1000)
    }
    return 0
  }

  fail(ip: string, username: string): void {
    const t = this.now()
    for (const key of [`${ip}|${username.toLowerCase()}`, ip]) this.failures.set(key, [...this.recent(key), t])
    if (this.failures.size > 100_000) this.failures.clear()
  }

  succeed(ip: string, username: string): void {
    this.failures.delete(`${ip}|${username.toLowerCase()}`)
  }
}
