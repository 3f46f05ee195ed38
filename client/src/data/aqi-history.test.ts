import { describe, expect, it } from 'vitest'
import { aqiHistory } from './aqi-history'
import { hourGrid } from './hourly-grid'

const H = 3_600_000
const h0 = Date.UTC(2026, 10, 23, 16) // 2026-11-24 00:00 CST

describe('hourGrid', () => {
  it('places buckets on a dense grid and leaves missing hours NaN', () => {
    const g = hourGrid({ t: [h0 + H], v: [12] }, h0, h0 + 3 * H)
    expect(Array.from(g.v)).toEqual([Number.NaN, 12, Number.NaN])
    expect(Array.from(g.t)).toEqual([h0, h0 + H, h0 + 2 * H])
  })
})

describe('aqiHistory', () => {
  it('computes the hourly AQI of each hour from the 1-h pollutant means', () => {
    // PM2.5 1-h 80 → IAQI 107 (24-h column, real-time practice); O3 120 → below 50..100.
    const series = [
      { metric: 'pm25', t: [h0, h0 + H], v: [80, 30] },
      { metric: 'o3', t: [h0, h0 + H], v: [120, 120] },
    ]
    const h = aqiHistory(series, h0, h0 + 2 * H)
    expect(Array.from(h.aqi)).toEqual([107, 43])
    expect(h.primary).toEqual(['pm25', ''])
  })

  it('leaves an hour without any pollutant as NaN', () => {
    const h = aqiHistory([{ metric: 'pm25', t: [h0], v: [30] }], h0, h0 + 2 * H)
    expect(h.aqi[1]).toBeNaN()
  })

  it('does not index the 8-h O3 moving mean (national real-time practice)', () => {
    const t = Array.from({ length: 8 }, (_, i) => h0 + i * H)
    const h = aqiHistory([{ metric: 'o3', t, v: t.map(() => 170) }], h0, h0 + 8 * H)
    // O3 1-h 170 → IAQI 63 every hour; the 8-h mean 170 (valid from hour 6) would give 110 if indexed.
    expect(Array.from(h.aqi)).toEqual(Array(8).fill(63))
  })
})
