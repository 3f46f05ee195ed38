/**
 * The public edge (issue 14, "a burst of citizens cannot slow the operators' console"): with
 * PUBLIC_PORT set, the citizens' page and /api/public/* are served on their own port by a child
 * process at a lower CPU priority. Shown here through the real system: the same bodies and ETags as
 * the main port, one body asked of the main process per key however many requests, the rate limits
 * and refusals on the edge, nothing of the operators' API or page on it, answers while the main
 * process is blocked, its nice value, and that it goes with the system.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { getPriority, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Station } from '../shared/src/domain/station'
import { startTestSystem, type TestSystem } from './helpers/start-system'

const H = 3_600_000
const hourNow = Math.floor(Date.now() / H) * H
const base = { lon: 113.75, lat: 23.02, town: '莞城街道', townEn: 'Guancheng', approx: true, intervalSec: 3600, note: 'gate code 4711' }
const STATIONS: Station[] = [
  { ...base, id: 'A1', kind: 'air', nameZh: '甲站', nameEn: 'Station A', standardClass: 'II' },
  { ...base, id: 'A2', kind: 'air', nameZh: '乙站', nameEn: 'Station B', standardClass: 'II' },
]

let sys: TestSystem
let edge: string
const dir = mkdtempSync(join(tmpdir(), 'envmon-edge-'))
beforeAll(async () => {
  writeFileSync(join(dir, 'stations.json'), JSON.stringify({ version: 1, stations: STATIONS }))
  sys = await startTestSystem({ PUBLIC_PORT: '0', TRUST_PROXY: 'loopback', PUBLIC_RATE_LIMIT: '40' }, {}, dir)
  edge = sys.publicEdge!.url
  await sys.store.write(
    Array.from({ length: 30 }, (_, h) => ({
      stationId: 'A1',
      kind: 'air' as const,
      ts: hourNow - 30 * H + h * H,
      values: { pm25: 80, pm10: 40, so2: 10, no2: 20, co: 0.5, o3: 120 },
    })),
  )
})
afterAll(async () => {
  const pid = sys?.publicEdge?.pid
  await sys?.stop()
  rmSync(dir, { recursive: true, force: true })
  // The edge went with the system.
  expect(pid && isRunning(pid)).toBe(false)
})

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const get = (url: string, ip = '10.0.0.1', headers: Record<string, string> = {}) =>
  fetch(url, { headers: { 'X-Forwarded-For': ip, ...headers } })

describe('public edge (PUBLIC_PORT)', () => {
  it('serves the same bodies and ETags as the main port, and 304 for a held ETag', async () => {
    for (const path of ['/api/public/aqi', '/api/public/stations/A1', '/api/public/water']) {
      const [a, b] = await Promise.all([get(`${sys.url}${path}`, '10.0.1.1'), get(`${edge}${path}`, '10.0.1.2')])
      expect([a.status, b.status]).toEqual([200, 200])
      expect(b.headers.get('etag')).toBe(a.headers.get('etag'))
      expect(await b.text()).toBe(await a.text())
      expect(b.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/)
      for (const h of ['x-content-type-options', 'x-frame-options', 'referrer-policy']) expect(b.headers.get(h)).toBe(a.headers.get(h))
      expect(b.headers.get('x-frame-options')).toBe('DENY')
      const again = await get(`${edge}${path}`, '10.0.1.2', { 'If-None-Match': b.headers.get('etag')! })
      expect(again.status).toBe(304)
    }
    const station = (await (await get(`${edge}/api/public/stations/A1`, '10.0.1.3')).json()) as { hours: { aqi: number | null }[] }
    expect(station.hours.some((h) => h.aqi === 107)).toBe(true) // PM2.5 80 → IAQI 106.25 → 107 (HJ 633 rounds up)
  })

  it('asks the main process once per body, however many citizens ask', async () => {
    const before = sys.publicEdge!.stats.asked
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => get(`${edge}/api/public/stations/A2`, `10.0.2.${i}`)))
    expect(answers.every((r) => r.status === 200)).toBe(true)
    expect(sys.publicEdge!.stats.asked - before).toBe(1)
  })

  it('refuses what the main port refuses, with the same errors, and serves nothing of the operators', async () => {
    const cases: [string, number, string][] = [
      ['/api/public/stations/NOPE', 404, 'not-found'],
      ['/api/public/daily?day=yesterday', 400, 'bad-request'],
      ['/api/public/nothing', 404, 'not-found'],
      ['/api/stations', 404, 'not-found'],
      ['/api/auth/me', 404, 'not-found'],
      ['/socket.io/?EIO=4&transport=polling', 404, 'not-found'],
    ]
    for (const [path, status, code] of cases) {
      const r = await get(`${edge}${path}`, '10.0.3.1')
      expect([path, r.status]).toEqual([path, status])
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe(code)
    }
    const main404 = await get(`${sys.url}/api/public/stations/NOPE`, '10.0.3.2')
    expect(main404.status).toBe(404)
  })

  it("serves the citizens' page and its assets, not the operators' page", async () => {
    const page = await get(`${edge}/public`, '10.0.4.1')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toBe(readFileSync(join(process.cwd(), 'dist/client/public.html'), 'utf8'))
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!
    expect((await get(`${edge}${script}`, '10.0.4.1')).status).toBe(200)
    expect((await get(`${edge}/index.html`, '10.0.4.1')).status).toBe(404)
    expect((await get(`${edge}/alerts`, '10.0.4.1')).status).toBe(404)
  })

  it('applies the per-address rate limit on the edge (429 with Retry-After)', async () => {
    const codes: number[] = []
    for (let i = 0; i < 42; i++) codes.push((await get(`${edge}/api/public/aqi`, '10.0.5.1')).status)
    expect(codes.slice(0, 40).every((c) => c === 200)).toBe(true)
    expect(codes.slice(40)).toEqual([429, 429])
    const r = await get(`${edge}/api/public/aqi`, '10.0.5.1')
    expect(r.headers.get('retry-after')).toMatch(/^\d+$/)
    expect((await get(`${edge}/api/public/aqi`, '10.0.5.2')).status).toBe(200) // another address is not affected
  })

  it('answers a held body while the main process is busy (its own event loop), at nice 10', async () => {
    await get(`${edge}/api/public/aqi`, '10.0.6.1') // held now
    // A client on its own thread asks 5 times while this (the server's main) thread is blocked for 1.5 s.
    const client = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads')
      ;(async () => {
        parentPort.postMessage({ started: Date.now() })
        const done = []
        for (let i = 0; i < 5; i++) {
          const r = await fetch(workerData.url, { headers: { 'X-Forwarded-For': '10.0.6.2' } })
          await r.text()
          done.push({ at: Date.now(), status: r.status })
        }
        parentPort.postMessage({ done })
      })()`,
      { eval: true, workerData: { url: `${edge}/api/public/aqi` } },
    )
    const messages: { started?: number; done?: { at: number; status: number }[] }[] = []
    const finished = new Promise<void>((resolve) => client.on('message', (m) => messages.push(m) && m.done && resolve()))
    await new Promise<void>((resolve) => client.once('message', () => resolve()))
    const blockedUntil = Date.now() + 1500
    while (Date.now() < blockedUntil) {
      /* the main thread is blocked: no timer, no socket, no message is handled here */
    }
    await finished
    await client.terminate()
    const done = messages.find((m) => m.done)!.done!
    expect(done.map((d) => d.status)).toEqual([200, 200, 200, 200, 200])
    expect(done.every((d) => d.at < blockedUntil)).toBe(true)
    expect(getPriority(sys.publicEdge!.pid!)).toBe(10) // PUBLIC_NICE's default
  })
})
