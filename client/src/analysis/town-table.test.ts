import { describe, expect, it } from 'vitest'
import type { BadDaysResult } from './bad-days'
import { townRows, townRowsCsv } from './town-table'

const result: BadDaysResult = {
  cityAqi: Float64Array.from([40, 130]),
  cityValidDays: 2,
  cityBadDays: 1,
  towns: [
    {
      town: '东城街道',
      stations: 2,
      aqi: Float64Array.from([40, 130]),
      validDays: 2,
      badDays: 1,
      byLevel: { III: 1, IV: 0, V: 0, VI: 0 },
      cityOverlap: 1,
      worstAqi: 130,
      worstDay: 1,
      primary: { pm25: 1 },
    },
    {
      town: 'A "quoted", town',
      stations: 1,
      aqi: Float64Array.from([Number.NaN, Number.NaN]),
      validDays: 0,
      badDays: 0,
      byLevel: { III: 0, IV: 0, V: 0, VI: 0 },
      cityOverlap: 0,
      worstAqi: Number.NaN,
      worstDay: -1,
      primary: {},
    },
  ],
}
const days = [20_757, 20_758]

describe('town table', () => {
  it('gives each town its rank, share of the city bad days, worst day and main pollutant', () => {
    const [r] = townRows(result, days)
    expect(r).toMatchObject({ rank: 1, badDays: 1, overlapPct: 100, worstAqi: 130, mainPollutant: 'pm25' })
    expect(r!.worstDate).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })

  it('writes CSV with quoting and empty cells for missing values', () => {
    const lines = townRowsCsv(townRows(result, days)).trim().split('\n')
    expect(lines[0]).toBe('rank,town,stations,validDays,badDays,III,IV,V,VI,cityOverlap,overlapPct,worstAqi,worstDate,mainPollutant')
    expect(lines[2]).toBe('2,"A ""quoted"", town",1,0,0,0,0,0,0,0,0,,,')
  })
})
