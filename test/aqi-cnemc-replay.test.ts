/**
 * Real CNEMC published station-hours (shared/src/standards/fixtures/cnemc-hours.json) replayed
 * through the real system: each hour's six 1-h values published as one-minute JSON readings by a
 * registered air station over the embedded broker, the hour closed by the clock (HOUR_CLOSE_DELAY
 * after its end; no later reading ever arrives), and the hourly AQI and primary pollutant the API
 * and the socket show equal to the published ones. Time is an injected clock; all else is real.
 */
import { afterAll, describe, expect, it } from 'vitest'
import type { AqiSummary, ReadingEvent } from '../shared/src/protocol/events'
import { cnemcHours } from '../shared/src/standards/fixtures/cnemc-hours'
import { startTestSystem, type TestSystem } from './helpers/start-system'

const HOUR = 3_600_000
const MIN = 60_000
/** The replayed hour: 2026-03-01 15:00–16:00 CST ("16:00" in CNEMC's labelling). */
const H = Date.parse('2026-03-01T15:00:00+08:00')
const GRACE = 300_000 // HOUR_CLOSE_DELAY default
const METRICS = { so2: 'so2_1h', no2: 'no2_1h', co: 'co_1h', o3: 'o3_1h', pm10: 'pm10_1h', pm25: 'pm25_1h' } as const

const hours = cnemcHours().map((h, i) => ({ ...h, stationId: `DG-AIR-${String(i + 1).padStart(2, '0')}` }))

type View = { id: string; latest?: { ts: string }; aqi?: AqiSummary }
async function stations(sys: TestSystem): Promise<Map<string, View>> {
  const body = (await (await sys.api('/api/stations')).json()) as { stations: View[] }
  return new Map(body.stations.map((s) => [s.id, s]))
}

describe('CNEMC station-hours replayed as one-minute data, closed by the clock', () => {
  let sys: TestSystem
  afterAll(async () => {
    await sys?.stop()
  })

  it('shows the published hourly AQI and primary pollutant of every hour on the API and the socket', async () => {
    expect(hours.length).toBeLessThanOrEqual(40) // the demo registry's air stations
    const clock = { t: H + HOUR - 10_000 } // 15:59:50, the last minute's reading just in
    sys = await startTestSystem({}, { now: () => clock.t })
    for (const h of hours) {
      const station = await sys.connectStation(h.stationId)
      const values: Record<string, number> = {}
      for (const [m, k] of Object.entries(METRICS)) if (Number.isFinite(h.input[k])) values[m] = h.input[k]!
      for (let t = H; t < H + HOUR; t += MIN)
        station.publish(`envmon/v1/air/${h.stationId}/reading`, JSON.stringify({ ts: new Date(t).toISOString(), values }), { qos: 1 })
    }
    const last = new Date(H + HOUR - MIN).toISOString()
    await expect
      .poll(async () => [...(await stations(sys)).values()].filter((s) => s.latest?.ts === last).length, { timeout: 30_000 })
      .toBe(hours.length)

    // Every minute is in, no reading of a later hour will come: nothing closes the hour but the clock.
    await new Promise((r) => setTimeout(r, 1200)) // two ticks at 15:59:50
    for (const h of hours) expect((await stations(sys)).get(h.stationId)?.aqi, h.stationId).toBeUndefined()

    const socket = await sys.socket()
    const pushed = new Map<string, AqiSummary>()
    socket.on('reading', (e: ReadingEvent) => e.aqi && pushed.set(e.stationId, e.aqi))
    clock.t = H + HOUR + GRACE - 1
    await new Promise((r) => setTimeout(r, 1200))
    expect((await stations(sys)).get(hours[0]!.stationId)?.aqi).toBeUndefined()

    clock.t = H + HOUR + GRACE // 16:05:00: the hour closes
    await expect.poll(async () => [...(await stations(sys)).values()].filter((s) => s.aqi).length, { timeout: 10_000 }).toBe(hours.length)
    const views = await stations(sys)
    const got = hours.map((h) => ({
      row: `${h.file} ${h.station}`,
      aqi: views.get(h.stationId)!.aqi!.aqi,
      primary: [...views.get(h.stationId)!.aqi!.primary].sort(),
    }))
    const want = hours.map((h) => ({ row: `${h.file} ${h.station}`, aqi: h.published.aqi, primary: [...h.published.primary].sort() }))
    expect(got).toEqual(want)
    // Labelled by the hour's start, with its end beside it (CNEMC's label for the same hour).
    expect(views.get(hours[0]!.stationId)!.aqi).toMatchObject({
      basis: 'hourly',
      ts: new Date(H).toISOString(),
      end: new Date(H + HOUR).toISOString(),
    })

    // The socket heard each station's new AQI although the stations have been silent since 15:59.
    await expect.poll(() => pushed.size, { timeout: 5_000 }).toBe(hours.length)
    expect(hours.map((h) => pushed.get(h.stationId)?.aqi)).toEqual(hours.map((h) => h.published.aqi))
  })
})
