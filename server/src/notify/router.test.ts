/**
 * The admin router over real HTTP (express on 127.0.0.1, port 0), backed by a recipients file in
 * a temp dir.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import express from 'express'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RecipientStore } from './recipients'
import { notifyAdminRouter } from './router'

let dir: string
let server: Server
let base: string
const file = () => join(dir, 'notify', 'recipients.json')

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'notify-router-'))
  const store = RecipientStore.load(file())
  const app = express()
  app.use(
    '/api/admin/notify',
    notifyAdminRouter({
      store,
      statusFor: (id) =>
        id === 'al-1'
          ? [
              {
                recipient: 'ops',
                channel: 'email ops@example.cn',
                channelType: 'email',
                kind: 'opened',
                event: 'opened',
                step: 0,
                state: 'sent',
                attempts: 1,
                createdAt: 'x',
                notBefore: 'x',
              },
            ]
          : [],
    }),
  )
  server = createServer(app)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/admin/notify`
})
afterEach(async () => {
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
  rmSync(dir, { recursive: true, force: true })
})

/** The fields of the router's answers these tests read (each answer has only some of them). */
interface Answer {
  recipient: { channels: unknown[] }
  error: { code: string; message: string }
  deliveries: unknown[]
}

async function call(method: string, path: string, body?: unknown, raw?: string): Promise<{ status: number; json: Answer }> {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  })
  const text = await res.text()
  return { status: res.status, json: text ? JSON.parse(text) : undefined }
}

const ops = {
  name: '值班室',
  channels: [
    { type: 'email', to: 'ops@example.cn' },
    { type: 'webhook', format: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', secret: 'whsec-1' },
  ],
  subscriptions: [{ kinds: ['air'] }],
  quietHours: { start: '22:00', end: '07:00' },
}

describe('notify admin router', () => {
  it('creates a recipient (201), persists it with mode 0600, never shows the secret', async () => {
    const put = await call('PUT', '/recipients/ops', ops)
    expect(put.status).toBe(201)
    expect(put.json.recipient.channels[1]).toEqual({ type: 'webhook', format: 'wecom', url: ops.channels[1]!.url, hasSecret: true })
    expect(JSON.stringify((await call('GET', '/recipients')).json)).not.toContain('whsec-1')
    expect(JSON.parse(readFileSync(file(), 'utf8')).recipients[0].channels[1].secret).toBe('whsec-1')
    expect(statSync(file()).mode & 0o777).toBe(0o600)
  })

  it('replacing without a secret keeps the stored one for the same URL; null removes it', async () => {
    await call('PUT', '/recipients/ops', ops)
    const keep = await call('PUT', '/recipients/ops', { ...ops, name: 'Duty', channels: [{ ...ops.channels[1], secret: undefined }] })
    expect(keep.status).toBe(200)
    expect(JSON.parse(readFileSync(file(), 'utf8')).recipients[0]).toMatchObject({ name: 'Duty', channels: [{ secret: 'whsec-1' }] })
    await call('PUT', '/recipients/ops', { ...ops, channels: [{ ...ops.channels[1], secret: null }] })
    expect(JSON.parse(readFileSync(file(), 'utf8')).recipients[0].channels[0].secret).toBeUndefined()
  })

  it.each([
    ['a bad e-mail address', '/recipients/ops', { ...ops, channels: [{ type: 'email', to: 'nope' }] }, /channels\.0\.to/],
    ['a bad quiet-hours time', '/recipients/ops', { ...ops, quietHours: { start: '25:00', end: '07:00' } }, /quietHours\.start/],
    ['an unknown field', '/recipients/ops', { ...ops, foo: 1 }, /foo/],
    ['a bad id', '/recipients/bad id', ops, /expected 1-64/],
    ['an id differing from the path', '/recipients/ops', { ...ops, id: 'other' }, /differs from the path id/],
    [
      'a first step with a delay',
      '/policies/p',
      { steps: [{ afterMs: 5, recipients: ['ops'] }] },
      /steps\.0\.afterMs: steps\[0\]\.afterMs must be 0/,
    ],
    [
      'steps out of order',
      '/policies/p',
      {
        steps: [
          { afterMs: 0, recipients: ['ops'] },
          { afterMs: 0, recipients: ['ops'] },
        ],
      },
      /increasing afterMs/,
    ],
  ])('rejects %s with a contract error naming the field', async (_n, path, body, msg) => {
    const r = await call('PUT', path, body)
    expect(r.status).toBe(400)
    expect(r.json.error.code).toBe('validation')
    expect(r.json.error.message).toMatch(msg)
  })

  it('keeps references consistent: unknown members 400, in-use 409, missing 404', async () => {
    expect((await call('PUT', '/groups/duty', { name: 'Duty', members: ['ops'] })).json.error).toMatchObject({ code: 'unknown-reference' })
    await call('PUT', '/recipients/ops', ops)
    expect((await call('PUT', '/groups/duty', { name: 'Duty', members: ['ops'] })).status).toBe(201)
    expect(
      (
        await call('PUT', '/policies/default', {
          steps: [
            { afterMs: 0, groups: ['duty'] },
            { afterMs: 900_000, groups: ['nobody'] },
          ],
        })
      ).json.error,
    ).toMatchObject({ code: 'unknown-reference', message: 'steps[1]: unknown group(s): nobody' })
    expect((await call('PUT', '/policies/default', { steps: [{ afterMs: 0, groups: ['duty'] }], reminderEveryMs: 1_800_000 })).status).toBe(
      201,
    )
    expect(await call('DELETE', '/recipients/ops')).toMatchObject({
      status: 409,
      json: { error: { code: 'in-use', message: 'recipient ops is used by group duty' } },
    })
    expect(await call('DELETE', '/groups/duty')).toMatchObject({ status: 409, json: { error: { code: 'in-use' } } })
    expect((await call('DELETE', '/policies/default')).status).toBe(204)
    expect((await call('DELETE', '/groups/duty')).status).toBe(204)
    expect((await call('DELETE', '/recipients/ops')).status).toBe(204)
    expect(await call('DELETE', '/recipients/ops')).toMatchObject({ status: 404, json: { error: { code: 'not-found' } } })
    expect((await call('GET', '/')).json).toEqual({ recipients: [], groups: [], policies: [] })
  })

  it('answers bad JSON and unknown routes in the contract shape', async () => {
    expect(await call('PUT', '/recipients/ops', undefined, '{oops')).toMatchObject({
      status: 400,
      json: { error: { code: 'invalid-json', message: 'request body is not valid JSON' } },
    })
    expect(await call('PUT', '/recipients/ops', undefined, '{"name":' + '['.repeat(5000) + ']'.repeat(5000) + '}')).toMatchObject({
      status: 400,
      json: { error: { code: 'invalid-json', message: 'request body nests deeper than 32 levels' } },
    })
    expect(await call('GET', '/nothing')).toMatchObject({ status: 404, json: { error: { code: 'not-found' } } })
    expect(await call('GET', '/recipients/ghost')).toMatchObject({ status: 404, json: { error: { code: 'not-found' } } })
  })

  it('shows the delivery status of an alert', async () => {
    expect((await call('GET', '/deliveries/al-1')).json.deliveries).toMatchObject([{ recipient: 'ops', state: 'sent' }])
  })

  it('a bad recipients file fails at load, naming the file and the field', () => {
    const f = join(dir, 'bad.json')
    writeFileSync(f, JSON.stringify({ version: 1, recipients: [{ id: 'x', name: 'x', channels: [] }] }))
    expect(() => RecipientStore.load(f)).toThrow(/bad\.json: recipients\.0\.channels/)
    const r = { id: 'x', name: 'x', channels: [{ type: 'email', to: 'x@y.cn' }] }
    writeFileSync(f, JSON.stringify({ version: 1, recipients: [r, r] }))
    expect(() => RecipientStore.load(f)).toThrow('bad.json: duplicate recipient id x')
  })
})
