import { describe, expect, it } from 'vitest'
import type { Reading } from '../domain/reading'
import { AlertBook } from './alert-book'
import { HOUR, T0, round, stationOf } from './standard-test-helpers'
import { standardsEvaluator } from './standards-evaluator'

const unit = stationOf('energy', { quotaTce: 365 })
const at = (h: number, values: Record<string, number>, flags?: Reading['flags']): Reading => ({ stationId: unit.id, kind: 'energy', ts: T0 + h * HOUR, values, ...(flags ? { flags } : {}) })
const tceOf = (readings: Reading[], station = unit) => standardsEvaluator().observe(station, readings).map((o) => [round(o.value), (o.ts - T0) / HOUR])

describe('energy: day-to-date consumption vs the pro-rated quota', () => {
  it('converts counter deltas to tce (electricity 0.1229 kgce/kWh, GB/T 2589-2020)', () => {
    expect(tceOf([at(0, { elec_kwh: 5000 }), at(1, { elec_kwh: 6000 }), at(2, { elec_kwh: 8000 })])).toEqual([[0, 0], [0.1229, 1], [0.3687, 2]])
  })

  it('sums carriers (natural gas 1.2143 kgce/m³)', () => {
    expect(tceOf([at(0, { elec_kwh: 0, gas_m3: 0 }), at(1, { elec_kwh: 1000, gas_m3: 1000 })]).at(-1)).toEqual([1.3372, 1])
  })

  it('starts again at CST midnight; the delta across midnight belongs to the new day', () => {
    expect(tceOf([at(22, { elec_kwh: 0 }), at(23, { elec_kwh: 1000 }), at(24.5, { elec_kwh: 3000 })]).map(([v]) => v)).toEqual([0, 0.1229, 0.2458])
  })

  it.each([
    ['a meter replaced (reset to near 0)', [9_000_000, 9_001_000, 500], 0.1229 * 1.5],
    ['a glitch (a drop that is neither)', [1000, 900, 2000], 0.1229],
  ])('handles %s via standards/counterDeltas', (_what, values, tce) => {
    const readings = values.map((v, i) => at(i, { elec_kwh: v }))
    expect(tceOf(readings).at(-1)![0]).toBeCloseTo(tce, 9)
  })

  it('skips a value flagged other than N/S', () => {
    expect(tceOf([at(0, { elec_kwh: 0 }), at(1, { elec_kwh: 50 }, { elec_kwh: 'M' }), at(2, { elec_kwh: 1000 })])).toEqual([[0, 0], [0.1229, 2]])
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
    const obs = standardsEvaluator().observe(unit, [at(10, { elec_kwh: 0 }), at(11, { elec_kwh: 5000 }), at(12, { elec_kwh: 10_000 }), at(25, { elec_kwh: 10_100 })])
    expect(obs.flatMap((o) => book.observe(o, o.ts)).map((t) => [t.type, t.alert.severity])).toEqual([['opened', 'warning'], ['resolved', 'warning']])
  })
})
