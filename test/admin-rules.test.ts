/**
 * Rule overrides through the admin API: a station's limit is lowered, applied at once (a reading
 * that was fine now opens an alert), persisted in rules.json and kept after a restart; bad input
 * gets a clear error naming the field.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ruleProblem } from '../shared/src/rules/rule'
import { standardsEvaluator } from '../shared/src/rules/standards-evaluator'
import { demoStations } from '../simulator/src/select-stations'
import { startTestSystem, type TestSystem } from './helpers/start-system'

const dir = mkdtempSync(join(tmpdir(), 'envmon-rules-'))
let sys: TestSystem
afterAll(async () => {
  await sys?.stop()
  rmSync(dir, { recursive: true, force: true })
})
const put = (path: string, body: unknown) =>
  sys.api(path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const openAlerts = async (id: string) =>
  ((await (await sys.api(`/api/alerts?status=open&station=${id}`)).json()) as { alerts: { rule: string; limit: number }[] }).alerts

describe('rule overrides', () => {
  it('a lowered NO2 1-h limit applies at once', async () => {
    sys = await startTestSystem({}, {}, dir)
    const res = await put('/api/admin/rules/DG-AIR-12', { 'air.no2.1h': { limit: 100, severity: 'critical' } })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { rules: { id: string; limit: number; source: string }[] }
    expect(body.rules.find((r) => r.id === 'air.no2.1h')).toMatchObject({ limit: 100 })
    const station = await sys.connectStation('DG-AIR-12')
    station.publish('envmon/v1/air/DG-AIR-12/reading', JSON.stringify({ ts: Date.now() - 10_000, values: { no2: 150 } }), { qos: 1 })
    await expect.poll(() => openAlerts('DG-AIR-12')).toEqual([expect.objectContaining({ rule: 'air.no2.1h', limit: 100 })])
    expect(JSON.parse(readFileSync(join(dir, 'rules.json'), 'utf8'))).toEqual({
      'DG-AIR-12': { 'air.no2.1h': { limit: 100, severity: 'critical' } },
    })
  })

  it('refuses a bad override naming the field, and an unknown station', async () => {
    const bad = await put('/api/admin/rules/DG-AIR-12', { 'air.no2.1h': { limit: 'high' } })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/air\.no2\.1h\.limit/)
    expect((await put('/api/admin/rules/NOPE', {})).status).toBe(404)
  })

  it('keeps the override after a restart', async () => {
    await sys.stop()
    sys = await startTestSystem({}, {}, dir)
    const got = (await (await sys.api('/api/admin/rules?station=DG-AIR-12')).json()) as { rules: { id: string; limit: number }[] }
    expect(got.rules.find((r) => r.id === 'air.no2.1h')!.limit).toBe(100)
  })
})

describe('rule override validation', () => {
  it.each([
    ['a clear level above the limit', { 'air.no2.1h': { limit: 150, clear: 180 } }, /clear level 180 is above the limit 150/],
    ['a minimum count of zero', { 'air.no2.1h': { minCount: 0 } }, /minCount/],
    ['a fractional minimum count', { 'air.no2.1h': { minCount: 1.5 } }, /minCount/],
    ['a lower bound above the upper one', { 'water.ph.1h': { low: 9.5 } }, null],
  ])('refuses %s', async (_name, body, message) => {
    const station = Object.keys(body)[0]!.startsWith('water') ? 'DG-WAT-01' : 'DG-AIR-12'
    const res = await put(`/api/admin/rules/${station}`, body)
    expect(res.status).toBe(400)
    const err = ((await res.json()) as { error: { code: string; message: string } }).error
    expect(err.code).toBe('validation')
    if (message) expect(err.message).toMatch(message)
  })
})

describe('standard rules', () => {
  it('every standard rule of every demo station has coherent levels', () => {
    const ev = standardsEvaluator()
    expect(demoStations(undefined, 42).flatMap((s) => ev.rulesFor(s).map(ruleProblem).filter(Boolean))).toEqual([])
  })
})
