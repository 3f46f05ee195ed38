import { describe, expect, it } from 'vitest'
import { localHour } from './local-time'
import { cst, demoSet, runModel, station } from './test-helpers'
import { createWastewaterModel, inflowPattern, reusesWater } from './wastewater'

const plants = demoSet().filter((s) => s.kind === 'wastewater')

describe('wastewater model', () => {
  it('the diurnal inflow pattern averages 1 over a day', () => {
    const xs = Array.from({ length: 1440 }, (_, i) => inflowPattern(i / 60))
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(1, 2)
  })

  it.each([
    [10.5, 4.5],
    [20.5, 4.5],
  ])('inflow at %f h is above the pre-dawn %f h', (peak, low) => {
    expect(inflowPattern(peak)).toBeGreaterThan(1.2 * inflowPattern(low))
  })

  it('a day of inflow is 70-110 % of design capacity', () => {
    for (const s of plants) {
      const ticks = runModel(createWastewaterModel(s, 1), cst('2026-04-01T00:00:00'), 24).filter((x) => x.sample?.flags.inflow === 'N')
      const m3d = (ticks.reduce((a, x) => a + x.sample!.values.inflow!, 0) / ticks.length) * 24
      expect(m3d / s.capacityM3d!, s.id).toBeGreaterThan(0.7)
      expect(m3d / s.capacityM3d!, s.id).toBeLessThan(1.1)
    }
  })

  it('outflow over a day is 95-100 % of inflow', () => {
    const ticks = runModel(createWastewaterModel(station('DG-WWT-01'), 1), cst('2026-04-01T00:00:00'), 24).filter(
      (x) => x.sample?.flags.inflow === 'N' && x.sample.flags.outflow === 'N',
    )
    const sum = (k: string) => ticks.reduce((a, x) => a + x.sample!.values[k]!, 0)
    expect(sum('outflow') / sum('inflow')).toBeGreaterThan(0.95)
    expect(sum('outflow') / sum('inflow')).toBeLessThan(1.0)
  })

  it('plants that reuse water reclaim 10-20 % of outflow; the others report 0', () => {
    const reusing = plants.filter((s) => reusesWater(s.id))
    expect(reusing.length).toBeGreaterThan(0)
    expect(reusing.length).toBeLessThan(plants.length)
    for (const s of plants) {
      const ticks = runModel(createWastewaterModel(s, 1), cst('2026-04-01T00:00:00'), 12).filter((x) => x.sample?.flags.outflow === 'N')
      const ratio = ticks.reduce((a, x) => a + x.sample!.values.reclaimed!, 0) / ticks.reduce((a, x) => a + x.sample!.values.outflow!, 0)
      if (reusesWater(s.id)) expect(ratio > 0.09 && ratio < 0.21, `${s.id} ${ratio}`).toBe(true)
      else expect(ratio).toBe(0)
    }
  })

  it('the morning peak arrives later than the pre-dawn minimum (hour of max inflow 9-12 h or 19-22 h)', () => {
    const ticks = runModel(createWastewaterModel(station('DG-WWT-02'), 4), cst('2026-04-01T00:00:00'), 24).filter((x) => x.sample)
    const max = ticks.reduce((a, b) => (b.sample!.values.inflow! > a.sample!.values.inflow! ? b : a))
    const h = localHour(max.t)
    expect((h >= 9 && h < 13) || (h >= 19 && h < 23)).toBe(true)
  })

  it('at the default rate, effluent meets 1A (COD ≤ 50, NH3-N ≤ 5) nearly always', () => {
    const all = plants.flatMap((s) => runModel(createWastewaterModel(s, 2), cst('2026-01-10T00:00:00'), 24)).filter((x) => x.sample)
    const bad = all.filter((x) => x.sample!.flags.cod === 'N' && (x.sample!.values.cod! > 50 || x.sample!.values.nh3n! > 5))
    expect(bad.length / all.length).toBeLessThan(0.05)
  })

  it('with a high episode rate, upsets breach 1A: COD > 50 and NH3-N > 5 mg/L', () => {
    const all = plants
      .flatMap((s) => runModel(createWastewaterModel(s, 2, { episodeRate: 40 }), cst('2026-01-10T00:00:00'), 24))
      .filter((x) => x.sample)
    expect(all.some((x) => x.sample!.values.cod! > 50)).toBe(true)
    expect(all.some((x) => x.sample!.values.nh3n! > 5)).toBe(true)
  })
})
