/**
 * The audit middleware on a real express app (port 0) over a real log in a temp dir: the route
 * pattern of a nested router, also when its handler throws; reads not recorded; anonymous misses
 * not recorded; the handler's annotation; throttled requests sampled per address.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import express, { Router, type ErrorRequestHandler } from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuditLog } from './audit-log'
import { auditTrail, THROTTLED_PER_WINDOW } from './audit-trail'

const dir = mkdtempSync(join(tmpdir(), 'envmon-audit-trail-'))
let t = Date.UTC(2026, 11, 6)
const log = new AuditLog({ dir, node: 'main', now: () => t })
let server: Server
let url = ''

beforeAll(async () => {
  const app = express()
  // A request with an `x-user` header counts as a logged-in admin (the real app: the session).
  app.use(
    auditTrail({
      log,
      now: () => t,
      who: (req) => (req.get('x-user') ? { user: req.get('x-user')!, role: 'admin' } : { user: 'anonymous', role: null }),
    }),
  )
  app.use(express.json())
  const inner = Router()
  inner.put('/things/:id', (req, res) => {
    res.locals.audit = { action: 'thing.put', target: req.params.id, before: { n: 1 }, after: { n: 2, secret: 's3' } }
    res.json({ ok: true })
  })
  inner.post('/things/:id/fail', () => {
    throw new Error('boom')
  })
  inner.get('/things/:id', (_req, res) => void res.json({}))
  inner.post('/throttled', (_req, res) => void res.status(429).json({}))
  app.use('/api', inner)
  const onError: ErrorRequestHandler = (_err, _req, res, _next) => void res.status(500).json({ error: 'internal' })
  app.use(onError)
  server = app.listen(0)
  await new Promise((r) => server.once('listening', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((r) => server.close(r))
  await log.close()
  rmSync(dir, { recursive: true, force: true })
})

const call = (method: string, path: string, user?: string, body?: unknown) =>
  fetch(url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(user ? { 'x-user': user } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  })
const newest = async () => (await log.page({}, 0, 1)).records[0]

describe('auditTrail', () => {
  it("records a nested router's route pattern, params, redacted body and the handler's annotation", async () => {
    await call('PUT', '/api/things/a1?dry=1', 'ann', { name: 'x', password: 'p' })
    await expect.poll(newest).toMatchObject({
      user: 'ann',
      method: 'PUT',
      route: '/api/things/:id',
      path: '/api/things/a1',
      params: { id: 'a1' },
      query: { dry: '1' },
      body: { name: 'x', password: '[redacted]' },
      status: 200,
      complete: true,
      action: 'thing.put',
      target: 'a1',
      before: { n: 1 },
      after: { n: 2, secret: '[redacted]' },
    })
  })

  it('keeps the route pattern when the handler throws and the error leaves the router', async () => {
    await call('POST', '/api/things/b2/fail', 'ann', {})
    await expect
      .poll(newest)
      .toMatchObject({ route: '/api/things/:id/fail', params: { id: 'b2' }, status: 500, action: 'POST /api/things/:id/fail' })
  })

  it('does not record reads', async () => {
    const before = (await log.page({}, 0, 1)).total
    await call('GET', '/api/things/c3', 'ann')
    await call('PUT', '/api/things/c3', 'ann', {})
    await expect.poll(async () => (await log.page({}, 0, 1)).total).toBe(before + 1)
    expect((await newest())!.method).toBe('PUT')
  })

  it('records a miss by a logged-in user, not by an anonymous one', async () => {
    await call('DELETE', '/api/nothing', undefined)
    await call('DELETE', '/api/nothing', 'ann')
    await expect.poll(newest).toMatchObject({ user: 'ann', route: null, path: '/api/nothing', status: 404, action: 'DELETE /api/nothing' })
    expect((await log.page({ user: 'anonymous' }, 0, 10)).records.filter((r) => r.path === '/api/nothing')).toEqual([])
  })

  it(`records at most ${THROTTLED_PER_WINDOW} throttled requests per address in 10 minutes, then says how many it skipped`, async () => {
    for (let i = 0; i < THROTTLED_PER_WINDOW + 7; i++) expect((await call('POST', '/api/throttled')).status).toBe(429)
    const f = { action: 'POST /api/throttled' }
    await expect.poll(async () => (await log.page(f, 0, 1)).total).toBe(THROTTLED_PER_WINDOW)
    t += 10 * 60_000
    await call('POST', '/api/throttled')
    await expect.poll(async () => (await log.page(f, 0, 1)).records[0]?.suppressed).toBe(7)
    expect((await log.page(f, 0, 1)).total).toBe(THROTTLED_PER_WINDOW + 1)
  })
})
