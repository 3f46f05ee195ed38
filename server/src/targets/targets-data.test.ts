import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Reading } from '../../../shared/src/domain/reading'
import type { Station, StationKind } from '../../../shared/src/domain/station'
import type { Store } from '../../../shared/src/ports/store'
import { cstDay } from '../../../shared/src/standards/time'
import { DuckDbStore } from '../store/duckdb-store'
import { TargetsData } from './targets-data'
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
