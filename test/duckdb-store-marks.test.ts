/**
 * The DuckDB store's high-water marks (issue 16): rows past their series' latest stored ts go in
 * without the duplicate check, rows at or before it are checked. Whatever the marks say, every
 * (station, metric, ts) is stored exactly once: before the marks are read, after, across a reopen,
 * and for rows that fill a gap behind the mark.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DuckDbStore } from '../server/src/store/duckdb-store'
import { LATE, MAY_EXIST, NEW, SeriesMarks } from '../server/src/store/series-marks'
import { DAY, HOUR, MIN, reading, T0 } from './helpers/store-fixtures'

let dir: string
let path: string
const open: DuckDbStore[] = []
const openStore = async () => {
  const s = await DuckDbStore.open({ path })
  open.push(s)
  return s
}
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'envmon-marks-'))
  path = join(dir, 'store.duckdb')
})
afterEach(async () => {
  for (const s of open.splice(0)) await s.close()
  rmSync(dir, { recursive: true, force: true })
})

/** One reading a minute of pm25 and pm10 for `station` over [from, from + n min). */
const minutes = (station: string, from: number, n: number, v = 1) =>
  Array.from({ length: n }, (_, i) => reading(station, 'air', from + i * MIN, { pm25: v + i, pm10: 2 * v + i }))

const rows = async (s: DuckDbStore, station: string) =>
  (
    await s.series({ stationId: station, metrics: ['pm25', 'pm10'], from: T0 - 10 * HOUR, to: T0 + 10 * HOUR, every: 'raw', fn: 'mean' })
  ).map((x) => x.t)

describe('DuckDB store: high-water marks', () => {
  it('stores a redelivered batch once, with the marks read and without', async () => {
    const s = await openStore()
    expect(await s.marksReady()).toBe(true)
    await s.write(minutes('A', T0, 30))
    expect(s.writeCounts).toEqual({ rows: 60, checked: 0 }) // no mark yet: nothing to check
    await s.write(minutes('A', T0, 30)) // every row at or before the mark: all checked
    expect(s.writeCounts).toEqual({ rows: 120, checked: 60 })
    await s.write([...minutes('A', T0 + 20 * MIN, 20)]) // ten old, ten new
    expect(s.writeCounts).toEqual({ rows: 160, checked: 80 })
    expect(await s.count('A')).toBe(2 * 40)
    const [pm25, pm10] = await rows(s, 'A')
    expect(pm25).toEqual(Array.from({ length: 40 }, (_, i) => T0 + i * MIN))
    expect(pm10).toEqual(pm25)
  })

  it('reads the marks of a reopened store: old rows resent after a restart are not stored twice', async () => {
    const a = await openStore()
    await a.write([...minutes('A', T0, 60), ...minutes('B', T0, 10)])
    await a.close()
    open.splice(0)
    const b = await openStore()
    expect(await b.marksReady()).toBe(true)
    await b.write([...minutes('A', T0 + 30 * MIN, 40), ...minutes('B', T0, 20), ...minutes('C', T0, 5)])
    // Checked: A's 30 resent minutes and B's 10, both metrics; A's 10 new, B's 10 new and C's 5 are not.
    expect(b.writeCounts).toEqual({ rows: 2 * 65, checked: 2 * 40 })
    expect(await b.count('A')).toBe(2 * 70)
    expect(await b.count('B')).toBe(2 * 20)
    expect(await b.count('C')).toBe(2 * 5)
  })

  it('checks every row while the marks are still being read (a write right after open)', async () => {
    const a = await openStore()
    await a.write(minutes('A', T0, 60))
    await a.close()
    open.splice(0)
    const b = await openStore()
    // Not awaiting marksReady: the write races the background read; either way nothing doubles.
    await Promise.all([b.write(minutes('A', T0, 60)), b.write(minutes('A', T0 + 60 * MIN, 5))])
    await b.write(minutes('A', T0 + 30 * MIN, 35))
    expect(await b.count('A')).toBe(2 * 65)
  })

  it('fills a gap behind the mark (a re-sent missed hour) without doubling its neighbours', async () => {
    const s = await openStore()
    await s.write([...minutes('A', T0, 10), ...minutes('A', T0 + 60 * MIN, 10)]) // a gap from +10 to +60 min
    await s.write(minutes('A', T0, 70)) // the logger re-sends the whole span: 50 rows fill the gap
    expect(await s.count('A')).toBe(2 * 70)
    expect((await rows(s, 'A'))[0]).toEqual(Array.from({ length: 70 }, (_, i) => T0 + i * MIN))
  })

  it('deduplicates within one batch past the mark, and keeps one metric per key when another metric is new', async () => {
    const s = await openStore()
    await s.write([reading('A', 'air', T0, { pm25: 1 })])
    // pm25 at T0 is at the mark (checked, a duplicate); pm10 at T0 has no mark yet (unchecked, new).
    await s.write([
      reading('A', 'air', T0, { pm25: 1, pm10: 2 }),
      reading('A', 'air', T0 + MIN, { pm25: 3 }),
      reading('A', 'air', T0 + MIN, { pm25: 3 }),
    ])
    const [pm25, pm10] = await rows(s, 'A')
    expect(pm25).toEqual([T0, T0 + MIN])
    expect(pm10).toEqual([T0])
  })
})

describe('DuckDB store: hours already held', () => {
  it('does not check a week of backlog uploaded behind live data, and stores it once', async () => {
    const s = await openStore()
    expect(await s.marksReady()).toBe(true)
    await s.write(minutes('A', T0 + 7 * 24 * HOUR, 10)) // live data first: the mark is a week ahead
    const backlog = Array.from({ length: 7 * 24 }, (_, h) => reading('A', 'air', T0 + h * HOUR, { pm25: h, pm10: h }))
    await s.write(backlog)
    expect(s.writeCounts).toEqual({ rows: 2 * 10 + 2 * 168, checked: 0 })
    await s.write(backlog) // sent again: every row's hour is held now, so every row is checked, none stored
    expect(s.writeCounts.checked).toBe(2 * 168)
    expect(await s.count('A')).toBe(2 * (10 + 168))
  })

  it('after a reopen, checks only the re-sent rows whose hour the series holds', async () => {
    const a = await openStore()
    await a.write([...minutes('A', T0, 10), ...minutes('A', T0 + 2 * HOUR, 10)]) // holds hours 0 and 2, not 1
    await a.close()
    open.splice(0)
    const b = await openStore()
    expect(await b.marksReady()).toBe(true)
    await b.write(minutes('A', T0, 3 * 60)) // hours 0, 1, 2 re-sent
    // Checked: hour 0 (60 rows) and hour 2 up to the mark (10); hour 1 is not held, hour 2 past the mark is new.
    expect(b.writeCounts).toEqual({ rows: 2 * 180, checked: 2 * 70 })
    expect(await b.count('A')).toBe(2 * 180)
  })
})

describe('SeriesMarks', () => {
  it('knows nothing until complete, then answers from marks and held hours', () => {
    const m = new SeriesMarks(48)
    m.note('A', 'pm25', T0 + 30 * MIN)
    expect(m.classify('A', 'pm25', T0 + 5 * HOUR)).toBe(MAY_EXIST) // not complete: everything may exist
    m.completeFrom(Number.NEGATIVE_INFINITY)
    expect(m.classify('A', 'pm25', T0 + 31 * MIN)).toBe(NEW) // past the mark
    expect(m.classify('A', 'pm25', T0 + 10 * MIN)).toBe(MAY_EXIST) // in a held hour
    expect(m.classify('A', 'pm25', T0 - 10 * MIN)).toBe(LATE) // before the mark, in an hour the series does not hold
    expect(m.classify('A', 'pm10', T0)).toBe(NEW) // a series with nothing stored
  })

  it('treats rows older than its window as possibly stored, and slides the window forward', () => {
    const m = new SeriesMarks(48)
    m.note('A', 'pm25', T0 + 100 * HOUR)
    m.completeFrom(m.windowStart(T0 + 100 * HOUR)) // the window starts 48 h before the newest row
    expect(m.classify('A', 'pm25', T0 + 10 * HOUR)).toBe(MAY_EXIST) // before the window: unknown
    expect(m.classify('A', 'pm25', T0 + 60 * HOUR)).toBe(LATE) // in the window, hour not held
    m.note('A', 'pm25', T0 + 70 * HOUR)
    m.note('A', 'pm25', T0 + 400 * HOUR) // far ahead: the window slides and forgets hour 70
    expect(m.classify('A', 'pm25', T0 + 70 * HOUR)).toBe(MAY_EXIST)
    expect(m.classify('A', 'pm25', T0 + 390 * HOUR)).toBe(LATE)
  })

  it("knows each station's first stored point from open on, and every write after: the same as the table's minimum", async () => {
    const s = await openStore()
    await s.write([...minutes('A', T0, 10), ...minutes('B', T0 + HOUR, 5)])
    await s.close()
    const r = await openStore()
    await r.marksReady()
    const first = async (to: number) =>
      Object.fromEntries((await r.completenessCounts({ stationIds: ['A', 'B', 'C'], from: to, to, every: '1d' })).firstSeen)
    expect(await first(T0 + DAY)).toEqual({ A: T0, B: T0 + HOUR })
    expect(await first(T0 + HOUR)).toEqual({ A: T0 })
    await r.write([...minutes('B', T0 - 3 * HOUR, 1), ...minutes('C', T0 + 2 * HOUR, 1), ...minutes('A', T0 + 5 * HOUR, 1)])
    expect(await first(T0 + DAY)).toEqual({ A: T0, B: T0 - 3 * HOUR, C: T0 + 2 * HOUR })
    // A failed write notes nothing.
    await expect(
      r.write([reading('C', 'air', T0 - DAY, { pm25: 1 }), reading('C', 'air', Number.MAX_VALUE, { pm25: 1 })]),
    ).rejects.toThrow()
    expect(await first(T0 + DAY)).toEqual({ A: T0, B: T0 - 3 * HOUR, C: T0 + 2 * HOUR })
  })
})
