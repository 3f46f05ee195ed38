/**
 * The DuckDB store's kept days (issue 16, the targets board cold): records derived from a
 * station's day survive a reopen; a write with rows of a kept day deletes that day's records and
 * the next day's, in the write's transaction; live rows delete nothing; a record computed from data
 * read before a past-day write of its station is refused.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DayRecord } from '../shared/src/ports/day-records'
import { cstDay } from '../shared/src/standards/time'
import { DuckDbStore } from '../server/src/store/duckdb-store'
import { DAY, HOUR, T0, reading } from './helpers/store-fixtures'

let dir: string
let path: string
const open: DuckDbStore[] = []
/** The wall clock of the stores: T0 + 10 days, 10:00 CST. */
const NOW = T0 + 10 * DAY + 10 * HOUR
const D0 = cstDay(T0)
const openStore = async () => {
  const s = await DuckDbStore.open({ path, now: () => NOW })
  open.push(s)
  return s
}
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'envmon-kept-'))
  path = join(dir, 'store.duckdb')
})
afterEach(async () => {
  for (const s of open.splice(0)) await s.close()
  rmSync(dir, { recursive: true, force: true })
})

const rec = (stationId: string, day: number, data: string | null = `{"d":${day}}`): DayRecord => ({ stationId, day, tag: 'v1', data })
const days = async (s: DuckDbStore, ns = 'targets') =>
  (await s.keptDays.load(ns, D0, D0 + 20)).map((r) => `${r.stationId}:${r.day - D0}:${JSON.stringify(r.value)}`).sort()

describe('DuckDB store: kept days', () => {
  it('keeps records across a reopen, by namespace, day range and station', async () => {
    const s = await openStore()
    const at = s.keptDays.position()
    expect(await s.keptDays.save('targets', at, [rec('A', D0), rec('A', D0 + 1, null), rec('B', D0)])).toBe(3)
    expect(await s.keptDays.save('counts', at, [rec('A', D0, '[1]')])).toBe(1)
    // Saving the same day again replaces it.
    expect(await s.keptDays.save('targets', at, [rec('A', D0, '{"again":1}')])).toBe(1)
    await s.close()
    const r = await openStore()
    expect(await days(r)).toEqual(['A:0:{"again":1}', 'A:1:null', `B:0:{"d":${D0}}`])
    expect(await days(r, 'counts')).toEqual(['A:0:[1]'])
    expect((await r.keptDays.load('targets', D0 + 1, D0 + 1)).map((x) => x.stationId)).toEqual(['A'])
    expect((await r.keptDays.load('targets', D0, D0 + 5, ['B'])).map((x) => x.stationId)).toEqual(['B'])
  })

  it('a write with rows of a kept day deletes that day and the next, in every namespace; live rows delete nothing', async () => {
    const s = await openStore()
    const at = s.keptDays.position()
    await s.keptDays.save('targets', at, [0, 1, 2, 3].map((d) => rec('A', D0 + d)).concat([rec('B', D0 + 1)]))
    await s.keptDays.save('counts', at, [rec('A', D0 + 1, '[1]')])
    // Live data (today) and data of another station: nothing changes.
    await s.write([reading('A', 'air', NOW - HOUR, { pm25: 1 }), reading('C', 'air', T0 + DAY, { pm25: 1 })])
    expect(await days(s)).toHaveLength(5)
    // A late row of A's day 1: A's days 1 and 2 go, in both namespaces; its days 0 and 3 and B's stay.
    await s.write([reading('A', 'air', T0 + DAY + 5 * HOUR, { pm25: 7 })])
    expect(await days(s)).toEqual([`A:0:{"d":${D0}}`, `A:3:{"d":${D0 + 3}}`, `B:1:{"d":${D0 + 1}}`])
    expect(await days(s, 'counts')).toEqual([])
    expect(await s.count('A')).toBe(2)
    // After a reopen the table still knows what it keeps: a row of A's last kept day deletes it.
    await s.close()
    const r = await openStore()
    await r.write([reading('A', 'air', T0 + 3 * DAY + HOUR, { pm25: 7 })])
    expect(await days(r)).toEqual([`A:0:{"d":${D0}}`, `B:1:{"d":${D0 + 1}}`])
  })

  it('refuses the records of a station a past-day write touched after the position was taken', async () => {
    const s = await openStore()
    const before = s.keptDays.position()
    await s.write([reading('A', 'air', NOW - HOUR, { pm25: 1 })]) // live: A's past is unchanged
    expect(s.keptDays.position()).toBe(before)
    await s.write([reading('A', 'air', T0 + 5 * HOUR, { pm25: 1 })]) // a past day of A
    expect(await s.keptDays.save('targets', before, [rec('A', D0), rec('B', D0)])).toBe(1)
    expect(await days(s)).toEqual([`B:0:{"d":${D0}}`])
    // Computed from data read after that write: kept.
    expect(await s.keptDays.save('targets', s.keptDays.position(), [rec('A', D0)])).toBe(1)
    expect(await days(s)).toEqual([`A:0:{"d":${D0}}`, `B:0:{"d":${D0}}`])
  })

  it('leaves rows and records as they were when the write fails', async () => {
    const s = await openStore()
    await s.keptDays.save('targets', s.keptDays.position(), [rec('A', D0)])
    // A non-finite ts cannot be cast by DuckDB: the write fails as a whole.
    await expect(
      s.write([reading('A', 'air', T0 + HOUR, { pm25: 1 }), reading('A', 'air', Number.MAX_VALUE, { pm25: 2 })]),
    ).rejects.toThrow()
    expect(await days(s)).toEqual([`A:0:{"d":${D0}}`])
    expect(await s.count('A')).toBe(0)
  })
})
