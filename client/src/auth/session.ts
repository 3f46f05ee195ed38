/**
 * The operator's session. The server authenticates every API route and the socket with a session
 * cookie and wants the session's CSRF token on state-changing requests (server/src/auth). This
 * store checks the session at start, logs in and out, and drops back to the login screen when the
 * server says the session is gone (401).
 */
import { useSyncExternalStore } from 'react'
import { ApiError, api, setCsrfToken, setUnauthorizedHandler, type SessionUser } from '../data/api'

/**
 * Session state. `authenticated` without a user means the server has no login at all (no
 * /api/auth routes): everything is allowed and the server stays the judge.
 */
export type SessionState =
  { state: 'checking' } | { state: 'anonymous'; expired?: boolean } | { state: 'authenticated'; user?: SessionUser }

let current: SessionState = { state: 'checking' }
const listeners = new Set<() => void>()

function set(next: SessionState): void {
  current = next
  setCsrfToken(next.state === 'authenticated' ? csrf : undefined)
  for (const l of listeners) l()
}

let csrf: string | undefined

/** Ask the server who we are (at start). */
export async function checkSession(): Promise<void> {
  try {
    const me = await api.me()
    csrf = me.csrfToken
    set({ state: 'authenticated', user: me.user })
  } catch (e) {
    set(e instanceof ApiError && e.status === 404 ? { state: 'authenticated' } : { state: 'anonymous' })
  }
}

/**
 * Ask the server again whether the session is alive (e.g. the socket was refused or closed by the
 * server): a 401 returns to the login screen saying the session expired and resolves false; a
 * network failure changes nothing (true: nothing says the session ended).
 */
export async function recheckSession(): Promise<boolean> {
  if (current.state !== 'authenticated' || !current.user) return current.state === 'authenticated'
  try {
    await api.me()
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      set({ state: 'anonymous', expired: true })
      return false
    }
  }
  return true
}

/**
 * Log in; resolves once the session is set.
 * @throws ApiError (bad-credentials, too-many-attempts…) for the form to show
 */
export async function login(username: string, password: string): Promise<void> {
  const r = await api.login(username, password)
  csrf = r.csrfToken
  set({ state: 'authenticated', user: r.user })
}

/** Log out and reload (drops every live subscription and cached datum). */
export async function logout(): Promise<void> {
  try {
    await api.logout()
  } finally {
    window.location.reload()
  }
}

setUnauthorizedHandler(() => {
  if (current.state === 'authenticated') set({ state: 'anonymous', expired: true })
})

/** Whether the role may acknowledge and resolve alerts (server/src/auth/roles.ts: operator, admin). */
export function canActOnAlerts(s: SessionState): boolean {
  return s.state === 'authenticated' && (!s.user || s.user.role === 'operator' || s.user.role === 'admin')
}

/** Whether the role may export CSV (analyst, reviewer, admin). */
export function canExport(s: SessionState): boolean {
  return s.state === 'authenticated' && (!s.user || s.user.role === 'analyst' || s.user.role === 'reviewer' || s.user.role === 'admin')
}

/** Whether the role may mark, correct and sign off data (reviewer, admin; issue 13). */
export function canReview(s: SessionState): boolean {
  return s.state === 'authenticated' && (!s.user || s.user.role === 'reviewer' || s.user.role === 'admin')
}

/** Whether the role may read long history, export and analyse (analyst, admin). */
export function canAnalyze(s: SessionState): boolean {
  return canExport(s)
}

/** Whether the role may administer stations, users and notifications (admin). */
export function isAdmin(s: SessionState): boolean {
  return s.state === 'authenticated' && (!s.user || s.user.role === 'admin')
}

/** The current session state. */
export function getSession(): SessionState {
  return current
}

const subscribe = (cb: () => void) => {
  listeners.add(cb)
  return () => listeners.delete(cb)
}

/** The session, re-rendering on login / logout / expiry. */
export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, getSession)
}
