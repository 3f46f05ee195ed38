import { describe, expect, it } from 'vitest'
import { localHour } from './local-time'
import { cst, demoSet, runModel, station } from './test-helpers'
import { createWaterModel, doSaturation } from './water'

const water = demoSet().filter((s) => s.kind === 'water')

describe('water model', () => {
  it.each([
    [0, 14.62],
    [20, 9.09],
    [30, 7.56],
  ])('DO saturation at %i °C ≈ %f mg/L', (c, mgl) => {
    expect(doSaturation(c)).toBeCloseTo(mgl, 1)
  })

  it('DO is higher mid-afternoon than before dawn (photosynthesis)', () => {
    const ticks = runModel(createWaterModel(station('DG-WAT-02'), 3), cst('2026-06-01T00:00:00'), 24 * 5)
    const at = (hs: number[]) => {
      const xs = ticks.filter((x) => x.sample?.flags.do === 'N' && hs.includes(Math.floor(localHour(x.t)))).map((x) => x.sample!.values.do!)
      return xs.reduce((a, b) => a + b, 0) / xs.length
    }
    expect(at([14, 15, 16])).toBeGreaterThan(at([4, 5, 6]) + 0.3)
  })

  it('water is warmer in July than in January', () => {
    const mean = (start: string) => {
      const xs = runModel(createWaterModel(station('DG-WAT-01'), 3), cst(start), 24).flatMap((x) =>
        x.sample ? [x.sample.values.temp!] : [],
      )
      return xs.reduce((a, b) => a + b, 0) / xs.length
    }
    expect(mean('2026-07-25T00:00:00') - mean('2026-01-15T00:00:00')).toBeGreaterThan(8)
  })

  it('at the default rate, DO ≥ 5 and NH3-N ≤ 1.0 (class III) nearly always', () => {
    const all = water.flatMap((s) => runModel(createWaterModel(s, 2), cst('2026-07-01T00:00:00'), 48)).filter((x) => x.sample)
    const bad = all.filter((x) => x.sample!.flags.do === 'N' && (x.sample!.values.do! < 5 || x.sample!.values.nh3n! > 1.0))
    expect(bad.length / all.length).toBeLessThan(0.05)
  })

  it('with a high episode rate, episodes breach class III: NH3-N > 1.0 or DO < 5 mg/L', () => {
    const all = water
      .flatMap((s) => runModel(createWaterModel(s, 2, { episodeRate: 40 }), cst('2026-07-01T00:00:00'), 48))
      .filter((x) => x.sample)
    expect(all.some((x) => x.sample!.values.nh3n! > 1.0)).toBe(true)
    expect(all.some((x) => x.sample!.values.do! < 5)).toBe(true)
  })
})
