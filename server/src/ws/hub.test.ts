/**
 * The live hub's session checks: a real socket.io server and client, the session middleware and a
 * session store on an injected clock.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { io, type Socket } from 'socket.io-client'
import { afterEach, describe, expect, it } from 'vitest'
import { SESSION_COOKIE, socketAuth } from '../auth/middleware'
import { SessionStore } from '../auth/sessions'
import { LiveHub } from './hub'

const H = 3_600_000
let http: Server
let hub: LiveHub
const clients: Socket[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect()
  await hub?.close()
})

async function start(sessions: SessionStore): Promise<string> {
  http = createServer()
  hub = new LiveHub(http, { use: socketAuth(sessions) })
  sessions.onEnded((h) => hub.endSession(h))
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()))
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`
}

async function connect(url: string, sessionId: string): Promise<Socket> {
  const s = io(url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie: `${SESSION_COOKIE}=${sessionId}` } })
  clients.push(s)
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve())
    s.once('connect_error', reject)
  })
  return s
}

describe('LiveHub session checks', () => {
  it('keeps an open browser’s session alive past the idle limit, and closes it at the absolute one', async () => {
    let now = 0
    const sessions = new SessionStore({ now: () => now, idleMs: 12 * H, absoluteMs: 7 * 24 * H })
    const url = await start(sessions)
    const { id } = sessions.create({ id: 'u1', username: 'wall', role: 'viewer' })
    const wall = await connect(url, id)
    // A wall display that only listens: checked every so often, which counts as use.
    for (now = H; now < 7 * 24 * H; now += H) expect(hub.revalidate((sid) => sessions.get(sid) !== undefined)).toBe(0)
    expect(wall.connected).toBe(true)
    const closed = new Promise<string>((r) => wall.once('disconnect', r))
    now = 7 * 24 * H + 1
    expect(hub.revalidate((sid) => sessions.get(sid) !== undefined)).toBe(1)
    expect(await closed).toBe('io server disconnect')
  })

  it('closes only the sockets of an ended session', async () => {
    const sessions = new SessionStore({ now: () => 0 })
    const url = await start(sessions)
    const a = sessions.create({ id: 'u1', username: 'a', role: 'operator' })
    const b = sessions.create({ id: 'u2', username: 'b', role: 'operator' })
    const sa = await connect(url, a.id)
    const sb = await connect(url, b.id)
    const closed = new Promise<string>((r) => sa.once('disconnect', r))
    sessions.destroy(a.id)
    expect(await closed).toBe('io server disconnect')
    expect(sb.connected).toBe(true)
  })
})
