import { describe, expect, it } from 'vitest'
import { dailyAqi, hourlyAqi, type DailyAqiInput } from './aqi'
import { AQI_LEVELS, aqiLevel } from './aqi-table'

const CLEAN_DAY: DailyAqiInput = { so2_24h: 10, no2_24h: 30, co_24h: 0.8, pm10_24h: 40, pm25_24h: 20, o3_8h: 80, o3_1h: 100 }

describe('SO2 1-h above 800 (HJ 633-2012 Table 1 note (1))', () => {
  it('uses the SO2 1-h IAQI at exactly 800', () => {
    const r = hourlyAqi({ so2_1h: 800, so2_24h: 100 })
    expect(r.iaqi.so2).toBe(200)
    expect(r.basis.so2).toBe('so2_1h')
  })

  it('uses the SO2 24-h IAQI above 800', () => {
    const r = hourlyAqi({ so2_1h: 801, so2_24h: 100 }) // 24-h: 50 + 50·50/100 = 75
    expect(r.iaqi.so2).toBe(75)
    expect(r.basis.so2).toBe('so2_24h')
    expect(r.notes).toContain('so2-1h-above-800')
  })

  it('has no SO2 IAQI above 800 without a 24-h value, and says so', () => {
    const r = hourlyAqi({ so2_1h: 900, pm25_1h: 20 })
    expect(r.iaqi.so2).toBeUndefined()
    expect(r.missing).toContain('so2')
    expect(r.notes).toContain('so2-1h-above-800-no-24h')
  })
})

describe('O3 8-h above 800 (HJ 633-2012 Table 1 note (2))', () => {
  it('uses the O3 8-h IAQI at exactly 800', () => {
    const r = dailyAqi({ ...CLEAN_DAY, o3_8h: 800, o3_1h: 700 }) // 8-h 300; 1-h 200 + 100·300/400 = 275
    expect(r.iaqi.o3).toBe(300)
    expect(r.basis.o3).toBe('o3_8h')
  })

  it('uses the O3 1-h IAQI above 800 in the daily AQI', () => {
    const r = dailyAqi({ ...CLEAN_DAY, o3_8h: 801, o3_1h: 900 }) // 1-h: 300 + 100·100/200 = 350
    expect(r.iaqi.o3).toBe(350)
    expect(r.basis.o3).toBe('o3_1h')
    expect(r.notes).toContain('o3-8h-above-800')
  })

  it('indexes the O3 1-h value in the hourly AQI', () => {
    const r = hourlyAqi({ o3_1h: 1000 })
    expect(r.aqi).toBe(400)
    expect(r.basis.o3).toBe('o3_1h')
  })

  it('takes the larger of the O3 1-h and 8-h IAQIs', () => {
    const r = dailyAqi({ ...CLEAN_DAY, o3_8h: 170, o3_1h: 150 }) // 8-h: 100 + 50·10/55 = 109.09 → 110; 1-h 47
    expect(r.iaqi.o3).toBe(110)
    expect(r.basis.o3).toBe('o3_8h')
  })
})

describe('hourly AQI inputs (national real-time practice)', () => {
  it('indexes 1-h PM concentrations on the 24-h breakpoints', () => {
    const r = hourlyAqi({ pm25_1h: 80 })
    expect(r.aqi).toBe(107)
    expect(r.basis.pm25).toBe('pm25_1h')
  })

  it('uses the 1-h columns of SO2, NO2 and CO', () => {
    const r = hourlyAqi({ so2_1h: 150, no2_1h: 200, co_1h: 10 })
    expect(r.iaqi).toEqual({ so2: 50, no2: 100, co: 100 })
  })
})

describe('primary and exceeding pollutants (HJ 633-2012 §4.4)', () => {
  it('names no primary pollutant when AQI <= 50', () => {
    const r = dailyAqi({ ...CLEAN_DAY, pm25_24h: 35 })
    expect(r.aqi).toBe(50)
    expect(r.primary).toEqual([])
  })

  it('names the pollutant with the largest IAQI when AQI > 50', () => {
    const r = dailyAqi({ ...CLEAN_DAY, pm25_24h: 40 })
    expect(r.aqi).toBe(57)
    expect(r.primary).toEqual(['pm25'])
  })

  it('names every pollutant that ties for the largest IAQI', () => {
    const r = dailyAqi({ ...CLEAN_DAY, pm25_24h: 75, pm10_24h: 150 })
    expect(r.primary).toEqual(['pm10', 'pm25'])
  })

  it('lists pollutants with IAQI > 100 as exceeding, not those at 100', () => {
    const r = dailyAqi({ ...CLEAN_DAY, pm25_24h: 75.1, pm10_24h: 150, o3_8h: 170 })
    expect(r.exceeding).toEqual(['pm25', 'o3'])
  })
})

describe('completeness', () => {
  it('has no daily AQI when a pollutant is missing', () => {
    const r = dailyAqi({ ...CLEAN_DAY, pm10_24h: undefined })
    expect(r.aqi).toBeUndefined()
    expect(r.missing).toEqual(['pm10'])
  })

  it('computes a daily AQI from what is there with requireAll: false', () => {
    expect(dailyAqi({ pm25_24h: 40 }, { requireAll: false }).aqi).toBe(57)
  })

  it('computes an hourly AQI from what is there by default', () => {
    const r = hourlyAqi({ pm25_1h: 40, co_1h: NaN })
    expect(r.aqi).toBe(57)
    expect(r.missing).toEqual(['so2', 'no2', 'co', 'pm10', 'o3'])
  })

  it('has no AQI without any value', () => {
    expect(hourlyAqi({}).aqi).toBeUndefined()
  })

  it('gives the level, category and colour with the AQI', () => {
    const r = dailyAqi({ ...CLEAN_DAY, pm25_24h: 80 })
    expect(r.level?.level).toBe('III')
    expect(r.level?.hex).toBe('#ff7e00')
  })
})

describe('AQI levels (HJ 633-2012 Table 2)', () => {
  it.each([
    [0, 'I', '优', 'excellent', [0, 228, 0]],
    [50, 'I', '优', 'excellent', [0, 228, 0]],
    [51, 'II', '良', 'good', [255, 255, 0]],
    [100, 'II', '良', 'good', [255, 255, 0]],
    [101, 'III', '轻度污染', 'lightly polluted', [255, 126, 0]],
    [150, 'III', '轻度污染', 'lightly polluted', [255, 126, 0]],
    [151, 'IV', '中度污染', 'moderately polluted', [255, 0, 0]],
    [200, 'IV', '中度污染', 'moderately polluted', [255, 0, 0]],
    [201, 'V', '重度污染', 'heavily polluted', [153, 0, 76]],
    [300, 'V', '重度污染', 'heavily polluted', [153, 0, 76]],
    [301, 'VI', '严重污染', 'severely polluted', [126, 0, 35]],
    [500, 'VI', '严重污染', 'severely polluted', [126, 0, 35]],
  ] as const)('AQI %i is level %s, %s (%s), colour %j', (aqi, level, zh, en, rgb) => {
    const l = aqiLevel(aqi)
    expect(l).toMatchObject({ level, zh, en, rgb })
  })

  it('has six levels', () => {
    expect(AQI_LEVELS.map((l) => l.level)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI'])
  })

  it.each([-1, NaN])('has no level for %d', (aqi) => {
    expect(aqiLevel(aqi)).toBeUndefined()
  })
})
