import { describe, expect, it } from 'vitest'
import { dailyAqi, type DailyAqiInput } from './aqi'
import { airLimit, dailyExceedances, exceedsAirLimit, type AirLimitPollutant, type AveragingPeriod } from './air-limits'

describe('GB 3095-2012 Table 1 / Table 2 limits', () => {
  it.each<[AirLimitPollutant, AveragingPeriod, number, number]>([
    ['so2', 'annual', 20, 60],
    ['so2', '24h', 50, 150],
    ['so2', '1h', 150, 500],
    ['no2', 'annual', 40, 40],
    ['no2', '24h', 80, 80],
    ['no2', '1h', 200, 200],
    ['co', '24h', 4, 4],
    ['co', '1h', 10, 10],
    ['o3', '8h-max', 100, 160],
    ['o3', '1h', 160, 200],
    ['pm10', 'annual', 40, 70],
    ['pm10', '24h', 50, 150],
    ['pm25', 'annual', 15, 35],
    ['pm25', '24h', 35, 75],
    ['nox', 'annual', 50, 50],
    ['nox', '24h', 100, 100],
    ['nox', '1h', 250, 250],
  ])('%s %s: grade I %d, grade II %d', (p, period, g1, g2) => {
    expect([airLimit(p, period, 'I'), airLimit(p, period, 'II')]).toEqual([g1, g2])
  })

  it('has no CO annual limit', () => {
    expect(airLimit('co', 'annual')).toBeUndefined()
  })

  it.each([
    [75, false],
    [75.1, true],
  ])('PM2.5 24-h %d exceeds grade II: %s', (v, exceeds) => {
    expect(exceedsAirLimit('pm25', '24h', v)).toBe(exceeds)
  })

  it('uses grade I when asked', () => {
    expect(exceedsAirLimit('pm25', '24h', 40, 'I')).toBe(true)
  })
})

describe('daily grade-II exceedances', () => {
  const clean: DailyAqiInput = { so2_24h: 10, no2_24h: 30, co_24h: 0.8, pm10_24h: 40, pm25_24h: 20, o3_8h: 80, o3_1h: 100 }

  it('lists each exceeded limit with its multiple', () => {
    expect(dailyExceedances({ ...clean, pm25_24h: 90, o3_8h: 200 })).toEqual([
      { pollutant: 'pm25', period: '24h', value: 90, limit: 75, multiple: 0.2 },
      { pollutant: 'o3', period: '8h-max', value: 200, limit: 160, multiple: 0.25 },
    ])
  })

  it.each<[keyof DailyAqiInput, number]>([
    ['so2_24h', 150],
    ['no2_24h', 80],
    ['co_24h', 4],
    ['pm10_24h', 150],
    ['pm25_24h', 75],
    ['o3_8h', 160],
    ['o3_1h', 200],
  ])('%s at the grade-II limit %d is IAQI 100 and no exceedance', (key, v) => {
    const day = { ...clean, [key]: v }
    expect(dailyExceedances(day)).toEqual([])
    expect(dailyAqi(day).aqi).toBe(100)
  })

  it.each<[keyof DailyAqiInput, number]>([
    ['so2_24h', 150.01],
    ['no2_24h', 80.01],
    ['co_24h', 4.001],
    ['pm10_24h', 150.01],
    ['pm25_24h', 75.01],
    ['o3_8h', 160.01],
    ['o3_1h', 200.01],
  ])('%s just above the grade-II limit (%d) exceeds and makes AQI 101', (key, v) => {
    const day = { ...clean, [key]: v }
    expect(dailyExceedances(day)).toHaveLength(1)
    expect(dailyAqi(day).aqi).toBe(101)
  })
})
