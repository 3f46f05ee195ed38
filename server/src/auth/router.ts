/**
 * Login, logout and the current user (`/api/auth/*`), and user administration
 * (`/api/admin/users`, admin role by the PERMISSIONS table).
 */
import { Router, type Response } from 'express'
import { z } from 'zod'
import { HttpError, notFound, parse } from '../http/errors'
import { LoginThrottle, type ThrottleScope } from './login-throttle'
import { SESSION_COOKIE } from './middleware'
import { ROLES } from './roles'
import type { SessionStore } from './sessions'
import { USERNAME, type User, type UserStore } from './users'

export interface AuthRouterOptions {
  users: UserStore
  sessions: SessionStore
  throttle?: LoginThrottle
  /** Set the cookie's Secure attribute (behind HTTPS). */
  secureCookie: boolean
  /** Told of every attempt the throttle refuses (for the log: an account under attack shows there). */
  onThrottled?: (info: { username: string; ip: string; scope: ThrottleScope; seconds: number }) => void
}

const loginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) })
const createBody = z.object({
  username: z.string().regex(USERNAME),
  name: z.string().max(100).optional(),
  role: z.enum(ROLES),
  password: z.string().min(1).max(256),
})
const patchBody = z.object({
  name: z.string().max(100).optional(),
  role: z.enum(ROLES).optional(),
  password: z.string().min(1).max(256).optional(),
  disabled: z.boolean().optional(),
})

/** A user as the audit trail keeps it (no id noise, no hash: `User` has none). */
function auditedUser(u: User): Pick<User, 'username' | 'name' | 'role'> & { disabled: boolean } {
  return { username: u.username, name: u.name, role: u.role, disabled: u.disabled === true }
}

export function authRouter(o: AuthRouterOptions): Router {
  const r = Router()
  const throttle = o.throttle ?? new LoginThrottle()
  const setCookie = (res: Response, value: string, maxAgeS: number) => {
    res.setHeader(
      'Set-Cookie',
      `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${o.secureCookie ? '; Secure' : ''}`,
    )
  }

  r.post('/auth/login', async (req, res) => {
    const tried = (req.body as { username?: unknown } | undefined)?.username
    // The audit trail (server/src/audit) records every attempt with its address; this says how it went.
    res.locals.audit = { action: 'auth.login-failed', target: typeof tried === 'string' ? tried.slice(0, 64) : '' }
    const body = parse(loginBody, req.body)
    // req.ip is the socket's address unless TRUST_PROXY names the proxy (server/src/http/app.ts).
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown'
    const refused = throttle.check(ip, body.username)
    if (refused) {
      res.locals.audit = {
        action: 'auth.login-throttled',
        target: body.username,
        after: { scope: refused.scope, retryAfterSeconds: refused.seconds },
      }
      o.onThrottled?.({ username: body.username, ip, ...refused })
      res.setHeader('Retry-After', String(refused.seconds))
      throw new HttpError(429, 'too-many-attempts', `too many failed logins; try again in ${refused.seconds} s`)
    }
    const user = await o.users.verify(body.username, body.password)
    if (!user) {
      throttle.fail(ip, body.username)
      throw new HttpError(401, 'bad-credentials', 'wrong username or password')
    }
    throttle.succeed(ip, body.username)
    res.locals.audit = { action: 'auth.login', target: user.username, after: { role: user.role } }
    const { id, session } = o.sessions.create(user)
    setCookie(res, id, 7 * 86_400)
    res.json({ user, csrfToken: session.csrf })
  })

  r.post('/auth/logout', (req, res) => {
    res.locals.audit = { action: 'auth.logout', target: req.auth?.session.username ?? '' }
    o.sessions.destroy(req.auth?.sessionId)
    setCookie(res, '', 0)
    res.json({ ok: true })
  })

  r.get('/auth/me', (req, res) => {
    const s = req.auth!.session
    const user = o.users.get(s.userId)
    if (!user) throw new HttpError(401, 'unauthorized', 'user no longer exists')
    res.json({ user, csrfToken: s.csrf })
  })

  r.get('/admin/users', (_req, res) => {
    res.json({ users: o.users.list() })
  })

  r.post('/admin/users', async (req, res) => {
    const tried = (req.body as { username?: unknown } | undefined)?.username
    res.locals.audit = { action: 'user.create', target: typeof tried === 'string' ? tried.slice(0, 64) : '' }
    const body = parse(createBody, req.body)
    try {
      const user = await o.users.create(body)
      res.locals.audit.after = auditedUser(user)
      res.status(201).json(user)
    } catch (e) {
      throw new HttpError(409, 'invalid-user', (e as Error).message)
    }
  })

  r.patch('/admin/users/:id', async (req, res) => {
    const before = o.users.get(req.params.id)
    res.locals.audit = {
      action: 'user.update',
      target: before?.username ?? req.params.id,
      ...(before ? { before: auditedUser(before) } : {}),
    }
    const body = parse(patchBody, req.body)
    if (req.params.id === req.auth!.session.userId && ((body.role !== undefined && body.role !== 'admin') || body.disabled)) {
      throw new HttpError(409, 'self-lockout', 'an admin cannot demote or disable themselves')
    }
    let user
    try {
      user = await o.users.update(req.params.id, body)
    } catch (e) {
      throw new HttpError(400, 'invalid-user', (e as Error).message)
    }
    if (!user) throw notFound(`no user ${req.params.id}`)
    // The password itself never reaches the trail, only that it was changed.
    res.locals.audit.after = { ...auditedUser(user), ...(body.password !== undefined ? { passwordChanged: true } : {}) }
    if (body.role !== undefined || body.password !== undefined || body.disabled) o.sessions.destroyUser(user.id)
    res.json(user)
  })

  r.delete('/admin/users/:id', (req, res) => {
    const before = o.users.get(req.params.id)
    res.locals.audit = {
      action: 'user.delete',
      target: before?.username ?? req.params.id,
      ...(before ? { before: auditedUser(before) } : {}),
    }
    if (req.params.id === req.auth!.session.userId) throw new HttpError(409, 'self-lockout', 'an admin cannot delete themselves')
    if (!o.users.remove(req.params.id)) throw notFound(`no user ${req.params.id}`)
    o.sessions.destroyUser(req.params.id)
    res.json({ ok: true })
  })

  return r
}
