/**
 * History and export: a year of one-minute data of a station streams as CSV without a row cap and
 * with flat memory; multi-station export; aggregation of several metrics; /metrics and the
 * OpenAPI description.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Reading } from '../shared/src/domain/reading'
import { startTestSystem, type TestSystem } from './helpers/start-system'

let sys: TestSystem
const YEAR_START = Date.parse('2025-11-01T00:00:00+08:00')
const MINUTES = 365 * 1440
beforeAll(async () => {
  sys = await startTestSystem({ RETENTION_DAYS: '800' })
  // One year of one-minute PM2.5 and PM10 for one station, written through the store port.
  const batch: Reading[] = []
  for (let i = 0; i < MINUTES; i++) {
    batch.push({ stationId: 'DG-AIR-01', kind: 'air', ts: YEAR_START + i * 60_000, values: { pm25: i % 100, pm10: 50 } })
    if (batch.length === 50_000) await sys.store.write(batch.splice(0))
  }
  await sys.store.write(batch)
}, 120_000)
afterAll(async () => {
  await sys?.stop()
})

/** Read a streamed body chunk by chunk, counting lines, without keeping it. */
async function consume(res: Response, onChunk: () => void): Promise<{ lines: number; first: string; last: string }> {
  const reader = res.body!.getReader()
  const dec = new TextDecoder()
  let lines = 0
  let first: string | undefined
  let last = ''
  let tail = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    const parts = (tail + dec.decode(value, { stream: true })).split('\n')
    tail = parts.pop()!
    if (parts.length) {
      first ??= parts[0]
      last = parts.at(-1)!
      lines += parts.length
    }
    onChunk()
  }
  return { lines, first: first ?? '', last }
}

describe('CSV export', () => {
  it('streams a year of one-minute data of two metrics with flat memory', async () => {
    const from = YEAR_START
    const to = YEAR_START + MINUTES * 60_000
    // The live heap (after a forced collection, vitest.config.ts execArgv) at the start and every
    // 16 chunks while the body streams: garbage not yet collected would only add noise.
    const gc = globalThis.gc
    expect(gc).toBeTypeOf('function')
    gc!()
    const base = process.memoryUsage().heapUsed
    let peak = base
    let chunks = 0
    const res = await sys.apiAs('analyst', `/api/stations/DG-AIR-01/series?metric=pm25,pm10&from=${from}&to=${to}&every=raw&format=csv`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/csv/)
    const out = await consume(res, () => {
      if (++chunks % 16 !== 0) return
      gc!()
      peak = Math.max(peak, process.memoryUsage().heapUsed)
    })
    expect(chunks).toBeGreaterThan(64) // it did stream, in many chunks
    expect(out.first).toBe('station_id,metric,time,value,flag,review')
    expect(out.lines).toBe(1 + 2 * MINUTES)
    expect(out.last).toMatch(/^DG-AIR-01,pm25,2026-10-31T23:59:00\.000\+08:00,/)
    // 1 051 200 rows are ~40 MB of CSV (~80 MB as JS strings); streaming keeps the live heap far below
    // that (about 5 MB above the start here).
    expect(peak - base).toBeLessThan(16 * 1024 * 1024)
  }, 120_000)

  it('aggregates several metrics in one call', async () => {
    const from = YEAR_START
    const res = await sys.apiAs(
      'analyst',
      `/api/stations/DG-AIR-01/series?metric=pm25,pm10&from=${from}&to=${from + 2 * 86_400_000}&every=1d&fn=max`,
    )
    const body = (await res.json()) as { series: { metric: string; t: number[]; v: number[] }[] }
    expect(body.series).toEqual([
      { metric: 'pm25', t: [from, from + 86_400_000], v: [99, 99] },
      { metric: 'pm10', t: [from, from + 86_400_000], v: [50, 50] },
    ])
  })

  it('exports several stations of a kind for a period', async () => {
    const ts = Date.now() - 600_000
    await sys.store.write([
      { stationId: 'DG-AIR-02', kind: 'air', ts, values: { pm25: 11 } },
      { stationId: 'DG-AIR-03', kind: 'air', ts, values: { pm25: 12 } },
      { stationId: 'DG-WAT-01', kind: 'water', ts, values: { ph: 7 } },
    ])
    const res = await sys.apiAs('analyst', `/api/export?kind=air&metric=pm25&from=${ts}&to=${ts + 1}&every=raw`)
    const text = await res.text()
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="envmon_air_city_/)
    expect(text.trim().split('\n').slice(1)).toEqual([
      expect.stringMatching(/^DG-AIR-02,pm25,.*,11,N,$/),
      expect.stringMatching(/^DG-AIR-03,pm25,.*,12,N,$/),
    ])
  })

  it('refuses an inverted range and a missing metric with clear messages', async () => {
    const a = await sys.apiAs('analyst', '/api/stations/DG-AIR-01/series?metric=pm25&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z')
    expect(a.status).toBe(400)
    expect(await a.json()).toEqual({ error: { code: 'bad-request', message: 'from must be before to' } })
    const b = await sys.apiAs('analyst', '/api/stations/DG-AIR-01/series?from=yesterday')
    expect(b.status).toBe(400)
    expect(((await b.json()) as { error: { code: string } }).error.code).toBe('validation')
  })
})

describe('metrics and OpenAPI', () => {
  it('/metrics serves Prometheus text with the ingest, store, buffer, alert and client figures', async () => {
    const text = await (await fetch(`${sys.url}/metrics`)).text()
    for (const name of [
      'envmon_ingest_messages_total',
      'envmon_deadletters_total',
      'envmon_store_write_seconds',
      'envmon_buffer_readings',
      'envmon_spool_bytes',
      'envmon_alerts_open',
      'envmon_socket_clients',
    ]) {
      expect(text).toContain(`# TYPE ${name}`)
    }
  })

  it('/api/openapi.json describes every route with its roles', async () => {
    const doc = (await (await sys.apiAs(null, '/api/openapi.json')).json()) as {
      openapi: string
      paths: Record<string, Record<string, { 'x-roles': unknown }>>
    }
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.paths['/api/stations/{id}/series']!.get!['x-roles']).toEqual(['viewer', 'operator', 'analyst', 'reviewer', 'admin'])
    expect(doc.paths['/api/alerts/{id}/ack']!.post!['x-roles']).toEqual(['operator', 'admin'])
  })
})

describe('decimated raw series for charts', () => {
  it('a year of one-minute data arrives as a few thousand points with the extremes kept', async () => {
    const from = YEAR_START
    const to = YEAR_START + MINUTES * 60_000
    const res = await sys.apiAs('analyst', `/api/stations/DG-AIR-01/series?metric=pm25&from=${from}&to=${to}&every=raw&points=4000`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { series: { t: number[]; v: number[]; decimated?: boolean }[] }
    const s = body.series[0]!
    expect(s.decimated).toBe(true)
    expect(s.t.length).toBeLessThanOrEqual(4000)
    expect(Math.min(...s.v)).toBe(0)
    expect(Math.max(...s.v)).toBe(99)
    expect(s.t[0]).toBe(from)
    expect(s.t.at(-1)).toBe(to - 60_000)
  })
})
