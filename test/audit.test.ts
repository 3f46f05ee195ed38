/**
 * The audit trail on the real system (issue 13): logins and failed logins with the address, a
 * station change with before and after and no secrets, a user's role change, credentials issued,
 * an alert acknowledged by an operator, the CSV export, admins only, and the trail (and its hash
 * chain) surviving a restart.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AlertEvent } from '../shared/src/domain/alert'
import type { AuditPage, AuditRecord, AuditVerifyResult } from '../shared/src/protocol/http/audit'
import { startTestSystem, type TestSystem } from './helpers/start-system'

const dir = mkdtempSync(join(tmpdir(), 'envmon-audit-'))
let sys: TestSystem
beforeAll(async () => {
  sys = await startTestSystem({}, {}, dir)
})
afterAll(async () => {
  await sys?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const json = (method: string, body: unknown) => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const audit = async (query: string): Promise<AuditRecord[]> => {
  const res = await sys.api(`/api/audit?${query}`)
  expect(res.status).toBe(200)
  return ((await res.json()) as AuditPage).records
}
/** Every line of the trail's files, as written. */
const trailText = () =>
  readdirSync(join(dir, 'audit'))
    .map((f) => readFileSync(join(dir, 'audit', f), 'utf8'))
    .join('')
const LOOPBACK = /^(::ffff:)?127\.0\.0\.1$|^::1$/

describe('the audit trail', () => {
  it('records a failed and a successful login with the address, never the password', async () => {
    const bad = await fetch(`${sys.url}/api/auth/login`, json('POST', { username: 'demo-viewer', password: 'not-the-password-123' }))
    expect(bad.status).toBe(401)
    await sys.login('admin')
    const failed = await audit('action=auth.login-failed')
    expect(failed[0]).toMatchObject({
      user: 'demo-viewer',
      role: null,
      target: 'demo-viewer',
      method: 'POST',
      route: '/api/auth/login',
      status: 401,
      body: { username: 'demo-viewer', password: '[redacted]' },
    })
    expect(failed[0]!.address).toMatch(LOOPBACK)
    const ok = await audit('action=auth.login&user=demo-admin')
    expect(ok[0]).toMatchObject({ user: 'demo-admin', status: 200, after: { role: 'admin' } })
    expect(ok[0]!.address).toMatch(LOOPBACK)
    expect(trailText()).not.toContain('not-the-password-123')
  })

  it('records a station change with before and after, and credentials issued, without secrets', async () => {
    const station = {
      kind: 'water',
      nameZh: '审计测试',
      nameEn: 'Audit test',
      lon: 113.9,
      lat: 22.95,
      town: '塘厦镇',
      intervalSec: 300,
      standardClass: 'II',
      waterBody: 'lake',
    }
    expect((await sys.api('/api/admin/stations/DG-AUDIT-01', json('PUT', station))).status).toBe(201)
    const cred = await sys.api('/api/admin/stations/DG-AUDIT-01/credentials', json('POST', {}))
    const { password } = (await cred.json()) as { password: string }
    expect((await sys.api('/api/admin/stations/DG-AUDIT-01', json('PUT', { ...station, nameEn: 'Audit test (renamed)' }))).status).toBe(200)

    const recs = await audit('action=station.*')
    expect(recs.map((r) => r.action)).toEqual(['station.update', 'station.credentials', 'station.create'])
    expect(recs[0]).toMatchObject({
      user: 'demo-admin',
      role: 'admin',
      target: 'DG-AUDIT-01',
      route: '/api/admin/stations/:id',
      params: { id: 'DG-AUDIT-01' },
      status: 200,
      before: { nameEn: 'Audit test', hasCredentials: true },
      after: { nameEn: 'Audit test (renamed)', hasCredentials: true },
    })
    expect(recs[1]).toMatchObject({ action: 'station.credentials', before: { hasCredentials: false }, after: { hasCredentials: true } })
    expect(recs[2]).toMatchObject({ action: 'station.create', status: 201, after: { id: 'DG-AUDIT-01' } })
    expect(recs[2]!.before).toBeUndefined()
    const text = trailText()
    expect(text).not.toContain(password)
    expect(text).not.toMatch(/"secretHash":"(?!\[redacted\])/)
  })

  it("records a user's role change with before and after, and a password change without the password", async () => {
    const created = await sys.api(
      '/api/admin/users',
      json('POST', { username: 'audit-user', role: 'viewer', password: 'first-password-123' }),
    )
    const { id } = (await created.json()) as { id: string }
    await sys.api(`/api/admin/users/${id}`, json('PATCH', { role: 'analyst', password: 'second-password-456' }))
    const [patch, create] = await audit('action=user.*')
    expect(create).toMatchObject({
      action: 'user.create',
      target: 'audit-user',
      after: { role: 'viewer' },
      body: { password: '[redacted]' },
    })
    expect(patch).toMatchObject({
      action: 'user.update',
      target: 'audit-user',
      before: { role: 'viewer' },
      after: { role: 'analyst', passwordChanged: true },
    })
    expect(trailText()).not.toMatch(/first-password-123|second-password-456/)
  })

  it('records a notification recipient change without its webhook secret or the token in its URL', async () => {
    const recipient = {
      name: 'Duty',
      channels: [
        {
          type: 'webhook',
          url: 'https://oapi.dingtalk.com/robot/send?access_token=tok-audit-789',
          format: 'generic',
          secret: 'hook-secret-456',
        },
      ],
    }
    expect((await sys.api('/api/admin/notify/recipients/audit-duty', json('PUT', recipient))).status).toBe(201)
    const [rec] = await audit('action=notify.*')
    expect(rec).toMatchObject({
      action: 'notify.recipient.put',
      target: 'audit-duty',
      route: '/api/admin/notify/recipients/:id',
      after: { channels: [{ hasSecret: true }] },
    })
    expect(trailText()).not.toMatch(/hook-secret-456|tok-audit-789/)
  })

  it('records an alert acknowledged by an operator, with the state before and after', async () => {
    const socket = await sys.socket()
    const opened = new Promise<AlertEvent>((resolve) =>
      socket.on('alert', (a) => a.stationId === 'DG-AIR-05' && a.state === 'open' && resolve(a)),
    )
    const station = await sys.connectStation('DG-AIR-05')
    // SO2 1-h 620 µg/m³ is above the GB 3095-2012 grade II 1-h limit of 500.
    station.publish('envmon/v1/air/DG-AIR-05/reading', JSON.stringify({ ts: Date.now() - 10_000, values: { so2: 620 } }), { qos: 1 })
    const a = await opened
    const res = await sys.apiAs('operator', `/api/alerts/${a.id}/ack`, json('POST', { note: 'crew sent' }))
    expect(res.status).toBe(200)
    const [rec] = await audit('action=alert.ack')
    expect(rec).toMatchObject({
      user: 'demo-operator',
      role: 'operator',
      target: a.id,
      route: '/api/alerts/:id/ack',
      status: 200,
      before: { state: 'open', stationId: 'DG-AIR-05' },
      after: { state: 'acknowledged', note: 'crew sent' },
    })
  })

  it('exports the filtered trail as CSV, newest first', async () => {
    const res = await sys.api('/api/audit?action=station.*&format=csv')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/)
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\n')
    expect(lines[0]).toBe('time,node,seq,user,role,address,method,route,path,status,action,target,params,query,body,before,after,hash')
    expect(lines.slice(1).map((l) => l.split(',')[10])).toEqual(['station.update', 'station.credentials', 'station.create'])
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00,main,\d+,demo-admin,admin,/)
    expect(lines[1]).toContain('""nameEn"":""Audit test (renamed)""')
  })

  it('pages newest first with a total, and filters by time', async () => {
    const all = (await (await sys.api('/api/audit?limit=1000')).json()) as AuditPage
    const page = (await (await sys.api('/api/audit?limit=2&offset=1')).json()) as AuditPage
    expect(page.total).toBe(all.total)
    expect(page.records.map((r) => r.hash)).toEqual(all.records.slice(1, 3).map((r) => r.hash))
    const ts = all.records.map((r) => r.ts)
    expect([...ts].sort().reverse()).toEqual(ts)
    const future = (await (await sys.api(`/api/audit?from=${Date.now() + 60_000}`)).json()) as AuditPage
    expect(future.total).toBe(0)
    expect((await sys.api('/api/audit?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z')).status).toBe(400)
  })

  it.each(['viewer', 'operator', 'analyst'] as const)('refuses the %s role (403)', async (role) => {
    expect((await sys.apiAs(role, '/api/audit')).status).toBe(403)
    expect((await sys.apiAs(role, '/api/audit?format=csv')).status).toBe(403)
  })

  it('records a refused state change by a logged-in user', async () => {
    expect((await sys.apiAs('viewer', '/api/admin/stations/DG-AIR-01', { method: 'DELETE' })).status).toBe(403)
    const [rec] = await audit(`user=demo-viewer&action=${encodeURIComponent('DELETE /api/admin/stations/DG-AIR-01')}`)
    expect(rec).toMatchObject({ role: 'viewer', status: 403, route: null, path: '/api/admin/stations/DG-AIR-01' })
    expect(rec!.query).toBeUndefined()
  })

  it('records a refused change under its action, with the status', async () => {
    const res = await sys.api(
      '/api/admin/stations/DG-AUDIT-02',
      json('PUT', { kind: 'air', nameZh: '错', nameEn: 'Bad', lon: 113.9, lat: 123, intervalSec: 60 }),
    )
    expect(res.status).toBe(400)
    const [rec] = await audit('action=station.create')
    expect(rec).toMatchObject({ target: 'DG-AUDIT-02', status: 400, body: { lat: 123 } })
    expect(rec!.after).toBeUndefined()
  })

  it('records the query string of a state change, redacted', async () => {
    await sys.api('/api/admin/stations/NOPE-1?force=1&token=abc-query-secret', { method: 'DELETE' })
    const [rec] = await audit('action=station.delete')
    expect(rec).toMatchObject({ target: 'NOPE-1', status: 404, query: { force: '1', token: '[redacted]' } })
    expect(trailText()).not.toContain('abc-query-secret')
  })

  it('keeps the trail and its chain across a restart', async () => {
    const before = (await (await sys.api('/api/audit?limit=1000')).json()) as AuditPage
    await sys.stop()
    sys = await startTestSystem({}, {}, dir)
    const after = (await (await sys.api('/api/audit?limit=1000')).json()) as AuditPage
    // Everything from before the restart, and the new login after it.
    expect(after.records.slice(-before.total).map((r) => r.hash)).toEqual(before.records.map((r) => r.hash))
    expect(after.records[0]).toMatchObject({
      action: 'auth.login',
      user: 'demo-admin',
      seq: Math.max(...before.records.map((r) => r.seq)) + 1,
    })
    const v = (await (await sys.api('/api/audit/verify')).json()) as AuditVerifyResult
    expect(v).toEqual({ ok: true, nodes: [{ node: 'main', records: after.total, ok: true }] })
  })
})
