import { describe, expect, it } from 'vitest'
import { AIR_POLLUTANTS, hourlyAqi, type AirPollutant, type AqiResult } from './aqi'
import { cnemcHours, type CnemcHour } from './fixtures/cnemc-hours'
import { iaqiValue } from './iaqi'

const HOURS = cnemcHours()
const label = (h: CnemcHour) => `${h.file} ${h.station}`
const sorted = (p: readonly AirPollutant[]) => [...p].sort()

/** What envmon computed before: the O3 IAQI was the larger of the 1-h and the 8-h moving-mean IAQIs. */
function withEightHourO3(r: AqiResult, o3_8h: number): { aqi: number | undefined; primary: AirPollutant[] } {
  const iaqi = { ...r.iaqi }
  const i8 = iaqiValue('o3_8h', o3_8h)
  if (Number.isFinite(i8) && i8 > (iaqi.o3 ?? -1)) iaqi.o3 = i8
  let max = -1
  for (const p of AIR_POLLUTANTS) max = Math.max(max, iaqi[p] ?? -1)
  if (max < 0) return { aqi: undefined, primary: [] }
  return { aqi: max, primary: max > 50 ? AIR_POLLUTANTS.filter((p) => iaqi[p] === max) : [] }
}

describe('hourly AQI against CNEMC published station-hours (fixtures/cnemc-hours.json)', () => {
  it('holds at least 12 real station-hours across seasons, O3-primary rows and rows the 8-h mean would change', () => {
    expect(HOURS.length).toBeGreaterThanOrEqual(12)
    const months = new Set(HOURS.map((h) => new Date(h.end + 8 * 3_600_000).getUTCMonth()))
    expect(months.size).toBeGreaterThanOrEqual(4)
    expect(HOURS.filter((h) => h.published.primary.includes('o3')).length).toBeGreaterThanOrEqual(4)
    expect(HOURS.filter((h) => h.eightHourChanges).length).toBeGreaterThanOrEqual(4)
  })

  it.each(HOURS.map((h) => [label(h), h] as const))('reproduces the published AQI and primary pollutant: %s', (_, h) => {
    const r = hourlyAqi(h.input)
    expect({ aqi: r.aqi, primary: sorted(r.primary) }).toEqual({ aqi: h.published.aqi, primary: sorted(h.published.primary) })
  })

  it.each(HOURS.filter((h) => h.o3Columns === 'undetermined').map((h) => [label(h), h] as const))(
    'gives the same result with either reading of an undetermined O3 column: %s',
    (_, h) => {
      const r = hourlyAqi({ ...h.input, o3_1h: h.o3Alternative })
      expect({ aqi: r.aqi, primary: sorted(r.primary) }).toEqual({ aqi: h.published.aqi, primary: sorted(h.published.primary) })
    },
  )

  it.each(HOURS.map((h) => [label(h), h] as const))('differs with the 8-h O3 mean indexed exactly on the marked rows: %s', (_, h) => {
    const old = withEightHourO3(hourlyAqi(h.input), h.o3_8h)
    const differs = old.aqi !== h.published.aqi || sorted(old.primary).join() !== sorted(h.published.primary).join()
    expect(differs).toBe(h.eightHourChanges)
  })
})
