/**
 * The public release API (issue 14) through the real system: hand-computed daily AQI and 24-hour
 * AQI from readings written into DuckDB, no internal station detail in any public body, ETag/304
 * from the response cache, the per-address rate limit (429 with Retry-After, addresses taken
 * through TRUST_PROXY), and PUBLIC_VIEW=0 turning the whole area off.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Reading } from '../shared/src/domain/reading'
import type { Station } from '../shared/src/domain/station'
import { forbiddenKeysIn, type PublicDailyBody, type PublicStationBody, type PublicWaterBody } from '../shared/src/protocol/http/public'
import { startTestSystem, type TestSystem } from './helpers/start-system'

const H = 3_600_000
const DAY = 24 * H
const todayStart = Math.floor((Date.now() + 8 * H) / DAY) * DAY - 8 * H
const dayBefore = todayStart - 2 * DAY
const cstDate = (t: number) => new Date(t + 8 * H).toISOString().slice(0, 10)
const hourNow = Math.floor(Date.now() / H) * H

// Internal detail that must never reach a citizen.
const NOTE = 'gate code 4711, call Mr Li'
const MN = 'MN88888888INTERNAL'
const base = {
  lon: 113.75,
  lat: 23.02,
  town: '莞城街道',
  townEn: 'Guancheng',
  approx: true,
  intervalSec: 3600,
  note: NOTE,
  mn: MN,
  keySource: true,
}
const STATIONS: Station[] = [
  { ...base, id: 'A1', kind: 'air', nameZh: '甲站', nameEn: 'Station A', standardClass: 'II' },
  { ...base, id: 'A2', kind: 'air', nameZh: '乙站', nameEn: 'Station B', standardClass: 'II' },
  { ...base, id: 'A3', kind: 'air', nameZh: '丙站', nameEn: 'Station C', standardClass: 'II' },
  { ...base, id: 'W1', kind: 'water', nameZh: '水源一', nameEn: 'Source 1', standardClass: 'III', waterBody: 'river' },
]

function hourly(id: string, kind: Station['kind'], from: number, hours: number, values: Record<string, number>): Reading[] {
  return Array.from({ length: hours }, (_, h) => ({ stationId: id, kind, ts: from + h * H, values }))
}

const LOW = { pm10: 40, so2: 10, no2: 20, co: 0.5 }
let sys: TestSystem
const dir = mkdtempSync(join(tmpdir(), 'envmon-public-'))
beforeAll(async () => {
  writeFileSync(join(dir, 'stations.json'), JSON.stringify({ version: 1, stations: STATIONS }))
  sys = await startTestSystem({ TRUST_PROXY: 'loopback', PUBLIC_RATE_LIMIT: '20', PUBLIC_CACHE_TTL: '30' }, {}, dir)
  await sys.store.write([
    // The day before yesterday: A1 PM2.5 50 all day (daily AQI 69, good), A2 PM2.5 100 (132, lightly
    // polluted), A3 nothing. City: mean PM2.5 75 → IAQI 100 exactly (a breakpoint): AQI 100, good.
    ...hourly('A1', 'air', dayBefore, 24, { pm25: 50, o3: 80, ...LOW }),
    ...hourly('A2', 'air', dayBefore, 24, { pm25: 100, o3: 80, ...LOW }),
    // A3, the last 30 complete hours: PM2.5 80 → IAQI 106.25 → 107 (HJ 633 rounds up), O3 1-h 120 → 37.5.
    ...hourly('A3', 'air', hourNow - 30 * H, 30, { pm25: 80, o3: 120, ...LOW }),
    ...hourly('W1', 'water', todayStart - 2 * DAY, 48, { nh3n: 0.8, do: 6, codmn: 4, ph: 7.5 }),
  ])
})
afterAll(async () => {
  await sys?.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** A public GET from a given client address (through the trusted loopback proxy). */
const get = (path: string, ip = '10.0.0.1', headers: Record<string, string> = {}) =>
  fetch(`${sys.url}${path}`, { headers: { 'X-Forwarded-For': ip, ...headers } })

describe('public bodies', () => {
  it("the daily summary gives each station's daily AQI, level and primary pollutant, and the city's", async () => {
    const res = await get(`/api/public/daily?day=${cstDate(dayBefore)}`)
    expect(res.status).toBe(200)
    const b = (await res.json()) as PublicDailyBody
    expect(b.day).toBe(cstDate(dayBefore))
    expect(b.data).toEqual({ status: 'provisional', policy: 'provisional' })
    const by = Object.fromEntries(b.stations.map((s) => [s.id, s]))
    expect(by.A1).toMatchObject({ aqi: 69, level: 'II', primary: ['pm25'], category: { zh: '良', en: 'good' } })
    expect(by.A2).toMatchObject({ aqi: 132, level: 'III', primary: ['pm25'], color: '#ff7e00' })
    expect(by.A3).toMatchObject({ aqi: null, level: null, primary: [] })
    expect(b.city).toMatchObject({ aqi: 100, level: 'II', primary: ['pm25'] })
  })

  it('a day whose air stations are all signed off is labelled reviewed (data review, issue 13)', async () => {
    const day = cstDate(dayBefore - DAY)
    const signoff = await sys.apiAs('reviewer', '/api/review/signoff', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'air', day }),
    })
    expect(signoff.status).toBe(201)
    const b = (await (await get(`/api/public/daily?day=${day}`)).json()) as PublicDailyBody
    expect(b.data).toEqual({ status: 'reviewed', policy: 'provisional' })
  })

  it('a station gives its latest 1-h values and the last 24 hours of AQI', async () => {
    const b = (await (await get('/api/public/stations/A3')).json()) as PublicStationBody
    expect(b.hours).toHaveLength(24)
    expect(b.hours.at(-1)).toEqual({ ts: new Date(hourNow - H).toISOString(), aqi: 107, level: 'III', color: '#ff7e00' })
    expect(b.hours.every((h) => h.aqi === 107)).toBe(true)
    expect(b.latest).toEqual({
      ts: new Date(hourNow - H).toISOString(),
      values: { pm25: 80, o3: 120, pm10: 40, so2: 10, no2: 20, co: 0.5 },
    })
    expect(b.station).toMatchObject({ id: 'A3', nameZh: '丙站', townEn: 'Guancheng' })
  })

  it('an unknown or non-air station is 404', async () => {
    expect((await get('/api/public/stations/W1')).status).toBe(404)
    expect((await get('/api/public/stations/nope')).status).toBe(404)
  })

  it.each(['day=2020-01-01', 'day=tomorrow', `day=${cstDate(todayStart)}`])('daily?%s is refused with 400', async (q) => {
    expect((await get(`/api/public/daily?${q}`)).status).toBe(400)
  })

  it("the water body lists every drinking-water source's compliance", async () => {
    const b = (await (await get('/api/public/water')).json()) as PublicWaterBody
    expect(b.sources).toHaveLength(1)
    expect(b.sources[0]).toMatchObject({ id: 'W1', nameZh: '水源一', targetClass: 'III' })
    // The month may have just begun (no completed day with data): then W1 is not assessed yet.
    if (b.sources[0]!.compliant !== null) expect(b.sources[0]).toMatchObject({ waterClass: 'III', compliant: true })
  })

  it.each(['/api/public/aqi', '/api/public/stations/A3', '/api/public/daily', '/api/public/water', '/api/public/targets'])(
    '%s carries no internal field',
    async (path) => {
      const res = await get(path)
      expect(res.status).toBe(200)
      const text = await res.text()
      expect(forbiddenKeysIn(JSON.parse(text))).toEqual([])
      expect(text).not.toContain(NOTE)
      expect(text).not.toContain(MN)
      expect(JSON.parse(text).data.status).toMatch(/^(provisional|reviewed)$/)
    },
  )
})

describe('cache and rate limit', () => {
  it('answers If-None-Match with 304 and the same ETag', async () => {
    const first = await get('/api/public/aqi', '10.0.0.2')
    const etag = first.headers.get('etag')
    expect(etag).toMatch(/^"[\w-]+"$/)
    expect(first.headers.get('cache-control')).toBe('public, max-age=30')
    const again = await get('/api/public/aqi', '10.0.0.2', { 'If-None-Match': etag! })
    expect(again.status).toBe(304)
    expect(again.headers.get('etag')).toBe(etag)
    expect(await again.text()).toBe('')
    expect((await get('/api/public/aqi', '10.0.0.2', { 'If-None-Match': '"other"' })).status).toBe(200)
  })

  it('refuses an address past its limit with 429 and Retry-After, and not another address', async () => {
    for (let i = 0; i < 20; i++) expect((await get('/api/public/aqi', '10.0.0.3')).status).toBe(200)
    const refused = await get('/api/public/aqi', '10.0.0.3')
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('too-many-requests')
    expect((await get('/api/public/aqi', '10.0.0.4')).status).toBe(200)
  })

  it('does not limit the operator API', async () => {
    for (let i = 0; i < 25; i++) expect((await sys.api('/api/stations')).status).toBe(200)
  })
})

describe('PUBLIC_MAX_RPS', () => {
  it('caps all public requests of the process, whatever their addresses (503 with Retry-After)', async () => {
    const capped = await startTestSystem({ PUBLIC_MAX_RPS: '5', TRUST_PROXY: 'loopback' })
    try {
      const res = await Promise.all(
        Array.from({ length: 12 }, (_, i) => fetch(`${capped.url}/api/public/aqi`, { headers: { 'X-Forwarded-For': `10.1.0.${i}` } })),
      )
      const busy = res.filter((r) => r.status === 503)
      expect(res.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(5)
      expect(busy.length).toBeGreaterThanOrEqual(1)
      expect(busy[0]!.headers.get('retry-after')).toBe('1')
      // The operators' API is not counted.
      expect((await capped.api('/api/stations')).status).toBe(200)
    } finally {
      await capped.stop()
    }
  })
})

describe('PUBLIC_VIEW=0', () => {
  it('turns the page and every public endpoint off (404)', async () => {
    const off = await startTestSystem({ PUBLIC_VIEW: '0' })
    try {
      for (const p of [
        '/public',
        '/public.html',
        '/api/public/aqi',
        '/api/public/stations/DG-AIR-01',
        '/api/public/daily',
        '/api/public/water',
        '/api/public/targets',
      ]) {
        expect((await fetch(`${off.url}${p}`)).status, p).toBe(404)
      }
    } finally {
      await off.stop()
    }
  })
})
