import { describe, expect, it } from 'vitest'
import { drinkingWaterCompliance } from './drinking-water'
import type { DailyAggregate } from './types'

const period = { from: Date.parse('2026-01-01T00:00:00+08:00'), to: Date.parse('2026-01-03T00:00:00+08:00') }
const day = (stationId: string, d: string, values: Record<string, number>): DailyAggregate => ({ stationId, day: d, values })

// Hand computation:
// W1 (river, no class → III): NH3-N days 0.8, 1.1 → mean 0.95 ≤ 1.0 → III; DO 6, 5 → 5.5 → III. Compliant.
//   (Day 2 alone, NH3-N 1.1, would be class IV: the period mean decides.)
// W2 (lake, configured II): TP 0.02, 0.04 → mean 0.03 > 0.025 (II) → III, worse than II. Not compliant.
// W3: no data → excluded.
// Rate = 1 compliant / 2 assessed = 50 %.
const DAILY = [
  day('W1', '2026-01-01', { nh3n: 0.8, do: 6 }),
  day('W1', '2026-01-02', { nh3n: 1.1, do: 5 }),
  day('W2', '2026-01-01', { tp: 0.02 }),
  day('W2', '2026-01-02', { tp: 0.04 }),
  day('W2', '2026-01-05', { tp: 9 }), // outside the period
]
const SOURCES = [{ id: 'W1' }, { id: 'W2', waterBody: 'lake' as const, standardClass: 'II' }, { id: 'W3' }]

describe('drinkingWaterCompliance', () => {
  it('rates sources by the period mean of each item (hand-computed 50 %)', () => {
    const r = drinkingWaterCompliance(SOURCES, DAILY, { period })
    expect(r.value).toBe(50)
    expect(r.counted.stations).toEqual(['W1', 'W2'])
    expect(r.status).toBe('missed')
  })

  it('excludes sources without data and says why', () => {
    const r = drinkingWaterCompliance(SOURCES, DAILY, { period })
    expect(r.counted.excluded).toEqual([{ id: 'W3', why: '0 day(s) with data in the period, 1 needed' }])
  })

  it('judges every source against class III with classRule: III (W2 mean TP 0.03 ≤ 0.05 → 100 %)', () => {
    const r = drinkingWaterCompliance(SOURCES, DAILY, { period, classRule: 'III' })
    expect([r.value, r.status]).toEqual([100, 'met'])
  })

  it('reports each source class and target as numbers', () => {
    const r = drinkingWaterCompliance(SOURCES, DAILY, { period })
    expect(r.breakdown).toEqual([
      { id: 'W1', value: 3, target: 3, ok: true },
      { id: 'W2', value: 3, target: 2, ok: false },
    ])
  })

  it('is at-risk, not missed, while the period is in progress', () => {
    const r = drinkingWaterCompliance(SOURCES, DAILY, { period, asOf: Date.parse('2026-01-02T12:00:00+08:00') })
    // only 2026-01-01 complete: W1 NH3-N 0.8 → III ok; W2 TP 0.02 → II ok → 100 % met
    expect([r.value, r.status]).toEqual([100, 'met'])
  })

  it('is no-data without any assessable source', () => {
    expect(drinkingWaterCompliance([{ id: 'W3' }], DAILY, { period }).status).toBe('no-data')
  })
})

// A lake source whose TN period mean is class V (1.9 > 1.5) and whose other items are class II.
const LAKE_DAYS = [
  day('L1', '2026-01-01', { do: 6.5, codmn: 3, nh3n: 0.4, tp: 0.02, tn: 1.8 }),
  day('L1', '2026-01-02', { do: 6.5, codmn: 3, nh3n: 0.4, tp: 0.02, tn: 2.0 }),
]

describe("drinkingWaterCompliance follows the 2011 assessment practice for a lake's TN", () => {
  it.each([
    ['the practice (default)', undefined, 100, 2, true, 1],
    ['the practice (explicit)', 'assessment', 100, 2, true, 1],
    ['the strict all-items setting', 'all-items', 0, 5, false, 0],
  ] as const)('%s: rate %i, class %i', (_what, method, value, cls, ok, separateExceeding) => {
    const r = drinkingWaterCompliance([{ id: 'L1', waterBody: 'lake', ...(method ? { waterClassMethod: method } : {}) }], LAKE_DAYS, {
      period,
    })
    expect([r.value, r.breakdown, r.detail?.separateExceeding]).toEqual([
      value,
      [{ id: 'L1', value: cls, target: 3, ok }],
      separateExceeding,
    ])
  })

  it('names the lake TN reported beside the class, and the sources set to the strict class, in the method', () => {
    expect(drinkingWaterCompliance([{ id: 'L1', waterBody: 'lake' }], LAKE_DAYS, { period }).method).toMatch(
      /TN .*excluded.* Beside the class: L1 TN class V\.$/,
    )
    expect(drinkingWaterCompliance([{ id: 'L1', waterBody: 'lake', waterClassMethod: 'all-items' }], LAKE_DAYS, { period }).method).toMatch(
      /1 source\(s\) set to the strict all-items class/,
    )
  })
})
