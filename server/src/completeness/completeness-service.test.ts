import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Reading } from '../../../shared/src/domain/reading'
import type { Station } from '../../../shared/src/domain/station'
import { DuckDbStore } from '../store/duckdb-store'
import { CompletenessService } from './completeness-service'

const H = 3_600_000
const cst = (s: string) => Date.parse(`${s}+08:00`)
const NOW = cst('2026-03-11T12:30:00')
const STATIONS: Station[] = ['S1', 'S2'].map((id) => ({
  id,
  kind: 'energy',
  nameZh: id,
  nameEn: id,
  lon: 0,
  lat: 0,
  town: 't',
  approx: true,
  intervalSec: 3600,
}))
const registry = { list: () => STATIONS, get: (id: string) => STATIONS.find((s) => s.id === id) }
const ENERGY = { elec_kwh: 1, gas_m3: 1, steam_t: 1, water_m3: 1, coal_t: 1 }

/** Hourly energy readings of a station from `from` for `hours` hours. */
const hourly = (stationId: string, from: number, hours: number): Reading[] =>
  Array.from({ length: hours }, (_, h) => ({ stationId, kind: 'energy', ts: from + h * H, values: ENERGY }))

let store: DuckDbStore
beforeEach(async () => {
  store = await DuckDbStore.open({ path: ':memory:' })
})
afterEach(async () => {
  await store.close()
})

describe('CompletenessService day cache', () => {
  it('serves closed days from the cache, and recounts a day when data for it is stored', async () => {
    const cached = new CompletenessService({ registry, store, now: () => NOW, cacheDays: 62 })
    const plain = new CompletenessService({ registry, store, now: () => NOW })
    await store.write([...hourly('S1', cst('2026-03-09T00:00:00'), 48), ...hourly('S2', cst('2026-03-10T00:00:00'), 36)])
    const range = [cst('2026-03-08T06:00:00'), NOW] as const
    const totals = async (svc: CompletenessService) =>
      (await svc.figures(STATIONS, range[0], range[1], '1d')).map((f) => [f.station.id, f.figures.total.expected, f.figures.total.received])
    // S1 from 9 March 00:00 to 12:00 on the 11th: 60 hours × 5 counters, 48 received; S2 from 10 March: 36 hours, all received.
    const want = [
      ['S1', 300, 240],
      ['S2', 180, 180],
    ]
    expect(await totals(cached)).toEqual(want)
    expect(await totals(plain)).toEqual(want)
    // Late data for 9 March (cached) and a station's earlier first point.
    const late = hourly('S2', cst('2026-03-09T20:00:00'), 2)
    await store.write(late)
    expect((await totals(cached))[1]).toEqual(['S2', 180, 180])
    cached.stored(late)
    const after = [
      ['S1', 300, 240],
      ['S2', 200, 190],
    ]
    expect(await totals(cached)).toEqual(after)
    expect(await totals(plain)).toEqual(after)
  })

  it('a monthly figure over more days than the cache holds still counts every day', async () => {
    const svc = new CompletenessService({ registry, store, now: () => NOW, cacheDays: 2 })
    await store.write(hourly('S1', cst('2026-03-01T00:00:00'), 10 * 24))
    const [s1] = (await svc.figures([STATIONS[0]!], cst('2026-03-01T00:00:00'), NOW, '1M')).map((f) => f.figures.total)
    expect(s1).toMatchObject({ expected: (10 * 24 + 12) * 5, received: 10 * 24 * 5 })
  })
})
