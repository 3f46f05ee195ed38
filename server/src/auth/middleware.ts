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
    if (!perm)
      return next(
        auth ? new HttpError(404, 'not-found', `no route ${req.method} ${req.path}`) : new HttpError(401, 'unauthorized', 'log in first'),
      )
    if (perm.access === 'public') return next()
    if (!auth) return next(new HttpError(401, 'unauthorized', 'log in first'))
    if (!allows(perm.access, auth.session.role))
      return next(new HttpError(403, 'forbidden', `the ${auth.session.role} role may not ${req.method} ${perm.path}`))
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
