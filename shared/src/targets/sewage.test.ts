import { describe, expect, it } from 'vitest'
import { reclaimedWaterReuse } from './reclaimed-water'
import { sewageTreatmentRate, type PlantDay } from './sewage-treatment'

const period = { from: Date.parse('2026-01-01T00:00:00+08:00'), to: Date.parse('2026-01-04T00:00:00+08:00') }

// Hand computation, generated sewage baseline 100 000 m³/day:
// 01-01: P1 60 000 + P2 33 000 = 93 000   (both plants)
// 01-02: P1 58 000 + P2 31 000 = 89 000   (both plants)
// 01-03: P1 only → day skipped in numerator and denominator
// rate = (93 000 + 89 000) / (100 000 × 2) = 182 000 / 200 000 = 91 %
// Reuse: reclaimed 6 000 + 4 000 (01-01) + 5 000 + (P2 01-02 none → 0) + 7 000 (P1 01-03) = 22 000
//        treated 93 000 + 89 000 + 61 000 = 243 000 → 22 000 / 243 000 = 9.0535 %
const DAYS: PlantDay[] = [
  { stationId: 'P1', day: '2026-01-01', treatedM3: 60_000, reclaimedM3: 6_000 },
  { stationId: 'P2', day: '2026-01-01', treatedM3: 33_000, reclaimedM3: 4_000 },
  { stationId: 'P1', day: '2026-01-02', treatedM3: 58_000, reclaimedM3: 5_000 },
  { stationId: 'P2', day: '2026-01-02', treatedM3: 31_000 },
  { stationId: 'P1', day: '2026-01-03', treatedM3: 61_000, reclaimedM3: 7_000 },
]

describe('sewageTreatmentRate', () => {
  it('divides treated by generated over days with data from every plant (hand-computed 91 %)', () => {
    const r = sewageTreatmentRate(['P1', 'P2'], DAYS, { period, generatedM3PerDay: 100_000 })
    expect(r.value).toBeCloseTo(91, 12)
    expect(r.counted.days).toEqual(['2026-01-01', '2026-01-02'])
    expect(r.status).toBe('met')
  })

  it('lists the days skipped for missing plants', () => {
    const r = sewageTreatmentRate(['P1', 'P2'], DAYS, { period, generatedM3PerDay: 100_000 })
    expect(r.counted.excluded).toEqual([{ id: '2026-01-03', why: 'no treated volume from P2' }])
  })

  it('is at-risk in progress when above target by less than the margin', () => {
    const r = sewageTreatmentRate(['P1', 'P2'], DAYS, { period, generatedM3PerDay: 100_000, asOf: Date.parse('2026-01-03T10:00:00+08:00') })
    expect(r.status).toBe('at-risk')
  })

  it('is missed for a closed period below target', () => {
    expect(sewageTreatmentRate(['P1', 'P2'], DAYS, { period, generatedM3PerDay: 110_000 }).status).toBe('missed')
  })

  it('rejects a non-positive baseline', () => {
    expect(() => sewageTreatmentRate([], [], { period, generatedM3PerDay: 0 })).toThrow('invalid generatedM3PerDay: 0')
  })
})

describe('reclaimedWaterReuse', () => {
  it('divides reclaimed by treated over plant-days with a treated volume (hand-computed 9.05 %)', () => {
    const r = reclaimedWaterReuse(['P1', 'P2'], DAYS, { period })
    expect(r.value).toBeCloseTo((100 * 22_000) / 243_000, 12)
    expect(r.status).toBe('missed')
  })

  it('counts a plant-day without reclaimed data as zero reuse and says how many', () => {
    expect(reclaimedWaterReuse(['P1', 'P2'], DAYS, { period }).detail?.noReclaimedData).toBe(1)
  })

  it('meets a configured 9 % target', () => {
    expect(reclaimedWaterReuse(['P1', 'P2'], DAYS, { period, targetPct: 9 }).status).toBe('met')
  })

  it('is no-data without treated volumes', () => {
    expect(reclaimedWaterReuse(['P9'], DAYS, { period }).status).toBe('no-data')
  })
})
