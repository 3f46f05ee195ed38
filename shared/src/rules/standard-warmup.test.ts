import { describe, expect, it } from 'vitest'
import type { SeriesQuery, Series } from '../ports/store'
import { HOUR, T0, hourly, stationOf, tick, valuesOf } from './standard-test-helpers'
import { seriesToReadings, warmFromStore } from './standard-warmup'
import { standardsEvaluator } from './standards-evaluator'

const air = stationOf('air')

describe('seriesToReadings', () => {
  it('groups raw series by timestamp, keeps non-N flags, and sorts by time', () => {
    const series: Series[] = [
      { metric: 'pm25', t: [T0 + 60_000, T0], v: [40, 30], flags: ['N', 'D'] },
      { metric: 'o3', t: [T0], v: [100], flags: ['N'] },
    ]
    expect(seriesToReadings(air, series)).toEqual([
      { stationId: air.id, kind: 'air', ts: T0, values: { pm25: 30, o3: 100 }, flags: { pm25: 'D' } },
      { stationId: air.id, kind: 'air', ts: T0 + 60_000, values: { pm25: 40 } },
    ])
  })
})

describe('warmFromStore', () => {
  it('feeds the last 25 h of the watched metrics and reports stations that could not be read', async () => {
    const history = hourly(air, T0, 24, () => ({ pm25: 90 }))
    const asked: SeriesQuery[] = []
    const store = {
      series: async (q: SeriesQuery): Promise<Series[]> => {
        asked.push(q)
        if (q.stationId !== air.id) throw new Error('store down')
        return [{ metric: 'pm25', t: history.map((r) => r.ts), v: history.map(() => 90), flags: history.map(() => 'N' as const) }]
      },
    }
    const ev = standardsEvaluator()
    const now = T0 + 24 * HOUR
    const r = await warmFromStore(ev, [air, stationOf('water', { id: 'W' })], store, now)
    expect(r).toEqual({ stations: 1, readings: 24 * 60, failed: [{ id: 'W', error: 'store down' }] })
    expect(asked[0]).toMatchObject({ every: 'raw', from: now - 25 * HOUR, metrics: ['so2', 'no2', 'co', 'o3', 'pm10', 'pm25'] })
    expect(valuesOf(ev.observe(air, [tick(air, now, { pm25: 90 })]), 'air.pm25.24h')).toEqual([[90, 24]])
  })
})
