/**
 * Issue 15: deeply nested JSON in a request body answered 400 "Maximum call stack size exceeded"
 * (the rules route walked it recursively). Every JSON route of the real server now answers a
 * plain 400 `invalid-json` before any route sees the body, and keeps serving. Bodies the parser
 * cannot read (charset, content encoding) answer 4xx, not 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_JSON_DEPTH } from '../shared/src/domain/json-depth'
import { startTestSystem, type TestSystem } from './helpers/start-system'

let sys: TestSystem
beforeAll(async () => {
  sys = await startTestSystem()
})
afterAll(async () => {
  await sys?.stop()
})

const arrays = (d: number) => '['.repeat(d) + ']'.repeat(d)
const objects = (d: number) => '{"a":'.repeat(d) + '1' + '}'.repeat(d)
const TOO_DEEP = { error: { code: 'invalid-json', message: `request body nests deeper than ${MAX_JSON_DEPTH} levels` } }

describe('nested JSON in request bodies', () => {
  it.each([
    ['PUT', '/api/admin/rules/DG-AIR-01', arrays(10_000)],
    ['PUT', '/api/admin/rules/DG-AIR-01', `{"pm25":${objects(10_000)}}`],
    ['PUT', '/api/admin/stations/DG-AIR-01', `{"nameZh":${arrays(MAX_JSON_DEPTH)}}`],
    ['PUT', '/api/admin/notify/recipients/ops', `{"name":${objects(20_000)}}`],
    ['POST', '/api/alerts/none/ack', arrays(100_000)],
    ['POST', '/api/nothing-here', arrays(1_000)],
  ])('%s %s with a body nested too deep answers a plain 400 invalid-json', async (method, path, body) => {
    const res = await sys.api(path, { method, headers: { 'content-type': 'application/json' }, body })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual(TOO_DEEP)
  })

  it('login with nested credentials answers invalid-json too, before the password check', async () => {
    const res = await sys.apiAs(null, '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"username":"demo-admin","password":${arrays(5_000)}}`,
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual(TOO_DEEP)
  })

  it('unparseable JSON answers invalid-json without the parser text', async () => {
    const res = await sys.api('/api/admin/rules/DG-AIR-01', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"pm25": [1, 2',
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ error: { code: 'invalid-json', message: 'request body is not valid JSON' } })
  })

  it.each([
    ['a charset other than UTF-8', 415, 'unsupported-media-type', { 'content-type': 'application/json; charset=latin1' }],
    ['an unknown content encoding', 415, 'unsupported-media-type', { 'content-type': 'application/json', 'content-encoding': 'compress' }],
    ['a corrupt gzip body', 400, 'invalid-json', { 'content-type': 'application/json', 'content-encoding': 'gzip' }],
  ])('a body with %s answers %i %s, not a 500', async (_name, status, code, headers) => {
    const res = await sys.api('/api/alerts/none/ack', { method: 'POST', headers, body: '{"note":"x"}' })
    expect(res.status).toBe(status)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe(code)
    expect(body.error.message).not.toMatch(/zlib|header|Error|charset "/)
  })

  it('a body nested exactly to the limit is parsed and judged by its route', async () => {
    const res = await sys.api('/api/alerts/none/ack', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"note":"x","extra":${arrays(MAX_JSON_DEPTH - 1)}}`,
    })
    expect(res.status).toBe(404)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not-found')
    // And the server still serves after all of the above.
    expect((await sys.api('/api/health')).status).toBe(200)
  })
})
