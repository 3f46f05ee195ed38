import { describe, expect, it } from 'vitest'
import type { Series } from '../../../shared/src/ports/store'
import { counterDeltas, sumDeltas } from '../../../shared/src/standards/counter-deltas'
import { dailyMeans, MIN_HOURS_PER_DAY } from '../../../shared/src/standards/daily-means'
import { ENERGY_CARRIERS, type EnergyCarrier } from '../../../shared/src/standards/energy-conversion'
import { integrateFlow } from '../../../shared/src/standards/flow-volume'
import { dailyMax1h, dailyMax8hO3 } from '../../../shared/src/standards/ozone'
import { WATER_ITEMS } from '../../../shared/src/standards/surface-water'
import { cstDate, cstDayStart } from '../../../shared/src/standards/time'
import type { UnitDay } from '../../../shared/src/targets/energy-quota'
import type { PlantDay } from '../../../shared/src/targets/sewage-treatment'
import type { DailyAggregate } from '../../../shared/src/targets/types'
import {
  airDays,
  dataSpan,
  dayVolume,
  hourGrid,
  MIN_FLOW_HOURS,
  plantDays,
  spanRange,
  unitDays,
  waterDays,
  type DaySpan,
} from './daily-aggregates'

const H = 3_600_000
const DAY = 24 * H
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

/**
 * The computations of a long span, as they were before they were made linear (issue 16): each day
 * scanned the whole series (plant volumes, energy counters) and the air and water grids covered every
 * day of the span. Kept here as the reference a span at once must equal, bit for bit.
 */
const reference = {
  dayVolume(s: Series | undefined, day: number): number | undefined {
    if (!s || s.t.length === 0) return undefined
    const from = cstDayStart(day)
    const t = new Float64Array(2 * s.t.length)
    const v = new Float64Array(2 * s.t.length)
    for (let i = 0; i < s.t.length; i++) {
      t[2 * i] = s.t[i]!
      t[2 * i + 1] = s.t[i]! + H
      v[2 * i] = v[2 * i + 1] = s.v[i]!
    }
    const r = integrateFlow({ t, v }, from, from + DAY, { maxGapMs: H })
    if (r.coveredMs < MIN_FLOW_HOURS * H) return undefined
    return (r.volumeM3 * DAY) / r.coveredMs
  },
  plantDays(id: string, series: Series[], s: DaySpan): PlantDay[] {
    const m = new Map(series.map((x) => [x.metric, x]))
    const out: PlantDay[] = []
    for (let d = s.first; d <= s.last; d++) {
      const treated = reference.dayVolume(m.get('outflow'), d)
      if (treated === undefined) continue
      const p: PlantDay = { stationId: id, day: cstDate(d), treatedM3: treated }
      const reclaimed = reference.dayVolume(m.get('reclaimed'), d)
      if (reclaimed !== undefined) p.reclaimedM3 = reclaimed
      out.push(p)
    }
    return out
  },
  unitDays(id: string, series: Series[], s: DaySpan): UnitDay[] {
    const m = new Map(series.map((x) => [x.metric, x]))
    const perCarrier = new Map<EnergyCarrier, { t: number[]; deltas: Float64Array }>()
    for (const c of ENERGY_CARRIERS) {
      const x = m.get(c)
      if (!x || x.t.length === 0) continue
      const t = x.t.map((y) => y + H - 1)
      perCarrier.set(c, { t, deltas: counterDeltas({ t, v: x.v }).deltas })
    }
    const out: UnitDay[] = []
    for (let d = s.first; d <= s.last; d++) {
      const from = cstDayStart(d)
      const consumption: UnitDay['consumption'] = {}
      let any = false
      for (const [c, x] of perCarrier) {
        let has = false
        for (let i = 0; i < x.t.length && !has; i++) has = x.t[i]! >= from && x.t[i]! < from + DAY && !Number.isNaN(x.deltas[i]!)
        if (!has) continue
        consumption[c] = sumDeltas(x.t, x.deltas, from, from + DAY)
        any = true
      }
      if (any) out.push({ stationId: id, day: cstDate(d), consumption })
    }
    return out
  },
  airDays(id: string, series: Series[], s: DaySpan): DailyAggregate[] {
    const m = new Map(series.map((x) => [x.metric, x]))
    const grid = (k: string) => hourGrid(m.get(k), s)
    const means = ['so2', 'no2', 'co', 'pm10', 'pm25'].map((k) => [k, dailyMeans(grid(k), MIN_HOURS_PER_DAY)] as const)
    const o3 = grid('o3')
    const o3_8h = dailyMax8hO3(o3)
    const o3_1h = dailyMax1h(o3)
    const out: DailyAggregate[] = []
    for (let d = s.first; d <= s.last; d++) {
      const k = d - s.first
      const values: Record<string, number> = {}
      const put = (key: string, x: number | undefined) => x !== undefined && Number.isFinite(x) && (values[key] = x)
      for (const [p, x] of means) put(`${p}_24h`, x.v[k])
      put('o3_8h', o3_8h.v[k])
      put('o3_1h', o3_1h.v[k])
      if (Object.keys(values).length > 0) out.push({ stationId: id, day: cstDate(d), values })
    }
    return out
  },
  waterDays(id: string, series: Series[], s: DaySpan): DailyAggregate[] {
    const m = new Map(series.map((x) => [x.metric, x]))
    const means = WATER_ITEMS.map((k) => [k, dailyMeans(hourGrid(m.get(k), s), 1)] as const)
    const out: DailyAggregate[] = []
    for (let d = s.first; d <= s.last; d++) {
      const values: Record<string, number> = {}
      for (const [item, x] of means) if (Number.isFinite(x.v[d - s.first]!)) values[item] = x.v[d - s.first]!
      if (Object.keys(values).length > 0) out.push({ stationId: id, day: cstDate(d), values })
    }
    return out
  },
}

/** A deterministic pseudo-random series of hourly buckets over `days` days from `from`, with gaps. */
function fixture(metric: string, from: number, days: number, seed: number, shape: (h: number, r: number) => number): Series {
  let x = seed
  const rnd = () => (x = (x * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
  const t: number[] = []
  const v: number[] = []
  for (let h = 0; h < days * 24; h++) {
    const r = rnd()
    if (r < 0.08) continue // a missing hour
    if (r < 0.1) h += 30 // a long gap
    t.push(from + h * H)
    v.push(shape(h, rnd()))
  }
  return { metric, t, v }
}

describe('a span of days at once (issue 16: linear in the span)', () => {
  // 40 days of data inside a 120-day span (a year's cold computation is mostly empty days).
  const wide: DaySpan = { first: day0 - 50, last: day0 + 69 }
  const at = D0 - 10 * DAY

  it('plant volumes equal the per-day computation over the whole series', () => {
    const series = [
      fixture('outflow', at, 40, 1, (h, r) => 300 + 100 * Math.sin(h / 4) + 50 * r),
      fixture('reclaimed', at, 40, 2, (_h, r) => 40 * r),
    ]
    const got = plantDays('P', series, wide)
    expect(got.length).toBeGreaterThan(10)
    expect(got.length).toBeLessThan(40) // some days have too few hours
    expect(got).toEqual(reference.plantDays('P', series, wide))
    expect(plantDays('P', series.slice(1), wide)).toEqual([])
  })

  it('energy unit-days equal the per-day computation, resets and glitches included', () => {
    let total = 5000
    const series = [
      fixture('elec_kwh', at, 40, 3, (h, r) => (h === 300 ? 10 : h === 500 ? 1 : (total += 100 * r))),
      fixture('gas_m3', at + 7 * DAY, 20, 4, (h) => 1000 + 2 * h),
    ]
    const got = unitDays('E', series, wide)
    expect(got.length).toBeGreaterThan(20)
    expect(got).toEqual(reference.unitDays('E', series, wide))
  })

  it('air and water days equal the computation over a grid of the whole span', () => {
    const air = [
      fixture('pm25', at, 40, 5, (h, r) => 30 + 20 * Math.sin(h / 5) + 10 * r),
      fixture('so2', at + 3 * DAY, 10, 6, (_h, r) => 10 * r),
      fixture('o3', at, 40, 7, (h, r) => 80 + 90 * Math.sin((h / 24) * Math.PI) + 20 * r),
    ]
    const gotAir = airDays('A', air, wide)
    expect(gotAir.length).toBeGreaterThan(20)
    expect(gotAir).toEqual(reference.airDays('A', air, wide))
    const water = [fixture('nh3n', at, 40, 8, (_h, r) => 0.1 + r), fixture('do', at + 20 * DAY, 5, 9, (_h, r) => 5 + r)]
    const gotWater = waterDays('W', water, wide)
    expect(gotWater.length).toBeGreaterThan(20)
    expect(gotWater).toEqual(reference.waterDays('W', water, wide))
    expect(airDays('A', [], wide)).toEqual([])
  })

  it('dataSpan: the days that hold a value, clipped to the span', () => {
    expect(dataSpan([buckets('pm25', [NaN, 1], D0 + 3 * DAY), undefined], wide)).toEqual({ first: day0 + 3, last: day0 + 3 })
    expect(dataSpan([buckets('pm25', [1, NaN, 2], D0 - 60 * DAY)], wide)).toBeUndefined()
    expect(dataSpan([{ metric: 'x', t: [D0 - 51 * DAY, D0 + 100 * DAY], v: [1, 2] }], wide)).toBeUndefined()
  })
})
