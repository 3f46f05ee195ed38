import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DeadLetterLog, makeDeadLetter, type DeadLetter } from './dead-letter'

const dirs: string[] = []
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'envmon-dl-'))
  dirs.push(d)
  return join(d, 'dead-letter')
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const letter = (reason: DeadLetter['reason'], stationId: string | undefined, at: number, payload = Buffer.from(`payload ${at}`)) =>
  makeDeadLetter({ topic: `envmon/v1/air/${stationId ?? 'X'}/reading`, stationId, reason, message: `${reason} at ${at}` }, payload, at)

/** A clock the test moves. */
const clock = (start = Date.UTC(2026, 11, 5)) => {
  const c = { t: start, now: () => c.t }
  return c
}

describe('dead letter counts', () => {
  it('counts every letter by reason and by station, exactly, under a flood', () => {
    const log = new DeadLetterLog()
    for (let i = 0; i < 20_000; i++) log.add(letter('not-json', 'DG-AIR-01', i))
    log.add(letter('unauthorized', 'DG-AIR-02', 1))
    log.add(letter('too-large', undefined, 2))
    const c = log.counts()
    expect(c).toMatchObject({
      total: 20_002,
      byReason: { 'not-json': 20_000, unauthorized: 1, 'too-large': 1 },
      byStation: { 'DG-AIR-01': 20_000, 'DG-AIR-02': 1, _: 1 },
    })
    expect(c.byStationReason['DG-AIR-01']).toEqual({ 'not-json': 20_000 })
    expect(c.unsampled + c.sampled).toBe(20_002)
  })
})

describe('dead letter samples', () => {
  it('keeps the other reasons and stations when one pair floods', () => {
    const c = clock()
    const log = new DeadLetterLog({ now: c.now, perPair: 5 })
    log.add(letter('kind-mismatch', 'DG-WAT-01', c.t))
    for (let i = 0; i < 50_000; i++) {
      c.t += 10 // 100 a second: over the rate limit most of the time
      log.add(letter('not-json', 'DG-AIR-01', c.t))
    }
    log.add(letter('unauthorized', 'DG-AIR-02', c.t))
    expect(log.recent(500, { reason: 'kind-mismatch' })).toHaveLength(1)
    expect(log.recent(500, { reason: 'not-json' })).toHaveLength(5)
    expect(log.recent(1)[0]).toMatchObject({ reason: 'unauthorized', stationId: 'DG-AIR-02' })
    expect(log.recent(500).map((d) => d.reason)).toEqual([
      'unauthorized',
      'not-json',
      'not-json',
      'not-json',
      'not-json',
      'not-json',
      'kind-mismatch',
    ])
  })

  it('a flood of many stations with one reason replaces only that reason’s stations', () => {
    const c = clock()
    const log = new DeadLetterLog({ now: c.now, pairsPerReason: 10 })
    log.add(letter('schema', 'DG-AIR-01', c.t))
    for (let i = 0; i < 1000; i++) log.add(letter('unknown-station', `FAKE-${i}`, (c.t += 1000)))
    expect(new Set(log.recent(500, { reason: 'unknown-station' }).map((d) => d.stationId)).size).toBe(10)
    expect(log.recent(500, { reason: 'schema' })).toHaveLength(1)
    expect(log.counts().byReason['unknown-station']).toBe(1000)
  })

  it('rate-limits the samples of a flood while counting every letter', () => {
    const c = clock()
    const log = new DeadLetterLog({ now: c.now, perPair: 20, samplesPerSecond: { reason: 20, pair: 1 } })
    for (let i = 0; i < 1000; i++) log.add(letter('not-json', 'DG-AIR-01', c.t))
    expect(log.counts()).toMatchObject({ total: 1000, sampled: 20, unsampled: 980 })
    c.t += 3000
    log.add(letter('not-json', 'DG-AIR-01', c.t))
    expect(log.recent(1)[0]!.receivedAt).toBe(new Date(c.t).toISOString())
  })

  it('keeps samples within the byte budget, evicting from the reason that holds the most', () => {
    const c = clock()
    const log = new DeadLetterLog({ now: c.now, maxBytes: 1024 * 1024, perPair: 50, pairsPerReason: 1000 })
    const big = Buffer.alloc(4096, 0x41)
    log.add(letter('hj212-crc', undefined, c.t, big))
    for (let i = 0; i < 2000; i++) log.add(letter('too-large', `S-${i}`, (c.t += 1000), big))
    const kept = log.recent(5000)
    const bytes = kept.reduce((s, d) => s + JSON.stringify(d).length, 0)
    expect(bytes).toBeLessThan(0.4 * 1024 * 1024)
    expect(kept.some((d) => d.reason === 'hj212-crc')).toBe(true)
    expect(log.counts().byReason['too-large']).toBe(2000)
  })
})

describe('dead letter on disk', () => {
  it('survives a restart: counts, samples and their order', () => {
    const dir = tempDir()
    const c = clock()
    const a = new DeadLetterLog({ dir, now: c.now })
    for (let i = 0; i < 300; i++) a.add(letter('not-json', 'DG-AIR-01', (c.t += 100)))
    a.add(letter('unauthorized', 'DG-AIR-02', (c.t += 100)))
    a.close()
    const before = a.recent(500)
    const b = new DeadLetterLog({ dir, now: c.now })
    expect(b.counts()).toEqual(a.counts())
    expect(b.recent(500)).toEqual(before)
    b.add(letter('schema', 'DG-AIR-03', (c.t += 5000)))
    b.close()
    const d = new DeadLetterLog({ dir, now: c.now })
    expect(d.counts().total).toBe(302)
    expect(d.recent(1)[0]).toMatchObject({ reason: 'schema', stationId: 'DG-AIR-03' })
  })

  it('keeps its folder and files owner-only: samples hold raw payloads (an HJ 212 frame has its PW)', () => {
    const dir = tempDir()
    const c = clock()
    const log = new DeadLetterLog({ dir, now: c.now, maxBytes: 1024 * 1024 })
    for (let i = 0; i < 2000; i++) log.add(letter('hj212-password', `S-${i % 50}`, (c.t += 1000), Buffer.alloc(2048, 0x41)))
    log.close()
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    const files = readdirSync(dir)
    expect(files.some((f) => f.startsWith('samples-'))).toBe(true)
    expect(files).toContain('counts.json')
    for (const f of files) expect([f, statSync(join(dir, f)).mode & 0o777]).toEqual([f, 0o600])
  })

  it('stays within its size bound under a long flood of large letters', () => {
    const dir = tempDir()
    const c = clock()
    const maxBytes = 1024 * 1024
    const log = new DeadLetterLog({ dir, now: c.now, maxBytes })
    const big = Buffer.alloc(4096, 0x42)
    let peak = 0
    for (let i = 0; i < 20_000; i++) {
      c.t += 50
      log.add(letter(i % 7 === 0 ? 'schema' : 'too-large', `S-${i % 300}`, c.t, big))
      if (i % 100 === 0) {
        log.flush()
        peak = Math.max(peak, log.diskBytes())
      }
    }
    log.close()
    expect(peak).toBeGreaterThan(maxBytes * 0.3)
    expect(peak).toBeLessThanOrEqual(maxBytes)
    expect(readdirSync(dir).filter((f) => f.startsWith('samples-'))).toHaveLength(1)
    const again = new DeadLetterLog({ dir, now: c.now, maxBytes })
    expect(again.counts().total).toBe(20_000)
    expect(again.recent(10, { reason: 'schema' }).length).toBeGreaterThan(0)
  })

  it('skips a line torn by a crash and keeps the rest', () => {
    const dir = tempDir()
    const a = new DeadLetterLog({ dir })
    a.add(letter('not-json', 'DG-AIR-01', 1))
    a.close()
    const seg = readdirSync(dir).find((f) => f.startsWith('samples-'))!
    appendFileSync(join(dir, seg), '{"seq":99,"letter":{"topic":"x","rea')
    const b = new DeadLetterLog({ dir })
    expect(b.recent(10)).toHaveLength(1)
    expect(b.counts().total).toBe(1)
  })
})

describe('dead letter under a flood of distinct stations', () => {
  it('stays fast and bounded with 100k distinct unknown station ids', () => {
    const log = new DeadLetterLog()
    const t0 = performance.now()
    for (let i = 0; i < 100_000; i++) log.add(letter('unknown-station', `FAKE-${i}`, 1))
    expect(performance.now() - t0).toBeLessThan(10_000)
    const c = log.counts()
    expect(c.total).toBe(100_000)
    expect(Object.keys(c.byStation).length).toBeLessThanOrEqual(5001)
    expect(Object.values(c.byStation).reduce((a, b) => a + b, 0)).toBe(100_000)
    expect(log.recent(5000).length).toBeLessThanOrEqual(200)
  })
})
