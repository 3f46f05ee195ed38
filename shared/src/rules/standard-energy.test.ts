import { describe, expect, it } from 'vitest'
import type { Reading } from '../domain/reading'
import { AlertBook } from './alert-book'
import { HOUR, T0, round, stationOf } from './standard-test-helpers'
import { standardsEvaluator } from './standards-evaluator'

const unit = stationOf('energy', { quotaTce: 365 })
const at = (h: number, values: Record<string, number>, flags?: Reading['flags']): Reading => ({
  stationId: unit.id,
  kind: 'energy',
  ts: T0 + h * HOUR,
  values,
  ...(flags ? { flags } : {}),
})
const tceOf = (readings: Reading[], station = unit) =>
  standardsEvaluator()
    .observe(station, readings)
    .map((o) => [round(o.value), (o.ts - T0) / HOUR])

describe('energy: day-to-date consumption vs the pro-rated quota', () => {
  it('converts counter deltas to tce (electricity 0.1229 kgce/kWh, GB/T 2589-2020)', () => {
    expect(tceOf([at(0, { elec_kwh: 5000 }), at(1, { elec_kwh: 6000 }), at(2, { elec_kwh: 8000 })])).toEqual([
      [0, 0],
      [0.1229, 1],
      [0.3687, 2],
    ])
  })

  it('sums carriers (natural gas 1.2143 kgce/m³)', () => {
    expect(tceOf([at(0, { elec_kwh: 0, gas_m3: 0 }), at(1, { elec_kwh: 1000, gas_m3: 1000 })]).at(-1)).toEqual([1.3372, 1])
  })

  it('starts again at CST midnight; the delta across midnight belongs to the new day', () => {
    expect(tceOf([at(22, { elec_kwh: 0 }), at(23, { elec_kwh: 1000 }), at(24.5, { elec_kwh: 3000 })]).map(([v]) => v)).toEqual([
      0, 0.1229, 0.2458,
    ])
  })

  it.each([
    ['a meter replaced (reset to near 0)', [9_000_000, 9_001_000, 500], 0.1229 * 1.5],
    ['a glitch (a drop that is neither)', [1000, 900, 2000], 0.1229],
  ])('handles %s via standards/counterDeltas', (_what, values, tce) => {
    const readings = values.map((v, i) => at(i, { elec_kwh: v }))
    expect(tceOf(readings).at(-1)![0]).toBeCloseTo(tce, 9)
  })

  it('skips a value flagged other than N/S', () => {
    expect(tceOf([at(0, { elec_kwh: 0 }), at(1, { elec_kwh: 50 }, { elec_kwh: 'M' }), at(2, { elec_kwh: 1000 })])).toEqual([
      [0, 0],
      [0.1229, 2],
    ])
  })

  it.each([
    [2026, 1],
    [2028, 365 / 366],
  ])('the daily allowance of a 365 tce/year unit in %i is %s tce', (year, limit) => {
    const t = Date.parse(`${year}-03-01T00:00:00+08:00`)
    const obs = standardsEvaluator().observe(unit, [{ stationId: unit.id, kind: 'energy', ts: t, values: { elec_kwh: 1 } }])
    expect(obs[0]!.rule.limit).toBeCloseTo(limit, 12)
  })

  it('has no rule for a unit without a quota', () => {
    const free = stationOf('energy', { id: 'free' })
    expect(standardsEvaluator().rulesFor(free)).toEqual([])
    expect(tceOf([at(0, { elec_kwh: 0 }), at(1, { elec_kwh: 1e6 })], free)).toEqual([])
  })

  it('opens a warning when the day exceeds its allowance and resolves on the next day', () => {
    const book = new AlertBook(() => 'a')
    // 1 tce/day allowed; 5000 kWh = 0.6145 tce per step.
    const obs = standardsEvaluator().observe(unit, [
      at(10, { elec_kwh: 0 }),
      at(11, { elec_kwh: 5000 }),
      at(12, { elec_kwh: 10_000 }),
      at(25, { elec_kwh: 10_100 }),
    ])
    expect(obs.flatMap((o) => book.observe(o, o.ts)).map((t) => [t.type, t.alert.severity])).toEqual([
      ['opened', 'warning'],
      ['resolved', 'warning'],
    ])
  })

  it("converts with the unit's own factors: equal-value electricity 0.30 kgce/kWh gives the larger tce", () => {
    const eqv = stationOf('energy', {
      id: 'eqv',
      quotaTce: 365,
      energyBasis: 'equal-value',
      energyFactors: { elec_kwh: { kgce: 0.3, source: '2025 supply coal consumption (CEC)' } },
    })
    const readings = [at(0, { elec_kwh: 0 }), at(1, { elec_kwh: 10_000 })].map((r) => ({ ...r, stationId: 'eqv' }))
    expect([tceOf([at(0, { elec_kwh: 0 }), at(1, { elec_kwh: 10_000 })]).at(-1), tceOf(readings, eqv).at(-1)]).toEqual([
      [1.229, 1],
      [3, 1],
    ])
  })

  it('names the basis, every factor and its source in the rule, and the factors applied in the observation', () => {
    const own = stationOf('energy', {
      id: 'own',
      quotaTce: 365,
      energyFactors: { steam_t: { kgce: 128.6, source: 'supplier contract 2026' } },
    })
    const obs = standardsEvaluator().observe(
      own,
      [0, 1].map((h) => ({ ...at(h, { elec_kwh: h * 1000, steam_t: h * 2 }), stationId: 'own' })),
    )
    const last = obs.at(-1)!
    expect(last.rule.source).toContain(
      'equivalent basis; factors: electricity 0.1229 kgce/kWh (default: GB/T 2589-2020 Appendix A, electricity, equivalent value)',
    )
    expect(last.rule.source).toContain('steam 128.6 kgce/t (supplier contract 2026)')
    expect(typeof last.detail === 'function' ? last.detail() : last.detail).toBe(
      '0.38 tce since 00:00 CST, 1 tce/day allowed (electricity 1000 kWh × 0.1229 kgce/kWh (default) + steam 2 t × 128.6 kgce/t (supplier contract 2026); equivalent basis)',
    )
  })
})
