/**
 * No state-changing route escapes the audit trail (issue 13), both ways round:
 * - every state-changing operation of the OpenAPI document (GET /api/openapi.json) is called as
 *   the admin, with a body good enough to reach its handler (any answer will do), and each call
 *   must leave a record naming its route;
 * - every state-changing route registered in the running express app (walked through its router
 *   stacks) must be in the OpenAPI document, so a new route cannot skip the first half by being
 *   left out of the document.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditPage } from '../shared/src/protocol/http/audit'
import { RecipientStore } from '../server/src/notify/recipients'
import { notifyAdminRouter } from '../server/src/notify/router'
import { startTestSystem, type TestSystem } from './helpers/start-system'

let sys: TestSystem
beforeAll(async () => {
  sys = await startTestSystem()
})
afterAll(async () => {
  await sys?.stop()
})

const READS = new Set(['get', 'head', 'options'])
interface Operation {
  method: string
  /** Express style: `/api/admin/stations/:id`. */
  route: string
  /** A concrete path to call. */
  path: string
}

async function documentedChanges(): Promise<Operation[]> {
  const doc = (await (await sys.api('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> }
  const ops: Operation[] = []
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const method of Object.keys(methods)) {
      if (READS.has(method)) continue
      ops.push({
        method: method.toUpperCase(),
        route: path.replace(/\{([A-Za-z]+)\}/g, ':$1'),
        path: path.replace(/\{([A-Za-z]+)\}/g, (_m, name: string) => `audit-walk-${name}`),
      })
    }
  }
  // Logging out ends the session the other calls use: last.
  return ops.sort((a, b) => Number(a.route === '/api/auth/logout') - Number(b.route === '/api/auth/logout'))
}

describe('every state-changing route of the OpenAPI document is on the audit trail', () => {
  it('the document lists state changes to walk', async () => {
    const ops = await documentedChanges()
    expect(ops.length).toBeGreaterThanOrEqual(15)
    expect(ops.map((o) => `${o.method} ${o.route}`)).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login',
        'PUT /api/admin/stations/:id',
        'POST /api/alerts/:id/ack',
        'PUT /api/admin/notify/recipients/:id',
      ]),
    )
  })

  it('each call leaves a record naming its route', async () => {
    const missing: string[] = []
    for (const op of await documentedChanges()) {
      const init: RequestInit = {
        method: op.method,
        ...(op.method === 'DELETE' ? {} : { headers: { 'content-type': 'application/json' }, body: '{}' }),
      }
      const res = await sys.api(op.path, init)
      // Any answer will do (400 for the empty body, 404 for the made-up id...), but not a refusal before the route.
      expect([401, 403], `${op.method} ${op.path} answered ${res.status}`).not.toContain(res.status)
      await res.arrayBuffer()
      // After logging out this session is gone: that record is read back in the next test.
      if (op.route === '/api/auth/logout') continue
      const page = (await (await sys.api('/api/audit?limit=1000')).json()) as AuditPage
      if (!page.records.some((r) => r.method === op.method && r.route === op.route && r.path === op.path))
        missing.push(`${op.method} ${op.route}`)
    }
    expect(missing).toEqual([])
  })

  it('logging out is on record too (read back with a new session)', async () => {
    const res = await fetch(`${sys.url}/api/audit?action=auth.logout`, { headers: { cookie: await freshAdminCookie() } })
    const page = (await res.json()) as AuditPage
    expect(page.records[0]).toMatchObject({ user: 'demo-admin', route: '/api/auth/logout', status: 200 })
  })
})

async function freshAdminCookie(): Promise<string> {
  const { demoPassword } = await import('../server/src/auth/demo-users')
  const { TEST_STATION_SECRET } = await import('./helpers/start-system')
  const res = await fetch(`${sys.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo-admin', password: demoPassword(TEST_STATION_SECRET, 'admin') }),
  })
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!
}

/** A layer of an express 5 (router 2) stack, as far as walking it needs. */
interface Layer {
  route?: { path: string; methods: Record<string, boolean> }
  rawPath?: string | RegExp | (string | RegExp)[]
  handle: { stack?: Layer[] } & ((...args: unknown[]) => unknown)
}

/** Every route of a stack with its full path; mounts whose handler is not a router are listed apart. */
function walk(stack: Layer[], prefix: string, out: { routes: Operation[]; opaque: string[] }): void {
  for (const layer of stack) {
    if (layer.route) {
      for (const m of Object.keys(layer.route.methods))
        if (m !== '_all') out.routes.push({ method: m.toUpperCase(), route: `${prefix}${layer.route.path}`, path: '' })
      continue
    }
    const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : ''
    if (layer.handle.stack) walk(layer.handle.stack, `${prefix}${mount}`, out)
    else if (mount) out.opaque.push(`${prefix}${mount}`)
  }
}

describe('every state-changing route of the app is in the OpenAPI document', () => {
  it('walks the running app, and the notification admin router it mounts when the notifier starts', async () => {
    const server = sys.hub.io.httpServer
    const app = server.listeners('request').find((l) => Array.isArray((l as { router?: { stack?: unknown } }).router?.stack)) as unknown as
      { router: { stack: Layer[] } } | undefined
    expect(app, 'the express app among the HTTP server listeners').toBeDefined()
    const out = { routes: [] as Operation[], opaque: [] as string[] }
    walk(app!.router.stack, '', out)
    // The notification admin API is mounted through a function that forwards to the notifier's
    // router once it exists (server/src/compose/web-stack.ts): walked here from a router of its own.
    // (Functions mounted on /api as a whole are the guard and the 404 answer: they hold no routes.)
    expect(out.opaque.filter((m) => m !== '/api')).toEqual(['/api/admin/notify'])
    const dir = mkdtempSync(join(tmpdir(), 'envmon-audit-routes-'))
    try {
      const notify = notifyAdminRouter({ store: RecipientStore.load(join(dir, 'recipients.json')), statusFor: () => [] }) as unknown as {
        stack: Layer[]
      }
      walk(notify.stack, '/api/admin/notify', out)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    const changes = out.routes.filter((r) => !READS.has(r.method.toLowerCase()))
    expect(changes.length).toBeGreaterThanOrEqual(15)
    const documented = new Set((await documentedChanges()).map((o) => `${o.method} ${o.route}`))
    expect(changes.map((r) => `${r.method} ${r.route}`).filter((r) => !documented.has(r))).toEqual([])
  })
})
