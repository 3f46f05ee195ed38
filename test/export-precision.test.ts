/**
 * The CSV export keeps the stored time precision: two readings 300 ms apart, published by a
 * registered station over the embedded broker, come out as two distinct rows, with milliseconds,
 * in both the station series CSV and the multi-station export.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { startTestSystem, type TestSystem } from './helpers/start-system'

let sys: TestSystem
afterAll(async () => {
  await sys?.stop()
})

describe('CSV time precision', () => {
  it('two readings 300 ms apart are two distinct rows, to the millisecond', async () => {
    sys = await startTestSystem()
    const t0 = Math.floor(Date.now() / 1000) * 1000 - 60_000
    const station = await sys.connectStation('DG-AIR-07')
    const batch = [
      { ts: new Date(t0).toISOString(), values: { pm25: 31 } },
      { ts: new Date(t0 + 300).toISOString(), values: { pm25: 32 } },
    ]
    station.publish('envmon/v1/air/DG-AIR-07/reading', JSON.stringify(batch), { qos: 1 })
    const range = `from=${t0 - 1000}&to=${t0 + 1000}`
    const rows = async (path: string) => (await (await sys.apiAs('analyst', path)).text()).trim().split('\n').slice(1)
    await expect
      .poll(() => rows(`/api/stations/DG-AIR-07/series?metric=pm25&every=raw&format=csv&${range}`), { timeout: 10_000 })
      .toHaveLength(2)

    const cst = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 23) + '+08:00'
    const want = [`DG-AIR-07,pm25,${cst(t0)},31,N,`, `DG-AIR-07,pm25,${cst(t0 + 300)},32,N,`]
    expect(want[1]).toMatch(/\.300\+08:00,32,N,$/)
    expect(await rows(`/api/stations/DG-AIR-07/series?metric=pm25&every=raw&format=csv&${range}`)).toEqual(want)
    expect(await rows(`/api/export?stations=DG-AIR-07&metric=pm25&every=raw&${range}`)).toEqual(want)
  })
})
