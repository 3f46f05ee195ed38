import { describe, expect, it } from 'vitest'
import type { Series } from '../../../shared/src/ports/store'
import { airDays, dayVolume, hourGrid, plantDays, spanRange, unitDays, waterDays } from './daily-aggregates'

const H = 3_600_000
const D0 = Date.parse('2026-03-01T00:00:00+08:00')
const day0 = Math.round((D0 + 8 * H) / (24 * H))
const span = { first: day0, last: day0 }

/** Hourly buckets of one metric: `values[h]` for hour h from `from` (NaN = no bucket). */
function buckets(metric: string, values: number[], from = D0): Series {
  const t: number[] = []
  const v: number[] = []
  values.forEach((x, h) => {
    if (Number.isNaN(x)) return
    t.push(from + h * H)
    v.push(x)
  })
  return { metric, t, v }
}
const rep = (x: number, n: number) => new Array<number>(n).fill(x)

describe('hourGrid', () => {
  it('places sparse buckets on a dense hourly grid, missing hours NaN', () => {
    const g = hourGrid(buckets('pm25', [10, NaN, 30]), span)
    expect(g.len).toBe(24)
    expect([...g.v.slice(0, 4)]).toEqual([10, NaN, 30, NaN])
  })
})

describe('air station-days', () => {
  it.each([
    [19, undefined],
    [20, 50],
  ])('a day with %i valid PM2.5 hours has pm25_24h %s (GB 3095-2012 Table 4)', (hours, want) => {
    const days = airDays('A', [buckets('pm25', rep(50, hours))], span)
    expect(days[0]?.values.pm25_24h).toBe(want)
  })

  it('gives the daily max 8-h and 1-h O3', () => {
    const o3 = [...rep(100, 12), 220, ...rep(100, 11)]
    const [d] = airDays('A', [buckets('o3', o3)], span)
    expect(d).toEqual({ stationId: 'A', day: '2026-03-01', values: { o3_8h: 115, o3_1h: 220 } })
  })
})

describe('water station-days', () => {
  it("averages each item over the day's valid hours", () => {
    expect(waterDays('W', [buckets('nh3n', [0.4, 0.8, NaN]), buckets('do', [6])], span)).toEqual([
      { stationId: 'W', day: '2026-03-01', values: { do: 6, nh3n: 0.6 } },
    ])
  })
})

describe('plant volumes', () => {
  it.each([
    ['24 hours', rep(400, 24), 9600],
    ['24 hours of varying rates', Array.from({ length: 24 }, (_, h) => 100 * h), 27_600],
    ['one missing hour, bridged linearly', [...rep(400, 10), NaN, ...rep(200, 13)], 400 * 10 + 300 + 200 * 13],
    ['20 covered hours, the rest filled at the mean rate', [...rep(400, 20), NaN, NaN, NaN, NaN], 9600],
    ['19 covered hours', [...rep(400, 19), NaN, NaN, NaN, NaN, NaN], undefined],
  ])('%s: %s m³', (_what, values, want) => {
    expect(dayVolume(buckets('outflow', values), day0)).toBe(want)
  })

  it('gives treated and reclaimed volumes per plant-day', () => {
    expect(plantDays('P', [buckets('outflow', rep(400, 24)), buckets('reclaimed', rep(48, 24))], span)).toEqual([
      { stationId: 'P', day: '2026-03-01', treatedM3: 9600, reclaimedM3: 1152 },
    ])
  })

  it('leaves the reclaimed volume out when the plant reports none', () => {
    expect(plantDays('P', [buckets('outflow', rep(400, 24))], span)[0]).not.toHaveProperty('reclaimedM3')
  })
})

describe('energy unit-days', () => {
  it('sums counter deltas per CST day, with the baseline from the hour before the day', () => {
    // Buckets from 23:00 the day before: the last value of each hour grows 100 kWh per hour.
    const s = buckets(
      'elec_kwh',
      Array.from({ length: 25 }, (_, h) => 5000 + h * 100),
      D0 - H,
    )
    expect(unitDays('E', [s], span)).toEqual([{ stationId: 'E', day: '2026-03-01', consumption: { elec_kwh: 2400 } }])
  })

  it('counts a meter reset as a new counter from 0 (standards/counterDeltas)', () => {
    const s = buckets('elec_kwh', [9_000_000, 9_000_100, 50, 150], D0 - H)
    expect(unitDays('E', [s], span)[0]!.consumption.elec_kwh).toBe(250)
  })

  it('queries one hour before the span for the counter baseline', () => {
    expect(spanRange('energy', span)).toEqual({ from: D0 - H, to: D0 + 24 * H })
    expect(spanRange('wastewater', span)).toEqual({ from: D0, to: D0 + 24 * H })
  })
})
