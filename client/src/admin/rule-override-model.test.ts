import { describe, expect, it } from 'vitest'
import { formToOverride, overrideToForm, withRuleOverride, type RuleFormContext, type RuleOverrideForm } from './rule-override-model'

const blank = overrideToForm(undefined)
const above: RuleFormContext = { comparison: 'above', limit: 75 }
const form = (patch: Partial<RuleOverrideForm>): RuleOverrideForm => ({ ...blank, ...patch })

describe('rule override form', () => {
  it('starts blank and enabled when nothing is overridden', () => {
    expect(blank).toEqual({ limit: '', low: '', clear: '', clearLow: '', severity: '', minDurationMin: '', minCount: '', enabled: true })
  })

  it('shows an existing override, the minimum duration in minutes', () => {
    expect(overrideToForm({ limit: 60, clear: 50, severity: 'critical', minDurationMs: 5_400_000, minCount: 2 })).toMatchObject({
      limit: '60',
      clear: '50',
      severity: 'critical',
      minDurationMin: '90',
      minCount: '2',
      enabled: true,
    })
  })

  it('starts switched off when the all-station override switched the rule off', () => {
    expect(overrideToForm(undefined, { enabled: false }).enabled).toBe(false)
    expect(overrideToForm({ enabled: true }, { enabled: false }).enabled).toBe(true)
  })

  it('turns a blank form into an empty override (back to the standard)', () => {
    expect(formToOverride(blank, above)).toEqual({ ok: true, override: {} })
  })

  it('sends numbers, the duration in ms, and only the fields typed', () => {
    expect(formToOverride(form({ limit: ' 60 ', clear: '50', severity: 'critical', minDurationMin: '1.5', minCount: '3' }), above)).toEqual(
      {
        ok: true,
        override: { limit: 60, clear: 50, severity: 'critical', minDurationMs: 90_000, minCount: 3 },
      },
    )
  })

  it.each([
    ['limit', { limit: 'high' }, 'number'],
    ['limit', { limit: '0x10' }, 'number'],
    ['limit', { limit: '-5' }, 'negative'],
    ['clear', { clear: '1,5' }, 'number'],
    ['minDurationMin', { minDurationMin: '-1' }, 'negative'],
    ['minDurationMin', { minDurationMin: '3600000' }, 'tooLong'],
    ['minCount', { minCount: '1.5' }, 'integer'],
    ['minCount', { minCount: '0' }, 'integer'],
  ] as const)('names the wrong field %s (%j)', (field, patch, why) => {
    const r = formToOverride(form(patch), above)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors[field]).toBe(why)
  })

  it.each([
    ['above: clear over the new limit', { comparison: 'above' }, { limit: '60', clear: '70' }],
    ['above: clear over the effective limit', { comparison: 'above', limit: 75 }, { clear: '80' }],
    ['below: clear under the limit', { comparison: 'below', limit: 5 }, { clear: '4' }],
  ] as const)('refuses a clear level on the bad side of the limit (%s)', (_name, ctx, patch) => {
    const r = formToOverride(form(patch), ctx)
    expect(r).toEqual({ ok: false, errors: { clear: 'clearSide' } })
  })

  it('accepts a clear level equal to the limit (no hysteresis)', () => {
    expect(formToOverride(form({ clear: '75' }), above)).toEqual({ ok: true, override: { clear: 75 } })
  })

  it('checks a clear level against the standard, not against the own limit being removed', () => {
    // The effective limit 50 came from the station's override; blanking it leaves a limit the client does not know.
    expect(formToOverride(form({ clear: '60' }), { comparison: 'above', limit: 50, own: { limit: 50 } }).ok).toBe(true)
    // ...unless the all-station override sets it.
    expect(formToOverride(form({ clear: '60' }), { comparison: 'above', limit: 50, own: { limit: 50 }, inherited: { limit: 55 } }).ok).toBe(
      false,
    )
  })

  it('checks both sides of a range rule', () => {
    const ph: RuleFormContext = { comparison: 'outside', low: 6, limit: 9 }
    expect(formToOverride(form({ low: '6.5', limit: '8.5', clearLow: '6.7', clear: '8.3' }), ph)).toEqual({
      ok: true,
      override: { low: 6.5, limit: 8.5, clearLow: 6.7, clear: 8.3 },
    })
    expect(formToOverride(form({ low: '9.5' }), ph)).toEqual({ ok: false, errors: { low: 'lowAboveLimit' } })
    expect(formToOverride(form({ clearLow: '5' }), ph)).toEqual({ ok: false, errors: { clearLow: 'clearLowSide' } })
  })

  it('ignores the lower bound fields of a one-sided rule but keeps a lower bound set elsewhere', () => {
    expect(formToOverride(form({ low: '3' }), above)).toEqual({ ok: true, override: {} })
    expect(formToOverride(blank, { ...above, own: { low: 1, clearLow: 2 } })).toEqual({ ok: true, override: { low: 1, clearLow: 2 } })
  })

  it('keeps severity steps the form does not edit', () => {
    const steps = [{ at: 150, severity: 'critical' as const }]
    expect(formToOverride(form({ limit: '60' }), { ...above, own: { limit: 70, steps } })).toEqual({
      ok: true,
      override: { limit: 60, steps },
    })
  })

  it('sends enabled only when it differs from what applies underneath', () => {
    expect(formToOverride(form({ enabled: false }), above)).toEqual({ ok: true, override: { enabled: false } })
    expect(formToOverride(form({ enabled: true }), { ...above, inherited: { enabled: false } })).toEqual({
      ok: true,
      override: { enabled: true },
    })
    expect(formToOverride(form({ enabled: false }), { ...above, inherited: { enabled: false } })).toEqual({ ok: true, override: {} })
  })
})

describe('station overrides body', () => {
  it('replaces one rule and keeps the others', () => {
    expect(withRuleOverride({ a: { limit: 1 }, b: { minCount: 2 } }, 'a', { limit: 3 })).toEqual({ a: { limit: 3 }, b: { minCount: 2 } })
  })

  it.each([undefined, {}])('removes the rule for %j (reset to the standard)', (o) => {
    expect(withRuleOverride({ a: { limit: 1 }, b: { minCount: 2 } }, 'a', o)).toEqual({ b: { minCount: 2 } })
  })

  it('does not change the current overrides', () => {
    const cur = { a: { limit: 1 } }
    withRuleOverride(cur, 'a', undefined)
    expect(cur).toEqual({ a: { limit: 1 } })
  })

  it('starts from nothing when the station has no overrides', () => {
    expect(withRuleOverride(undefined, 'a', { enabled: false })).toEqual({ a: { enabled: false } })
  })
})
