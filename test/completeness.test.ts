/**
 * Completeness through the real system: hand-counted fixtures written into DuckDB in a temp dir,
 * `GET /api/completeness` (JSON and CSV, roles), the valid-data-rate target on `GET /api/targets`,
 * and the missing hours gap recovery asks for. The clock is fixed at 2026-03-11 12:30 CST.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DataFlag, Reading } from '../shared/src/domain/reading'
import type { Station } from '../shared/src/domain/station'
import type { CompletenessBody } from '../shared/src/protocol/http/completeness'
import type { TargetsBody } from '../shared/src/protocol/http/targets'
import { startTestSystem, type TestSystem } from './helpers/start-system'

const MIN = 60_000
const cst = (s: string) => Date.parse(`${s}+08:00`)
const NOW = cst('2026-03-11T12:30:00')
const base = { lon: 113.75, lat: 23.02, approx: true }
const STATIONS: Station[] = [
  { ...base, id: 'AIR1', kind: 'air', nameZh: '空气一', nameEn: 'Air one', town: '莞城街道', townEn: 'Guancheng', intervalSec: 60 },
  { ...base, id: 'AIR2', kind: 'air', nameZh: '空气二', nameEn: 'Air two, silent', town: '莞城街道', townEn: 'Guancheng', intervalSec: 60 },
  {
    ...base,
    id: 'W1',
    kind: 'water',
    nameZh: '水站一',
    nameEn: '=Water one',
    town: '东城街道',
    townEn: 'Dongcheng',
    intervalSec: 300,
    waterBody: 'river',
  },
]
const AIR = ['pm25', 'pm10', 'so2', 'no2', 'co', 'o3']
const WATER = ['ph', 'do', 'codmn', 'nh3n', 'tp', 'tn', 'temp', 'turb', 'cond']

/**
 * AIR1, one-minute: 2026-03-10 10:00–11:00 CST, minutes 15–24 missing, pm25 D at 10:30–10:34, so2 C
 * at 10:40–10:42. Per hour: expected 360, received 300, valid 292.
 */
function air(): Reading[] {
  const out: Reading[] = []
  for (let i = 0; i < 60; i++) {
    if (i >= 15 && i < 25) continue
    const flags: Record<string, DataFlag> = {}
    if (i >= 30 && i < 35) flags.pm25 = 'D'
    if (i >= 40 && i < 43) flags.so2 = 'C'
    out.push({
      stationId: 'AIR1',
      kind: 'air',
      ts: cst('2026-03-10T10:00:00') + i * MIN,
      values: Object.fromEntries(AIR.map((m) => [m, 10])),
      flags,
    })
  }
  return out
}

/**
 * W1, five-minute: all of 2026-03-10 CST but 03:00–04:00 (12) and 14:00–14:30 (6); ph M at 09:00–09:15
 * (4). Expected 2592, received 2430, valid 2426.
 */
function water(): Reading[] {
  const out: Reading[] = []
  for (let i = 0; i < 288; i++) {
    const h = Math.floor(i / 12)
    const k = i % 12
    if (h === 3 || (h === 14 && k < 6)) continue
    out.push({
      stationId: 'W1',
      kind: 'water',
      ts: cst('2026-03-10T00:00:00') + i * 5 * MIN,
      values: Object.fromEntries(WATER.map((m) => [m, 1])),
      flags: h === 9 && k < 4 ? { ph: 'M' } : {},
    })
  }
  return out
}

let sys: TestSystem
const dir = mkdtempSync(join(tmpdir(), 'envmon-completeness-'))
beforeAll(async () => {
  writeFileSync(join(dir, 'stations.json'), JSON.stringify({ version: 1, stations: STATIONS }))
  sys = await startTestSystem({ TARGET_VALID_DATA_PCT: '95' }, { now: () => NOW }, dir)
  const readings = [...air(), ...water()]
  await sys.store.write(readings)
  // What the store writer's commit tells the targets board (the data bypassed ingest here).
  sys.targets.stored(readings)
})
afterAll(async () => {
  await sys?.stop()
  rmSync(dir, { recursive: true, force: true })
})

async function get(query: string, role: Parameters<TestSystem['apiAs']>[0] = 'viewer'): Promise<CompletenessBody> {
  const res = await sys.apiAs(role, `/api/completeness?${query}`)
  expect(res.status).toBe(200)
  return (await res.json()) as CompletenessBody
}

describe('GET /api/completeness', () => {
  it('gives the hand-counted hour of a one-minute station, per metric', async () => {
    const b = await get('station=AIR1&from=2026-03-10T10:00:00%2B08:00&to=2026-03-10T11:00:00%2B08:00&every=1h')
    expect(b.stations).toHaveLength(1)
    const s = b.stations[0]!
    expect(s.buckets).toHaveLength(1)
    expect(s.buckets[0]).toMatchObject({ from: '2026-03-10T10:00:00+08:00', expected: 360, received: 300, valid: 292 })
    expect(s.buckets[0]!.transmission).toBeCloseTo(300 / 360, 12)
    expect(s.buckets[0]!.validRate).toBeCloseTo(292 / 360, 12)
    expect(s.buckets[0]!.metrics!.pm25).toMatchObject({ expected: 60, received: 50, valid: 45 })
    expect(s.buckets[0]!.metrics!.so2).toMatchObject({ valid: 47 })
  })

  it('gives the hand-counted day of a five-minute station, daily and hourly', async () => {
    const day = 'kind=water&from=2026-03-10T00:00:00%2B08:00&to=2026-03-11T00:00:00%2B08:00'
    const daily = await get(`${day}&every=1d`)
    expect(daily.stations.map((s) => s.stationId)).toEqual(['W1'])
    expect(daily.stations[0]!.total).toMatchObject({ expected: 2592, received: 2430, valid: 2426 })
    expect(daily.stations[0]!.total.metrics.ph).toMatchObject({ expected: 288, received: 270, valid: 266 })
    const hourly = await get(`${day}&every=1h`)
    const hours = hourly.stations[0]!.buckets
    expect(hours).toHaveLength(24)
    expect(hours[3]).toMatchObject({ expected: 108, received: 0, transmission: 0, validRate: 0 })
    expect(hours[14]).toMatchObject({ expected: 108, received: 54, transmission: 0.5 })
    expect(hours[9]).toMatchObject({ received: 108, valid: 104 })
  })

  it('lists the worst station first, filters by town, and counts a station from its first data', async () => {
    const b = await get('from=2026-03-10T00:00:00%2B08:00&to=2026-03-11T00:00:00%2B08:00&every=1d')
    // AIR2 never reported: charged for the whole day (0 %). AIR1: from 10:00 (840 min × 6), 292 valid.
    expect(b.stations.map((s) => s.stationId)).toEqual(['AIR2', 'AIR1', 'W1'])
    expect(b.stations[0]!.total).toMatchObject({ expected: 1440 * 6, received: 0, validRate: 0 })
    expect(b.stations[1]!.countedFrom).toBe('2026-03-10T10:00:00+08:00')
    expect(b.stations[1]!.total).toMatchObject({ expected: 840 * 6, received: 300, valid: 292 })
    expect(b.total).toMatchObject({ expected: 8640 + 5040 + 2592, received: 300 + 2430, valid: 292 + 2426 })
    const town = await get('town=Dongcheng&from=2026-03-10T00:00:00%2B08:00&to=2026-03-11T00:00:00%2B08:00&every=1d')
    expect(town.stations.map((s) => s.stationId)).toEqual(['W1'])
    expect(
      (await get('town=莞城街道&every=1M&from=2026-03-01T00:00:00%2B08:00&to=2026-03-11T00:00:00%2B08:00', 'analyst')).stations.map(
        (s) => s.stationId,
      ),
    ).toEqual(['AIR2', 'AIR1'])
  })

  it('expects only the elapsed part of the hour in progress', async () => {
    const b = await get('station=AIR2&from=2026-03-11T12:00:00%2B08:00&to=2026-03-11T13:00:00%2B08:00&every=1h')
    expect(b.stations[0]!.buckets[0]).toMatchObject({ expected: 30 * 6, received: 0 })
  })

  it('exports CSV for analysts, one row per station and bucket plus a total row, formula-safe', async () => {
    const res = await sys.apiAs(
      'analyst',
      '/api/completeness?kind=water&from=2026-03-10T00:00:00%2B08:00&to=2026-03-11T00:00:00%2B08:00&every=1d&format=csv',
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/)
    const lines = (await res.text()).trim().split('\n')
    expect(lines[0]).toBe('station_id,name_zh,name_en,kind,town,from,to,expected,received,valid,transmission_pct,valid_data_pct')
    expect(lines[1]).toBe(
      "W1,水站一,'=Water one,water,东城街道,2026-03-10T00:00:00+08:00,2026-03-11T00:00:00+08:00,2592,2430,2426,93.75,93.6",
    )
    expect(lines).toHaveLength(3)
  })

  it.each([
    ['viewer', 'format=csv', 403],
    ['operator', 'every=1d&from=2026-02-01T00:00:00%2B08:00', 403],
    ['analyst', 'every=1d&from=2026-02-01T00:00:00%2B08:00', 200],
    [null, '', 401],
    ['admin', 'every=1w', 400],
    ['admin', 'station=NOPE', 404],
  ] as const)('%s asking %s gets %i', async (role, q, status) => {
    expect((await sys.apiAs(role, `/api/completeness?${q}`)).status).toBe(status)
  })
})

describe('valid-data-rate target and missing hours', () => {
  it('the targets board shows the valid-data rate of the completed days against the configured goal', async () => {
    const res = await sys.api('/api/targets?period=month&at=2026-03-11T00:00:00%2B08:00')
    const t = ((await res.json()) as TargetsBody).targets.find((x) => x.id === 'online-valid-data-rate')!
    // 1–10 March: AIR2 silent all 10 days (14 400 min × 6), AIR1 from 10 March 10:00 (5040), W1 10 March (2592).
    const expected = 14_400 * 6 + 5040 + 2592
    expect(t.target).toBe(95)
    expect(t.detail).toMatchObject({ expected, received: 2730, valid: 2718 })
    expect(t.value).toBeCloseTo((100 * 2718) / expected, 9)
    // The month is in progress: below the goal but not yet out of reach.
    expect(t.status).toBe('at-risk')
    expect(t.breakdown!.map((b) => b.id)).toEqual(['AIR2', 'AIR1', 'W1'])
  })

  it('missingHours lists the closed hours gap recovery should ask for', async () => {
    const h = await sys.completeness.missingHours('W1', cst('2026-03-10T00:00:00'), cst('2026-03-11T00:00:00'))
    expect(h.map((x) => [new Date(x.from).toISOString(), x.state, x.received])).toEqual([
      ['2026-03-09T19:00:00.000Z', 'missing', 0],
      ['2026-03-10T06:00:00.000Z', 'partial', 6],
    ])
  })
})

describe('reviewed data', () => {
  it('values a reviewer marks invalid stay received but leave the valid count', async () => {
    const day = 'station=W1&every=1d&from=2026-03-10T00:00:00%2B08:00&to=2026-03-11T00:00:00%2B08:00'
    const res = await sys.apiAs('reviewer', '/api/review/marks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        stationId: 'W1',
        metrics: ['ph'],
        from: new Date(cst('2026-03-10T10:00:00')).toISOString(),
        to: new Date(cst('2026-03-10T11:00:00')).toISOString(),
        action: 'invalid',
        reason: 'calibration',
      }),
    })
    expect(res.status).toBeLessThan(300)
    // 10:00–11:00: 12 five-minute pH values, all N before the mark.
    const b = await get(day)
    expect(b.stations[0]!.total.metrics.ph).toMatchObject({ expected: 288, received: 270, valid: 254 })
    expect(b.stations[0]!.total).toMatchObject({ received: 2430, valid: 2414 })
  })
})
