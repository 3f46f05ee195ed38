/**
 * The seam between accepted readings and the alert lifecycle: an evaluator turns a station's
 * readings into rule observations. Implementations: instant limits (instant-limits.ts) and the
 * standards engine's windowed rules (standards-evaluator.ts); `combine` runs several.
 */
import type { Reading } from '../domain/reading'
import type { Station } from '../domain/station'
import type { Observation } from './alert-book'
import { instantRulesFor, observeInstant } from './instant-limits'
import type { Rule } from './rule'

export interface RuleEvaluator {
  /** Observations for a station's accepted readings (in time order). */
  observe(station: Station, readings: readonly Reading[]): Observation[]
  /** The rules that apply to a station (for the UI's limit lines and the rules API). */
  rulesFor(station: Station): Rule[]
}

/** Per-reading limits. */
export function instantEvaluator(): RuleEvaluator {
  const cache = new Map<string, { key: string; rules: Rule[] }>()
  const rulesFor = (s: Station) => {
    const key = `${s.kind}|${s.waterBody ?? ''}`
    let c = cache.get(key)
    if (!c) cache.set(key, (c = { key, rules: instantRulesFor(s) }))
    return c.rules
  }
  return {
    rulesFor,
    observe(station, readings) {
      const rules = rulesFor(station)
      const out: Observation[] = []
      for (const r of readings) for (const o of observeInstant(r, rules)) out.push(o)
      return out
    },
  }
}

/** Run several evaluators as one. */
export function combine(...evaluators: RuleEvaluator[]): RuleEvaluator {
  return {
    rulesFor: (s) => evaluators.flatMap((e) => e.rulesFor(s)),
    observe: (s, rs) => evaluators.flatMap((e) => e.observe(s, rs)),
  }
}
