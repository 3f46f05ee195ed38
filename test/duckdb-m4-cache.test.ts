/**
 * The DuckDB store's M4 cell cache (issue 16, server/src/store/m4-cache.ts): a decimated request on
 * the epoch grid (the station page's live window) is answered from the kept cells and the rows
 * outside them, and always equals the M4 of every stored point: on a repeat, on a window that has
 * moved, after live data, after late data into a kept cell, with a late write racing the query,
 * valid-only apart from all values. Real DuckDB in a temp dir; the reference is decimateM4 over the
 * store's own raw points.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DataFlag, Reading } from '../shared/src/domain/reading'
import { alignM4Window, m4Buckets, m4GridWidth } from '../shared/src/protocol/http/series'
import { decimateM4 } from '../server/src/store/decimate'
import { DuckDbStore } from '../server/src/store/duckdb-store'
import { M4Cache } from '../server/src/store/m4-cache'
import { MIN, reading, SEC, T0 } from './helpers/store-fixtures'

let dir: string
let store: DuckDbStore
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'envmon-m4-'))
  store = await DuckDbStore.open({ path: join(dir, 'store.duckdb') })
  expect(await store.marksReady()).toBe(true)
})
afterEach(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

const POINTS = 400 // 100 cells
const SPAN = 6 * 60 * MIN

/** A reading every 10 s of pm25 over [from, from + n × 10 s), a wave with flags on some. */
const every10s = (from: number, n: number, phase = 0): Reading[] =>
  Array.from({ length: n }, (_, i) =>
    reading(
      'A',
      'air',
      from + i * 10 * SEC,
      { pm25: 50 + 40 * Math.sin((i + phase) / 23) + ((i * 37) % 11) },
      i % 97 === 0 ? { pm25: 'D' } : undefined,
    ),
  )

/** The M4 of every stored point of the window, as the request would have it without a cache. */
async function reference(from: number, to: number, validOnly = false) {
  const [raw] = await store.series({ stationId: 'A', metrics: ['pm25'], from, to, every: 'raw', fn: 'mean', validOnly })
  return { metric: 'pm25', ...decimateM4(raw!.t, raw!.v, raw!.flags!, from, to, m4Buckets(POINTS)), decimated: true }
}

const decimated = async (from: number, to: number, validOnly = false) =>
  (await store.series({ stationId: 'A', metrics: ['pm25'], from, to, every: 'raw', fn: 'mean', maxPoints: POINTS, validOnly }))[0]!

/** The live window ending at `now` on the grid, as the client asks it. */
const windowAt = (now: number) => alignM4Window(now - SPAN, now + MIN, POINTS)

describe('DuckDB store: M4 cells kept for windows on the grid', () => {
  it('a repeat reads the kept cells and equals the M4 of all points', async () => {
    const now = T0 + 8 * 60 * MIN
    await store.write(every10s(now - 7 * 60 * MIN, 7 * 360))
    const w = windowAt(now)
    expect(m4GridWidth(w.from, w.to, POINTS)).toBeDefined()
    const first = await decimated(w.from, w.to)
    expect(first).toEqual(await reference(w.from, w.to))
    expect(store.m4.stats.cellsServed).toBe(0)
    expect(store.m4.stats.cellsKept).toBeGreaterThan(90)
    const again = await decimated(w.from, w.to)
    expect(again).toEqual(first)
    expect(store.m4.stats.cellsServed).toBeGreaterThan(90)
  })

  it('a window moved on, with live data since: the kept cells and the new rows, equal to the M4 of all points', async () => {
    let now = T0 + 8 * 60 * MIN
    await store.write(every10s(now - 7 * 60 * MIN, 7 * 360))
    await decimated(windowAt(now).from, windowAt(now).to)
    for (let step = 1; step <= 4; step++) {
      // Ten minutes of live data, each reading past the mark.
      await store.write(every10s(now, 60, step * 1000))
      now += 10 * MIN
      const w = windowAt(now)
      const served = store.m4.stats.cellsServed
      expect(await decimated(w.from, w.to)).toEqual(await reference(w.from, w.to))
      expect(store.m4.stats.cellsServed - served).toBeGreaterThan(80)
    }
  })

  it('late data into a kept cell is in the next answer (the series forgets its cells)', async () => {
    const now = T0 + 8 * 60 * MIN
    await store.write(every10s(now - 7 * 60 * MIN, 7 * 360))
    const w = windowAt(now)
    await decimated(w.from, w.to)
    // A spike between two stored points, hours back (the same hour as stored rows: checked, then stored).
    const spikeTs = now - 3 * 60 * MIN + 5 * SEC
    await store.write([reading('A', 'air', spikeTs, { pm25: 9999 })])
    const after = await decimated(w.from, w.to)
    expect(after).toEqual(await reference(w.from, w.to))
    expect(after.v).toContain(9999)
    expect(store.m4.stats.late).toBeGreaterThan(0)
  })

  it('a backfilled hour behind the mark (late, unchecked rows) is in the next answer', async () => {
    const now = T0 + 8 * 60 * MIN
    const all = every10s(now - 7 * 60 * MIN, 7 * 360)
    const hole = (r: Reading) => r.ts >= now - 3 * 60 * MIN && r.ts < now - 2 * 60 * MIN
    await store.write(all.filter((r) => !hole(r)))
    const w = windowAt(now)
    const before = await decimated(w.from, w.to)
    expect(before).toEqual(await reference(w.from, w.to))
    await store.write(all.filter(hole).map((r) => ({ ...r, values: { pm25: r.values.pm25! + 500 } })))
    const after = await decimated(w.from, w.to)
    expect(after).toEqual(await reference(w.from, w.to))
    expect(Math.max(...after.v)).toBeGreaterThan(500)
  })

  it('late writes racing the query: whatever the interleaving, the next answer equals the M4 of all points', async () => {
    const now = T0 + 8 * 60 * MIN
    await store.write(every10s(now - 7 * 60 * MIN, 7 * 360))
    const w = windowAt(now)
    for (let i = 0; i < 24; i++) {
      const ts = now - (6 * 60 - 14 * i) * MIN + 3 * SEC
      // The write begins before, with or after the query's read, as the turns fall.
      const query = i % 3 === 0 ? decimated(w.from, w.to) : undefined
      const write = store.write([reading('A', 'air', ts, { pm25: 5000 + i })])
      if (i % 3 === 2) await new Promise((r) => setImmediate(r))
      await Promise.all([query ?? decimated(w.from, w.to), write])
      const next = await decimated(w.from, w.to)
      expect(next).toEqual(await reference(w.from, w.to))
      expect(next.v).toContain(5000 + i)
    }
  })

  it('a window wholly in the past is answered from kept cells alone on a repeat', async () => {
    const now = T0 + 8 * 60 * MIN
    await store.write(every10s(now - 7 * 60 * MIN, 7 * 360))
    const w = alignM4Window(now - 6 * 60 * MIN, now - 30 * MIN, POINTS)
    const first = await decimated(w.from, w.to)
    const kept = store.m4.stats.cellsKept
    expect(kept).toBe(m4Buckets(POINTS))
    const again = await decimated(w.from, w.to)
    expect(again).toEqual(first)
    expect(again).toEqual(await reference(w.from, w.to))
    expect(store.m4.stats.cellsServed).toBe(kept)
  })

  it('valid-only and all values are kept apart', async () => {
    const now = T0 + 8 * 60 * MIN
    await store.write(every10s(now - 7 * 60 * MIN, 7 * 360))
    const w = windowAt(now)
    for (let k = 0; k < 2; k++) {
      expect(await decimated(w.from, w.to, true)).toEqual(await reference(w.from, w.to, true))
      expect(await decimated(w.from, w.to, false)).toEqual(await reference(w.from, w.to, false))
    }
    const valid = await decimated(w.from, w.to, true)
    expect(valid.flags).not.toContain('D')
    expect((await decimated(w.from, w.to)).flags).toContain('D')
  })

  it('a window off the grid is computed as before and keeps nothing', async () => {
    const now = T0 + 8 * 60 * MIN
    await store.write(every10s(now - 7 * 60 * MIN, 7 * 360))
    const from = now - SPAN + 1234
    expect(await decimated(from, now)).toEqual(await reference(from, now))
    expect(store.m4.size).toBe(0)
  })
})

describe('M4Cache', () => {
  const cell = (t: number) => ({ t: [t], v: [1], f: ['N'] as DataFlag[] })

  it('finds the longest run of kept cells inside the asked cells', () => {
    const c = new M4Cache()
    c.keep('A', 'pm25', false, 10, new Map([1, 2, 3, 6, 7].map((i) => [i, cell(i * 10)])))
    expect(c.run('A', 'pm25', false, 10, 0, 9)).toMatchObject({ first: 1, last: 3 })
    expect(c.run('A', 'pm25', false, 10, 3, 9)).toMatchObject({ first: 6, last: 7 })
    expect(c.run('A', 'pm25', false, 10, 4, 5)).toBeUndefined()
    expect(c.run('A', 'pm25', true, 10, 0, 9)).toBeUndefined()
    expect(c.run('A', 'pm25', false, 20, 0, 9)).toBeUndefined()
    expect(c.run('A', 'pm25', false, 10, 0, 4)!.cells.map((x) => x.t[0])).toEqual([10, 20, 30])
  })

  it('a late write moves the epoch to odd and back, and forgets the series’ cells only', () => {
    const c = new M4Cache()
    c.keep('A', 'pm25', false, 10, new Map([[1, cell(10)]]))
    c.keep('A', 'pm10', false, 10, new Map([[1, cell(10)]]))
    const late = new Map([['A', new Set(['pm25'])]])
    c.lateBegin(late)
    expect(c.epoch('A', 'pm25') % 2).toBe(1)
    c.lateEnd(late)
    expect(c.epoch('A', 'pm25')).toBe(2)
    expect(c.run('A', 'pm25', false, 10, 0, 5)).toBeUndefined()
    expect(c.run('A', 'pm10', false, 10, 0, 5)).toMatchObject({ first: 1, last: 1 })
  })

  it('drops the least recently used grid past its bound', () => {
    const c = new M4Cache(2)
    c.keep('A', 'pm25', false, 10, new Map([[1, cell(10)]]))
    c.keep('B', 'pm25', false, 10, new Map([[1, cell(10)]]))
    c.run('A', 'pm25', false, 10, 0, 5) // A used: B is now the oldest
    c.keep('C', 'pm25', false, 10, new Map([[1, cell(10)]]))
    expect(c.size).toBe(2)
    expect(c.run('B', 'pm25', false, 10, 0, 5)).toBeUndefined()
    expect(c.run('A', 'pm25', false, 10, 0, 5)).toBeDefined()
  })
})
