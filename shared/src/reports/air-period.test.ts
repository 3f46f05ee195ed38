import { describe, expect, it } from 'vitest'
import type { DailyAqiInput } from '../standards/aqi'
import { airPeriodStats, minDaysFor } from './air-period'
import { CityDays } from './city-days'
import { parseReportPeriod } from './report-period'

const day = (pm25: number, co = 0.8, o3_8h = 100): DailyAqiInput => ({
  so2_24h: 10,
  no2_24h: 30,
  co_24h: co,
  pm10_24h: 50,
  pm25_24h: pm25,
  o3_8h,
  o3_1h: 120,
})

describe('airPeriodStats', () => {
  it('counts good and grade-II days over valid days, with HJ 663 percentiles', () => {
    // PM2.5 76 µg/m³ exceeds grade II (75): IAQI 101, not good; the other three are good.
    const days = [day(20, 0.5, 90), day(40, 1.0, 110), day(76, 1.5, 150), day(30, 2.0, 170)]
    const s = airPeriodStats(days, 3)
    expect(s.validDays).toBe(4)
    expect(s.goodDays).toBe(2) // O3 8-h 170 > 160: IAQI > 100 too
    expect(s.gradeIIDays).toBe(2)
    expect(s.goodPct).toBe(50)
    expect(s.pm25).toBeCloseTo(41.5, 12)
    // CO sorted 0.5, 1.0, 1.5, 2.0: k = 1 + 3 × 0.95 = 3.85 → 1.5 + 0.85 × 0.5
    expect(s.co95).toBeCloseTo(1.925, 12)
    // O3 sorted 90, 110, 150, 170: k = 1 + 3 × 0.9 = 3.7 → 150 + 0.7 × 20
    expect(s.o3p90).toBeCloseTo(164, 12)
    expect(s.composite).toBeCloseTo(10 / 60 + 30 / 40 + 50 / 70 + 41.5 / 35 + 1.925 / 4 + 164 / 160, 12)
    expect(s.enoughDays).toBe(true)
  })

  it('leaves a day without all six pollutants out of the ratio but keeps its means', () => {
    const s = airPeriodStats([day(20), { pm25_24h: 100 }], 27)
    expect(s.validDays).toBe(1)
    expect(s.days).toBe(2)
    expect(s.pm25).toBe(60)
    expect(s.enoughDays).toBe(false)
  })

  it('has no values for no days', () => {
    const s = airPeriodStats([], 1)
    expect([s.goodPct, s.pm25, s.co95, s.composite]).toEqual([null, null, null, null])
  })

  it('needs 27 days in a month, 25 in February, 324 in a year', () => {
    expect(minDaysFor(parseReportPeriod('2026-03')!)).toBe(27)
    expect(minDaysFor(parseReportPeriod('2026-02')!)).toBe(25)
    expect(minDaysFor(parseReportPeriod('2026')!)).toBe(324)
  })
})

describe('CityDays', () => {
  it('averages each statistic over the stations that have it', () => {
    const c = new CityDays(100, 2)
    c.add(100, { pm25_24h: 10, co_24h: 1 })
    c.add(100, { pm25_24h: 30 })
    c.add(102, { pm25_24h: 99 }) // outside the span: ignored
    expect(c.day(0)).toEqual({ pm25_24h: 20, co_24h: 1 })
    expect(c.all()).toHaveLength(1)
  })
})
