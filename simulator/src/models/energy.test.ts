import { describe, expect, it } from 'vitest'
import { ROLLOVER_UNITS, createEnergyModel } from './energy'
import { annualTce, energyProfile, shiftLoad } from './energy-profile'
import { cst, demoSet, runModel, station, type Tick } from './test-helpers'

const units = demoSet().filter((s) => s.kind === 'energy')
const COUNTERS = ['elec_kwh', 'gas_m3', 'steam_t', 'water_m3', 'coal_t']

/** Decreases of each counter: [previous, next] pairs. */
function decreases(ticks: readonly Tick[]): { key: string; prev: number; next: number }[] {
  const out: { key: string; prev: number; next: number }[] = []
  const last: Record<string, number> = {}
  for (const { sample } of ticks) {
    if (!sample) continue
    for (const k of COUNTERS) {
      const v = sample.values[k]
      if (v === undefined) continue
      if (last[k] !== undefined && v < last[k]!) out.push({ key: k, prev: last[k]!, next: v })
      last[k] = v
    }
  }
  return out
}

describe('energy model', () => {
  it.each(units.filter((s) => !(s.id in ROLLOVER_UNITS)).map((s) => s.id))('counters of %s never decrease at the default rates', (id) => {
    expect(decreases(runModel(createEnergyModel(station(id), 1), cst('2026-03-02T00:00:00'), 72))).toEqual([])
  })

  it('the rollover unit wraps its 7-digit electricity register once and restarts near 0', () => {
    const [id, register] = Object.entries(ROLLOVER_UNITS)[0]!
    const d = decreases(runModel(createEnergyModel(station(id), 1), cst('2026-03-02T00:00:00'), 24))
    expect(d).toHaveLength(1)
    expect(d[0]!.key).toBe('elec_kwh')
    expect(d[0]!.prev).toBeGreaterThan(register * 0.99)
    expect(d[0]!.next).toBeLessThan(register * 0.01)
  })

  it('with a high fault rate, a counter decreases only at a meter replacement: to near 0, flagged M', () => {
    const problems: string[] = []
    let resets = 0
    for (const s of units) {
      const ticks = runModel(createEnergyModel(s, 2, { faultRate: 100 }), cst('2026-03-02T00:00:00'), 48)
      for (const d of decreases(ticks)) {
        resets++
        if (d.next > d.prev * 0.01 && !(d.key === 'elec_kwh' && s.id in ROLLOVER_UNITS))
          problems.push(`${s.id} ${d.key} ${d.prev}→${d.next}`)
      }
    }
    expect(resets).toBeGreaterThan(0)
    expect(problems).toEqual([])
  })

  it('power follows working hours: weekday 10 h above 3 h', () => {
    const ticks = runModel(createEnergyModel(station('DG-ENE-01'), 1), cst('2026-03-02T00:00:00'), 24) // a Monday
    const at = (h: number) =>
      ticks.find((x) => x.sample && x.t >= cst(`2026-03-02T${String(h).padStart(2, '0')}:00:00`))!.sample!.values.power_kw!
    const p = energyProfile('DG-ENE-01')
    if (p.shift === 'two-shift') expect(at(10)).toBeGreaterThan(2 * at(3))
    else expect(at(10)).toBeGreaterThan(0.8 * at(3))
  })

  it.each([
    ['two-shift', 10, 1, 0.95],
    ['two-shift', 3, 1, 0.25],
    ['two-shift', 10, 0, 0.475],
  ] as const)('%s load at %i h on weekday %i is %f', (shift, h, wd, load) => {
    expect(shiftLoad(shift, h, wd)).toBeCloseTo(load, 3)
  })

  it('a day of electricity is about power × 24 h', () => {
    const ticks = runModel(createEnergyModel(station('DG-ENE-02'), 1, { outageRate: 0, faultRate: 0 }), cst('2026-03-03T00:00:00'), 24)
    const first = ticks[0]!.sample!
    const last = ticks.at(-1)!.sample!
    const kwh = last.values.elec_kwh! - first.values.elec_kwh!
    const meanKw = ticks.reduce((a, x) => a + x.sample!.values.power_kw!, 0) / ticks.length
    expect(kwh / (meanKw * 24)).toBeGreaterThan(0.95)
    expect(kwh / (meanKw * 24)).toBeLessThan(1.05)
  })

  it('quotas exceed the expected annual consumption', () => {
    for (const s of units) expect(s.quotaTce!, s.id).toBeGreaterThan(annualTce(energyProfile(s.id)))
  })
})
