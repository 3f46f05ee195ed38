import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Reading } from '../../../shared/src/domain/reading'
import type { Station, StationKind } from '../../../shared/src/domain/station'
import type { Store } from '../../../shared/src/ports/store'
import { cstDay, cstDayStart as cstDayStartOf } from '../../../shared/src/standards/time'
import { DuckDbStore } from '../store/duckdb-store'
import type { Mark } from '../../../shared/src/review/marks'
import { KEPT_NS, TargetsData, keptTag, type KeptStationDays } from './targets-data'
import { lastSeenAt } from './targets-service'

const H = 3_600_000
const D0 = Date.parse('2026-03-01T00:00:00+08:00')
const day0 = cstDay(D0)
const base = { nameZh: 'x', nameEn: 'x', lon: 113.7, lat: 23, town: 't', approx: true, intervalSec: 3600 }
const METRICS: Record<StationKind, string[]> = {
  air: ['so2', 'no2', 'co', 'pm10', 'pm25', 'o3'],
  water: ['ph', 'do', 'nh3n', 'tp'],
  wastewater: ['outflow', 'reclaimed'],
  energy: ['elec_kwh', 'gas_m3'],
}
const stations: Station[] = (['air', 'water', 'wastewater', 'energy'] as const).flatMap((kind) =>
  [1, 2, 3].map((i) => ({ ...base, id: `${kind}-${i}`, kind, keySource: i !== 3 })),
)

/** 20 days of hourly readings from D0 for every station, with gaps, a reset and an invalid flag. */
function readings(): Reading[] {
  const out: Reading[] = []
  stations.forEach((st, k) => {
    let counter = 1000 * (k + 1)
    for (let h = 0; h < 20 * 24; h++) {
      if ((h * (k + 3)) % 17 === 0 || (h > 100 + k * 7 && h < 130 + k * 7)) continue
      const values: Record<string, number> = {}
      METRICS[st.kind].forEach((m, j) => {
        if (st.kind === 'energy') values[m] = h === 200 + k ? 3 : (counter += 10 + ((h * 7 + j) % 5))
        else values[m] = Math.round(50 + 40 * Math.sin(h / 6 + j) + ((h * 13 + k) % 11)) / 2
      })
      out.push({
        stationId: st.id,
        kind: st.kind,
        ts: D0 + h * H,
        values,
        ...(h % 50 === 7 ? { flags: { [METRICS[st.kind][0]!]: 'M' } } : {}),
      })
    }
  })
  return out
}

let store: DuckDbStore
beforeEach(async () => {
  store = await DuckDbStore.open({ path: ':memory:' })
  await store.write(readings())
})
afterEach(async () => {
  await store.close()
})

const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => first + i)

/** Every station's records over `days` (JSON, for comparing). */
async function records(data: TargetsData, days: number[]) {
  return JSON.stringify(await Promise.all(stations.map((st) => data.days(st, days))))
}

describe('TargetsData bulk prefill (issue 16)', () => {
  it('a period after another (a year after its month) is fetched in bulk, with the same records as one station at a time', async () => {
    // One station at a time: the store without seriesMany.
    const single = new TargetsData({ series: (q) => store.series(q) } satisfies Pick<Store, 'series'>)
    const bulk = new TargetsData(store)
    const month = range(day0 + 10, day0 + 14)
    const year = range(day0 - 40, day0 + 14)
    for (const d of [single, bulk]) {
      await d.prefill(stations, month)
      await d.days(stations[0]!, month)
    }
    expect(bulk.stats.queries).toBe(4) // one per kind
    expect(single.stats.queries).toBe(1)
    // The year: every station has the month cached; the rest of the year is one run per station.
    const before = bulk.stats.queries
    await bulk.prefill(stations, year)
    expect(bulk.stats.queries - before).toBe(4)
    const after = bulk.stats.queries
    const got = await records(bulk, year)
    expect(bulk.stats.queries).toBe(after) // days() found every day cached
    const want = await records(single, year)
    expect(single.stats.queries).toBeGreaterThan(stations.length)
    expect(got).toEqual(want)
    expect(JSON.parse(got).flat().length).toBeGreaterThan(150)
  })

  it('groups stations by the days they miss: a station with other days cached is fetched apart', async () => {
    const data = new TargetsData(store)
    const days = range(day0, day0 + 9)
    await data.days(stations[0]!, range(day0 + 3, day0 + 4)) // air-1 alone: two days cached
    const q = data.stats.queries
    await data.prefill(stations, days)
    // air-2 and air-3 together, air-1 (its own runs, alone) left to days(); one query per other kind.
    expect(data.stats.queries - q).toBe(4)
    await data.days(stations[0]!, days)
    expect(data.stats.queries - q).toBe(6) // air-1: two runs around its cached days
    const fresh = new TargetsData({ series: (x) => store.series(x) })
    for (const st of stations) await fresh.days(st, days)
    expect(await records(data, days)).toEqual(await records(fresh, days))
  })
})

describe('TargetsData: station-days kept in the store (issue 16)', () => {
  let dir: string
  let path: string
  const opened: DuckDbStore[] = []
  const open = async () => {
    const s = await DuckDbStore.open({ path })
    opened.push(s)
    return s
  }
  const NONE: Mark[] = []
  let marks: readonly Mark[] = NONE
  const keptOf = (s: DuckDbStore): KeptStationDays => ({ days: s.keptDays, tag: keptTag(() => marks), marks: () => marks })
  const month = range(day0 + 10, day0 + 14)
  /** Compute `days` for every station and keep them, as a board does. */
  async function computeAndKeep(data: TargetsData, days: number[]): Promise<string> {
    await data.prefill(stations, days)
    const got = await records(data, days)
    data.keepComputed()
    await data.settled()
    return got
  }
  const mark = (stationId: string, from: number, to: number, seq: number): Mark => ({
    id: `m${seq}`,
    seq,
    stationId,
    metrics: ['ph'],
    from,
    to,
    action: 'invalid',
    reason: 'maintenance',
    by: 'reviewer',
    at: 0,
  })
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'envmon-kept-targets-'))
    path = join(dir, 'store.duckdb')
    marks = NONE
    const s = await open()
    await s.write(readings())
  })
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('a restart reads the kept station-days back: the same records, no query of the data', async () => {
    const first = new TargetsData(opened[0]!, keptOf(opened[0]!))
    const want = await computeAndKeep(first, month)
    expect(first.stats).toMatchObject({ queries: 4, keptDays: 0, kept: stations.length * month.length, keepErrors: 0 })
    await opened[0]!.close()
    const s = await open()
    const again = new TargetsData(s, keptOf(s))
    await again.prefill(stations, month)
    expect(await records(again, month)).toBe(want)
    expect(again.stats).toMatchObject({ queries: 0, keptDays: stations.length * month.length })
    // A day with no data is kept too (as none): the days before the data are not queried again.
    const before = range(day0 - 3, day0 - 1)
    await computeAndKeep(again, before)
    const third = new TargetsData(s, keptOf(s))
    await third.prefill(stations, before)
    expect(third.stats.queries).toBe(0)
    expect(JSON.parse(await records(third, before)).flat()).toEqual([])
  })

  it('late data for a kept day: that day and the next are computed again, from the new data', async () => {
    const s = opened[0]!
    await computeAndKeep(new TargetsData(s, keptOf(s)), month)
    // A metric the station had not sent: day 11 now has it (day 12 is computed again, and has not).
    await s.write([{ stationId: 'water-1', kind: 'water', ts: cstDayStartOf(day0 + 11) + 5 * H, values: { codmn: 9 } }])
    const after = new TargetsData(s, keptOf(s))
    await after.prefill(stations, month)
    expect(after.stats.keptDays).toBe(stations.length * month.length - 2)
    const fresh = new TargetsData(s)
    await fresh.prefill(stations, month)
    expect(await records(after, month)).toBe(await records(fresh, month))
    const w1 = await after.days(stations.find((x) => x.id === 'water-1')! as Station & { kind: 'water' }, month)
    expect(w1.map((r) => r.values.codmn ?? null)).toEqual([null, 9, null, null, null])
  })

  it('a mark over a kept day makes its tag stale: that day alone is computed again', async () => {
    const s = opened[0]!
    await computeAndKeep(new TargetsData(s, keptOf(s)), month)
    marks = [mark('water-1', cstDayStartOf(day0 + 12) + 3 * H, cstDayStartOf(day0 + 12) + 4 * H, 1)]
    const after = new TargetsData(s, keptOf(s))
    await after.prefill(stations, month)
    expect(after.stats.keptDays).toBe(stations.length * month.length - 1)
    await records(after, month) // water-1, alone in missing its day 12, is fetched by days()
    expect(after.stats.queries).toBe(1)
    // Kept again with the mark's tag; withdrawn, the day is stale again.
    await computeAndKeep(after, month)
    const rows = await s.keptDays.load(KEPT_NS, day0 + 12, day0 + 12, ['water-1'])
    expect(rows.map((r) => r.tag)).toEqual(['1|water|m1.1'])
    marks = NONE
    const withdrawn = new TargetsData(s, keptOf(s))
    await withdrawn.prefill(stations, month)
    expect(withdrawn.stats.keptDays).toBe(stations.length * month.length - 1)
  })

  it('keeps nothing read while the marks changed, nor what a write made stale meanwhile', async () => {
    const s = opened[0]!
    const changing: Pick<Store, 'series' | 'seriesMany'> = {
      series: (q) => s.series(q),
      seriesMany: async (q) => {
        const out = await s.seriesMany(q)
        if (q.metrics.includes('ph')) marks = [mark('water-2', 0, 1, 7)] // a reviewer marks meanwhile
        return out
      },
    }
    const data = new TargetsData(changing, keptOf(s))
    await computeAndKeep(data, month)
    // The water query saw the marks change; air, read before it, is saved after it: neither is kept
    // (a tag would name marks their data may not have seen). Wastewater and energy, read after, are.
    const kept = await s.keptDays.load(KEPT_NS, day0, day0 + 30)
    expect([...new Set(kept.map((r) => r.stationId.replace(/-\d$/, '')))].sort()).toEqual(['energy', 'wastewater'])
    expect(data.stats.kept).toBe(6 * month.length)
    marks = NONE
    // A late write between the read and the save: the station's records are refused.
    const racing: Pick<Store, 'series' | 'seriesMany'> = {
      series: (q) => s.series(q),
      seriesMany: async (q) => {
        const out = await s.seriesMany(q)
        if (q.metrics.includes('so2'))
          await s.write([{ stationId: 'air-2', kind: 'air', ts: cstDayStartOf(day0 + 20), values: { so2: 1 } }])
        return out
      },
    }
    const other = range(day0 + 15, day0 + 19)
    const raced = new TargetsData(racing, keptOf(s))
    await computeAndKeep(raced, other)
    expect(raced.stats.kept).toBe((stations.length - 1) * other.length)
    expect((await s.keptDays.load(KEPT_NS, day0 + 15, day0 + 19, ['air-2'])).length).toBe(0)
  })
})

describe('lastSeenAt (historic coverage, issue 16)', () => {
  it('finds the same last readings with one hourly query per kind as with one per station', async () => {
    const at = D0 + 12 * 24 * H + 30 * 60_000 // 00:30 on day 12: the newest reading is the hour before
    const single = await lastSeenAt({ series: (q) => store.series(q) }, stations, at)
    let bulkQueries = 0
    const counting: Pick<Store, 'series' | 'seriesMany'> = {
      series: (q) => store.series(q),
      seriesMany: (q) => (bulkQueries++, store.seriesMany(q)),
    }
    const bulk = await lastSeenAt(counting, stations, at)
    expect(bulkQueries).toBe(4)
    expect([...bulk]).toEqual([...single])
    // Key sources and energy units only; every one reported within the last 7 days.
    expect([...bulk.keys()]).toEqual(stations.filter((s) => s.keySource || s.kind === 'energy').map((s) => s.id))
    expect(Math.max(...bulk.values())).toBeLessThanOrEqual(at)
    expect(Math.min(...bulk.values())).toBeGreaterThan(at - 24 * H)
  })
})
