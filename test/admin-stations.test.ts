/**
 * The station registry is editable through the admin API: a new station is added, given
 * credentials (shown once, stored hashed), connects with them and its readings are stored; the
 * edit survives a restart; a removed station is refused.
 */
import { readFileSync } from 'node:fs'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import mqtt from 'mqtt'
import { startTestSystem, type TestSystem } from './helpers/start-system'

const dir = mkdtempSync(join(tmpdir(), 'envmon-admin-'))
let sys: TestSystem
afterAll(async () => {
  await sys?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const json = (method: string, body: unknown) => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const NEW = {
  kind: 'water',
  nameZh: '测试水源',
  nameEn: 'Test source',
  lon: 113.9,
  lat: 22.95,
  town: '塘厦镇',
  intervalSec: 300,
  standardClass: 'II',
  waterBody: 'lake',
  mn: 'TESTMN000000001',
}

describe('station administration', () => {
  let password = ''
  it('adds a station and issues credentials once', async () => {
    sys = await startTestSystem({}, {}, dir)
    const put = await sys.api('/api/admin/stations/DG-TEST-01', json('PUT', NEW))
    expect(put.status).toBe(201)
    expect(await put.json()).toMatchObject({ id: 'DG-TEST-01', hasCredentials: false })
    const cred = await sys.api('/api/admin/stations/DG-TEST-01/credentials', json('POST', {}))
    expect(cred.headers.get('cache-control')).toBe('no-store')
    ;({ password } = (await cred.json()) as { password: string })
    expect(password).toMatch(/^[0-9a-f]{32}$/)
    expect(readFileSync(join(dir, 'stations.json'), 'utf8')).not.toContain(password)
  })

  it("refuses a new station whose id is reserved for envmon's own MQTT client ids", async () => {
    const put = await sys.api('/api/admin/stations/envmon-notify', json('PUT', { ...NEW, mn: undefined }))
    expect(put.status).toBe(400)
    expect(await put.json()).toMatchObject({ error: { code: 'validation', message: expect.stringContaining('reserved') } })
    expect((await sys.api('/api/stations/envmon-notify')).status).toBe(404)
  })

  it('the new station publishes with its credentials and is stored', async () => {
    const c = await mqtt.connectAsync(sys.brokerUrl, { clientId: 'DG-TEST-01', username: 'DG-TEST-01', password, reconnectPeriod: 0 })
    const ts = Date.now() - 120_000
    await c.publishAsync('envmon/v1/water/DG-TEST-01/reading', JSON.stringify({ ts, values: { ph: 7.4, do: 8.1 } }), { qos: 1 })
    await expect.poll(() => sys.store.count('DG-TEST-01', ts, ts + 1)).toBe(2)
    await c.endAsync()
    const s = (await (await sys.api('/api/stations/DG-TEST-01')).json()) as {
      nameEn: string
      latest: { values: Record<string, { value: number }> }
    }
    expect(s.nameEn).toBe('Test source')
    expect(s.latest.values.ph!.value).toBe(7.4)
  })

  it('validates input with a clear message', async () => {
    const res = await sys.api('/api/admin/stations/DG-TEST-02', json('PUT', { ...NEW, lat: 123 }))
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/lat/)
    const dup = await sys.api('/api/admin/stations/DG-TEST-03', json('PUT', NEW))
    expect(dup.status).toBe(409)
  })

  const UNIT = {
    kind: 'energy',
    nameZh: '测试用能单位',
    nameEn: 'Test unit',
    lon: 113.8,
    lat: 23.0,
    town: '松山湖',
    intervalSec: 900,
    quotaTce: 5000,
  }
  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error

  it.each([
    [
      'a negative factor',
      { energyFactors: { gas_m3: { kgce: -1.2, source: 'x' } } },
      /energyFactors\.gas_m3\.kgce: -1\.2 kgce\/m³ is outside the plausible/,
    ],
    ['NaN (sent as a string)', { energyFactors: { coal_t: { kgce: 'NaN', source: 'x' } } }, /energyFactors\.coal_t\.kgce/],
    ['NaN (JSON null)', { energyFactors: { coal_t: { kgce: null, source: 'x' } } }, /energyFactors\.coal_t\.kgce/],
    [
      'an absurd steam factor',
      { energyFactors: { steam_t: { kgce: 2777.1, source: 'enthalpy' } } },
      /steam_t\.kgce: 2777\.1 kgce\/t is outside the plausible 60–200/,
    ],
    ['an unknown carrier', { energyFactors: { oil_kg: { kgce: 1.4571, source: 'x' } } }, /oil_kg/],
    ['equal-value without its electricity factor', { energyBasis: 'equal-value' }, /equal-value needs energyFactors\.elec_kwh/],
    [
      'a factor without a source',
      { energyFactors: { gas_m3: { kgce: 1.2, source: '' } } },
      /gas_m3\.source: say where the factor comes from/,
    ],
  ])('refuses %s with a clear error and keeps the registry as it was', async (_what, patch, message) => {
    const res = await sys.api('/api/admin/stations/DG-TEST-E1', json('PUT', { ...UNIT, ...patch }))
    expect(res.status).toBe(400)
    const err = await errorOf(res)
    expect([err.code, err.message]).toEqual(['validation', expect.stringMatching(message)])
    expect((await sys.api('/api/stations/DG-TEST-E1')).status).toBe(404)
  })

  it("stores a unit's basis and factors and rules with them; a lake station's class method", async () => {
    const body = { ...UNIT, energyBasis: 'equal-value', energyFactors: { elec_kwh: { kgce: 0.3, source: 'quota decision 2026' } } }
    const put = await sys.api('/api/admin/stations/DG-TEST-E1', json('PUT', body))
    expect(put.status).toBe(201)
    expect(await put.json()).toMatchObject({
      energyBasis: 'equal-value',
      energyFactors: { elec_kwh: { kgce: 0.3, source: 'quota decision 2026' } },
    })
    const rules = (await (await sys.api('/api/admin/rules?station=DG-TEST-E1')).json()) as { rules: { id: string; source: string }[] }
    expect(rules.rules.find((r) => r.id === 'energy.quota.1d')?.source).toContain(
      'equal-value basis; factors: electricity 0.3 kgce/kWh (quota decision 2026)',
    )
    const lake = await sys.api('/api/admin/stations/DG-TEST-01', json('PUT', { ...NEW, waterClassMethod: 'all-items' }))
    expect(lake.status).toBe(200)
    const wrong = await sys.api('/api/admin/stations/DG-TEST-01', json('PUT', { ...NEW, waterClassMethod: 'strict' }))
    expect([wrong.status, (await errorOf(wrong)).message]).toEqual([400, expect.stringMatching(/waterClassMethod/)])
    const misplaced = await sys.api('/api/admin/stations/DG-TEST-E1', json('PUT', { ...UNIT, waterClassMethod: 'all-items' }))
    expect([misplaced.status, (await errorOf(misplaced)).message]).toEqual([400, 'waterClassMethod applies to water stations only'])
  })

  it('keeps the edit across a restart and refuses a removed station', async () => {
    await sys.stop()
    sys = await startTestSystem({}, {}, dir)
    expect((await sys.api('/api/stations/DG-TEST-01')).status).toBe(200)
    expect((await sys.api('/api/admin/stations/DG-TEST-01', { method: 'DELETE' })).status).toBe(200)
    await expect(
      mqtt.connectAsync(sys.brokerUrl, { clientId: 'DG-TEST-01', username: 'DG-TEST-01', password, reconnectPeriod: 0 }),
    ).rejects.toThrow()
    expect((await sys.api('/api/stations/DG-TEST-01')).status).toBe(404)
  })
})
