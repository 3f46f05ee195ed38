import { describe, expect, it } from 'vitest'
import { airGoodDays } from './air-good-days'
import type { DailyAggregate } from './types'

const from = Date.parse('2026-01-01T00:00:00+08:00')
const period = { from, to: from + 10 * 86_400_000 } // 10 days
const clean = { so2_24h: 10, no2_24h: 30, co_24h: 0.8, pm10_24h: 40, pm25_24h: 20, o3_8h: 80, o3_1h: 100 }
const d = (stationId: string, day: string, values: Record<string, number>): DailyAggregate => ({ stationId, day, values })

// Hand computation (two stations, city value = station mean):
// 01-01: PM2.5 60 and 90 → city 75 → IAQI 100 → good, grade II (75 is the limit, not exceeded)
// 01-02: PM2.5 70 and 90 → city 80 → IAQI 107 → not good, exceeds grade II
// 01-03: A1 only, clean → good
// 01-04: A1 without PM10, A2 without PM10 → no valid AQI → excluded
// Closed 4-day period: good 2 / valid 3 = 66.67 %; grade-II days 2.
const DAILY = [
  d('A1', '2026-01-01', { ...clean, pm25_24h: 60 }),
  d('A2', '2026-01-01', { ...clean, pm25_24h: 90 }),
  d('A1', '2026-01-02', { ...clean, pm25_24h: 70 }),
  d('A2', '2026-01-02', { ...clean, pm25_24h: 90 }),
  d('A1', '2026-01-03', clean),
  d('A1', '2026-01-04', { ...clean, pm10_24h: NaN }),
  d('A2', '2026-01-04', { so2_24h: 5 }),
]
const fourDays = { from, to: from + 4 * 86_400_000 }

describe('airGoodDays', () => {
  it('computes the good-days ratio from city daily means (hand-computed 2/3)', () => {
    const r = airGoodDays(['A1', 'A2'], DAILY, { period: fourDays })
    expect(r.value).toBeCloseTo(200 / 3, 12)
    expect(r.detail).toMatchObject({ goodDays: 2, validDays: 3, gradeIIDays: 2 })
    expect(r.status).toBe('missed')
  })

  it('excludes days without a valid city AQI', () => {
    const r = airGoodDays(['A1', 'A2'], DAILY, { period: fourDays })
    expect(r.counted.excluded).toEqual([{ id: '2026-01-04', why: 'no valid daily AQI (missing pm10)' }])
  })

  it('is missed in progress when even all remaining days good cannot reach the target', () => {
    // after 4 days: good 2 / valid 3; 6 days left: best (2 + 6) / (3 + 6) = 88.9 % < 90
    const r = airGoodDays(['A1', 'A2'], DAILY, { period, asOf: from + 4 * 86_400_000 })
    expect(r.status).toBe('missed')
  })

  it('is at-risk in progress when the target is below the ratio but still reachable', () => {
    // 8 days left: best (2 + 8) / (3 + 8) = 90.9 % >= 90, current 66.7 % → at-risk
    const long = { from, to: from + 12 * 86_400_000 }
    expect(airGoodDays(['A1', 'A2'], DAILY, { period: long, asOf: from + 4 * 86_400_000 }).status).toBe('at-risk')
  })

  it('is met in progress when even all remaining days bad cannot miss the target', () => {
    // target 20 %: worst case 2 / (3 + 6) = 22.2 % >= 20
    expect(airGoodDays(['A1', 'A2'], DAILY, { period, asOf: from + 4 * 86_400_000, targetPct: 20 }).status).toBe('met')
  })

  it('ignores stations not listed', () => {
    const r = airGoodDays(['A1'], DAILY, { period: fourDays })
    // A1 alone: PM2.5 60 → good; 70 (≤ 75) → good; clean → good; 01-04 no PM10 → excluded → 3 / 3
    expect(r.value).toBe(100)
  })
})
