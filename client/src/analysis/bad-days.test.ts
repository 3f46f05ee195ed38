import { describe, expect, it } from 'vitest'
import type { DailyAqiInput } from '../../../shared/src/standards/aqi'
import { cstDayStart } from '../../../shared/src/standards/time'
import { badDaysByTown, mainPollutant, type StationDays } from './bad-days'
import { airStationDays } from './station-days'

/** A complete day whose AQI is set by PM2.5 (the other pollutants stay low). */
const day = (pm25: number): DailyAqiInput => ({
  so2_24h: 10,
  no2_24h: 20,
  co_24h: 0.5,
  pm10_24h: 40,
  pm25_24h: pm25,
  o3_8h: 80,
  o3_1h: 100,
})
const st = (stationId: string, town: string, pm: (number | undefined)[]): StationDays => ({
  stationId,
  town,
  days: pm.map((x) => (x === undefined ? {} : day(x))),
})

describe('badDaysByTown', () => {
  const result = badDaysByTown(
    [
      st('a1', '东城街道', [30, 120, 160, 40]),
      st('a2', '东城街道', [30, 100, 160, 40]),
      st('b1', '南城街道', [30, 90, 30, undefined]),
      st('c1', '虎门镇', [30, 30, 30, 30]),
    ],
    4,
  )

  it('ranks towns by their bad days (town AQI from the mean of its stations)', () => {
    expect(result.towns.map((t) => [t.town, t.badDays])).toEqual([
      ['东城街道', 2],
      ['南城街道', 1],
      ['虎门镇', 0],
    ])
  })

  it('counts bad days by level and the worst day', () => {
    const dc = result.towns[0]!
    // Day 1: PM2.5 (120 + 100) / 2 = 110 → IAQI 144 (III); day 2: 160 → IAQI 210 (V).
    expect(dc.byLevel).toEqual({ III: 1, IV: 0, V: 1, VI: 0 })
    expect(dc.worstDay).toBe(2)
    expect(mainPollutant(dc)).toBe('pm25')
  })

  it('judges the city from the mean of all stations and counts shared bad days', () => {
    // City PM2.5: day 1 (120+100+90+30)/4 = 85 → 113 bad; day 2 (160+160+30+30)/4 = 95 → 126 bad.
    expect(result.cityBadDays).toBe(2)
    expect(result.towns[0]!.cityOverlap).toBe(2)
    expect(result.towns[1]!.cityOverlap).toBe(1)
  })

  it('leaves a day without all six pollutants out (HJ 633-2012 daily AQI)', () => {
    const sn = result.towns.find((t) => t.town === '南城街道')!
    expect(sn.validDays).toBe(3)
    expect(sn.aqi[3]).toBeNaN()
  })
})

describe('airStationDays', () => {
  const d0 = 20_760 // a CST day number
  const hours = (n: number, v: number) => ({
    t: Array.from({ length: n }, (_, i) => cstDayStart(d0) + i * 3_600_000),
    v: Array.from({ length: n }, () => v),
  })

  it('computes 24-h means, daily max 8-h and 1-h O3 of each day', () => {
    const series = [
      { metric: 'pm25', ...hours(24, 50) },
      { metric: 'o3', ...hours(24, 120) },
    ]
    const [d] = airStationDays(series, d0, d0)
    expect(d).toEqual({ pm25_24h: 50, o3_8h: 120, o3_1h: 120 })
  })

  it('needs 20 valid hours for a 24-h mean (GB 3095-2012 Table 4)', () => {
    const [d] = airStationDays([{ metric: 'pm25', ...hours(19, 50) }], d0, d0)
    expect(d!.pm25_24h).toBeUndefined()
  })
})
