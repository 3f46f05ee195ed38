import { describe, expect, it } from 'vitest'
import { createAirModel } from './air'
import { localHour } from './local-time'
import { cst, demoSet, hourlyMeans, runModel, station } from './test-helpers'

const WINTER_DAY = '2026-01-12T00:00:00'
const airStations = demoSet().filter((s) => s.kind === 'air')

/** Mean of `metric` at the local hours in `hours`, over several days. */
function meanAtHours(metric: string, hours: number[], start: string, days: number): number {
  const ticks = runModel(createAirModel(station('DG-AIR-02'), 11), cst(start), 24 * days)
  const xs = ticks.filter((x) => x.sample && hours.includes(Math.floor(localHour(x.t)))).map((x) => x.sample!.values[metric]!)
  return xs.reduce((a, b) => a + b, 0) / xs.length
}

describe('air model', () => {
  it('with a high episode rate, a winter day has 1-h PM2.5 above 75 µg/m³ (GB 3095-2012 grade II 24-h limit)', () => {
    const hours = airStations
      .slice(0, 10)
      .flatMap((s) => hourlyMeans(runModel(createAirModel(s, 1, { episodeRate: 60 }), cst(WINTER_DAY), 24), 'pm25'))
    expect(Math.max(...hours)).toBeGreaterThan(75)
  })

  it('with a high episode rate, haze peaks stay realistic (PM2.5 1-h ≤ about 180)', () => {
    const hours = airStations
      .slice(0, 10)
      .flatMap((s) => hourlyMeans(runModel(createAirModel(s, 1, { episodeRate: 60 }), cst(WINTER_DAY), 24), 'pm25'))
    expect(Math.max(...hours)).toBeLessThan(180)
  })

  it('at the default rate, most winter hours have PM2.5 at or below 75', () => {
    const hours = airStations.flatMap((s) => hourlyMeans(runModel(createAirModel(s, 1), cst(WINTER_DAY), 24), 'pm25'))
    const over = hours.filter((v) => v > 75).length
    expect(over / hours.length).toBeLessThan(0.05)
  })

  it('at the default rate, city-wide breaches over a week come from only a handful of stations a day', () => {
    let stationDays = 0
    for (const s of airStations) {
      const hours = hourlyMeans(runModel(createAirModel(s, 1), cst(WINTER_DAY), 24 * 7), 'pm25')
      for (let d = 0; d < 7; d++) if (hours.slice(d * 24, d * 24 + 24).some((v) => v > 75)) stationDays++
    }
    expect(stationDays / 7).toBeLessThan(8)
  })

  it('with a high episode rate in autumn, afternoon O3 1-h exceeds 200 µg/m³ (grade II 1-h limit)', () => {
    const hours = airStations
      .slice(0, 10)
      .flatMap((s) => hourlyMeans(runModel(createAirModel(s, 1, { episodeRate: 60 }), cst('2026-09-25T00:00:00'), 48), 'o3'))
    expect(Math.max(...hours)).toBeGreaterThan(200)
  })

  it.each([
    ['o3', [14, 15], [6, 7]],
    ['no2', [8, 18, 19], [13, 14]],
    ['co', [8, 9], [13, 14]],
  ])('%s is higher at hours %j than at %j', (metric, high, low) => {
    expect(meanAtHours(metric, high, '2026-04-01T00:00:00', 10)).toBeGreaterThan(meanAtHours(metric, low, '2026-04-01T00:00:00', 10))
  })

  it('PM2.5 is higher in winter than in summer', () => {
    expect(meanAtHours('pm25', [...Array(24).keys()], '2026-01-05T00:00:00', 7)).toBeGreaterThan(
      1.5 * meanAtHours('pm25', [...Array(24).keys()], '2026-07-05T00:00:00', 7),
    )
  })

  it('PM10 is at least PM2.5', () => {
    const ticks = runModel(createAirModel(station('DG-AIR-03'), 2), cst(WINTER_DAY), 24).filter(
      (x) => x.sample && x.sample.flags.pm25 === 'N' && x.sample.flags.pm10 === 'N',
    )
    for (const { sample } of ticks) expect(sample!.values.pm10! + 1).toBeGreaterThanOrEqual(sample!.values.pm25!)
  })
})
