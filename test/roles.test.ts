/**
 * Login and roles: every API route in the PERMISSIONS table answers 401 without a session and 403
 * for each role it does not list; state changes need the CSRF token; sockets need a session;
 * login is rate-limited; the session cookie is HttpOnly and SameSite=Strict.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io } from 'socket.io-client'
import { PERMISSIONS, ROLES, type Role } from '../server/src/auth/roles'
import { startTestSystem, type TestSystem } from './helpers/start-system'

let sys: TestSystem
beforeAll(async () => {
  sys = await startTestSystem()
})
afterAll(async () => {
  await sys?.stop()
})

const guarded = PERMISSIONS.filter((p) => p.access !== 'public')
const body = (method: string) =>
  method === 'GET' || method === 'DELETE' ? {} : { headers: { 'content-type': 'application/json' }, body: '{}' }

describe('every guarded route', () => {
  it.each(guarded.map((p) => ({ ...p, name: `${p.method} ${p.path}` })))('$name: 401 without a session', async (p) => {
    const res = await sys.apiAs(null, `/api${p.sample}`, { method: p.method, ...body(p.method) })
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } })
  })

  const denied = guarded.flatMap((p) =>
    ROLES.filter((r) => !(p.access as readonly Role[]).includes(r)).map((role) => ({
      ...p,
      role,
      name: `${p.method} ${p.path} as ${role}`,
    })),
  )
  it.each(denied)('$name: 403', async (p) => {
    const res = await sys.apiAs(p.role, `/api${p.sample}`, { method: p.method, ...body(p.method) })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } })
  })

  const allowed = guarded.flatMap((p) =>
    (p.access as readonly Role[]).map((role) => ({ ...p, role, name: `${p.method} ${p.path} as ${role}` })),
  )
  it.each(allowed.filter((p) => !p.path.startsWith('/auth/logout')))('$name: passes the role check', async (p) => {
    const res = await sys.apiAs(p.role, `/api${p.sample}`, { method: p.method, ...body(p.method) })
    expect([401, 403]).not.toContain(res.status)
  })
})

describe('public routes', () => {
  it.each(['/api/health', '/api/public/aqi', '/api/openapi.json'])('%s answers without a session', async (path) => {
    const res = await sys.apiAs(null, path)
    expect(res.status).toBe(200)
  })

  it('health without a session shows no internals', async () => {
    const h = (await (await sys.apiAs(null, '/api/health')).json()) as Record<string, unknown>
    expect(h).toMatchObject({ status: 'ok' })
    expect(h.ingest).toBeUndefined()
  })

  it('an unknown API path without a session is 401, not a map of routes', async () => {
    expect((await sys.apiAs(null, '/api/nothing-here')).status).toBe(401)
    expect((await sys.apiAs('viewer', '/api/nothing-here')).status).toBe(404)
  })
})

describe('history and export by role', () => {
  const longRange = `/api/stations/DG-AIR-01/series?metric=pm25&from=${Date.now() - 30 * 86_400_000}&every=1d`
  it.each([
    ['viewer', 403],
    ['operator', 403],
    ['analyst', 200],
    ['reviewer', 200],
    ['admin', 200],
  ] as const)('%s reading 30 days of history gets %i', async (role, status) => {
    expect((await sys.apiAs(role, longRange)).status).toBe(status)
  })

  it.each([
    ['viewer', 403],
    ['analyst', 200],
    ['reviewer', 200],
  ] as const)('%s exporting CSV gets %i', async (role, status) => {
    expect((await sys.apiAs(role, '/api/stations/DG-AIR-01/series?metric=pm25&format=csv')).status).toBe(status)
  })

  it('a viewer reads the last day for the station trend', async () => {
    expect((await sys.apiAs('viewer', '/api/stations/DG-AIR-01/series?metric=pm25')).status).toBe(200)
  })
})

describe('sessions', () => {
  it('a state change without the CSRF token is refused', async () => {
    const { cookie } = await sys.login('operator')
    const res = await fetch(`${sys.url}/api/alerts/x/ack`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{}',
    })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ error: { code: 'csrf' } })
  })

  it('the session cookie is HttpOnly and SameSite=Strict', async () => {
    const res = await fetch(`${sys.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'demo-viewer',
        password: (await import('../server/src/auth/demo-users')).demoPassword('test-station-secret', 'viewer'),
      }),
    })
    const c = res.headers.get('set-cookie') ?? ''
    expect(c).toMatch(/envmon_sid=/)
    expect(c).toMatch(/HttpOnly/)
    expect(c).toMatch(/SameSite=Strict/)
  })

  it('logout ends the session', async () => {
    const res = await fetch(`${sys.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'demo-analyst',
        password: (await import('../server/src/auth/demo-users')).demoPassword('test-station-secret', 'analyst'),
      }),
    })
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!
    const { csrfToken } = (await res.json()) as { csrfToken: string }
    expect((await fetch(`${sys.url}/api/auth/me`, { headers: { cookie } })).status).toBe(200)
    expect((await fetch(`${sys.url}/api/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } })).status).toBe(200)
    expect((await fetch(`${sys.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401)
  })

  it('a socket without a session is refused with a reason', async () => {
    const s = io(sys.url, { transports: ['websocket'], reconnection: false })
    const err = await new Promise<Error & { data?: unknown }>((resolve) => s.once('connect_error', resolve))
    s.disconnect()
    expect(err.message).toBe('unauthorized')
    expect(err.data).toMatchObject({ code: 'unauthorized' })
  })

  it.each(ROLES)('a socket logged in as %s receives live events', async (role) => {
    const s = await sys.socket({}, role)
    expect(s.connected).toBe(true)
    s.disconnect()
  })

  it("ending a session closes that session's live sockets, and only those", async () => {
    const res = await fetch(`${sys.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'demo-operator',
        password: (await import('../server/src/auth/demo-users')).demoPassword('test-station-secret', 'operator'),
      }),
    })
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!
    const { csrfToken } = (await res.json()) as { csrfToken: string }
    const mine = io(sys.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } })
    await new Promise<void>((r) => mine.once('connect', () => r()))
    const other = await sys.socket({}, 'operator') // the same user's other session
    const closed = new Promise<string>((r) => mine.once('disconnect', r))
    expect((await fetch(`${sys.url}/api/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } })).status).toBe(200)
    expect(await closed).toBe('io server disconnect')
    // It cannot come back on the ended session.
    mine.connect()
    expect(await new Promise<Error>((r) => mine.once('connect_error', r))).toMatchObject({ message: 'unauthorized' })
    mine.disconnect()
    expect(other.connected).toBe(true)
  })

  it("an admin demoting a user closes every live socket of that user, and no one else's", async () => {
    const created = await sys.api('/api/admin/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'night-shift', role: 'operator', password: 'night-shift-password' }),
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    const socketOf = async () => {
      const res = await fetch(`${sys.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'night-shift', password: 'night-shift-password' }),
      })
      const s = io(sys.url, {
        transports: ['websocket'],
        reconnection: false,
        extraHeaders: { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! },
      })
      await new Promise<void>((r) => s.once('connect', () => r()))
      return s
    }
    const desk = await socketOf()
    const wall = await socketOf() // a second session of the same user
    const closed = Promise.all([desk, wall].map((s) => new Promise<string>((r) => s.once('disconnect', r))))
    const viewer = await sys.socket({}, 'viewer')
    const res = await sys.api(`/api/admin/users/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'viewer' }),
    })
    expect(res.status).toBe(200)
    expect(await closed).toEqual(['io server disconnect', 'io server disconnect'])
    expect(viewer.connected).toBe(true)
  })

  it('login is rate-limited after repeated failures', async () => {
    const attempt = () =>
      fetch(`${sys.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'demo-admin', password: 'wrong-password!' }),
      })
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await attempt()).status)
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401])
    expect(statuses[5]).toBe(429)
  })
})
