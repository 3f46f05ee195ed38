/**
 * The live evaluator: the standards engine plus whatever instant (per-reading) rules it does not
 * supersede.
 *
 * Decision (issue 4): the standards engine replaces the instant limits of every metric it watches
 * (standard-rules.ts STANDARD_METRICS), so one condition never raises two alerts:
 * - air SO2/NO2/CO/O3 1-h: the engine's moving 1-h means keep the same rule ids (`air.o3.1h`…) and
 *   react to the first sample, so they are both the early warning and the 1-h mean rule;
 * - air PM2.5/PM10 instant checks against the 24-h limits: dropped; the hourly AQI (PM 1-h IAQI) and
 *   the 24-h mean rules cover them;
 * - water items: replaced by hourly means against the station's class (`water.<item>.1h`);
 * - effluent items: replaced by the day-to-date / daily means (`wastewater.<item>.1d`).
 * Instant rules on metrics the engine does not watch still run.
 */
import { combine, instantEvaluator, type RuleEvaluator } from './evaluator'
import type { Rule } from './rule'
import { STANDARD_METRICS } from './standard-rules'

/** Whether the standards engine watches the rule's metric for its kind (then the instant rule is dropped). */
export function supersededByStandards(rule: Pick<Rule, 'kind' | 'metric'>): boolean {
  return rule.kind !== '*' && STANDARD_METRICS[rule.kind].includes(rule.metric)
}

/** An evaluator without the rules `drop` selects. */
export function withoutRules(evaluator: RuleEvaluator, drop: (r: Rule) => boolean): RuleEvaluator {
  return {
    rulesFor: (s) => evaluator.rulesFor(s).filter((r) => !drop(r)),
    observe: (s, readings) => evaluator.observe(s, readings).filter((o) => !drop(o.rule)),
  }
}

/**
 * Standards rules first-class, instant rules only where the standards engine is silent.
 * @example new AlertService({ evaluator: liveEvaluator(standardsEvaluator()), ... })
 */
export function liveEvaluator(standards: RuleEvaluator, instant: RuleEvaluator = instantEvaluator()): RuleEvaluator {
  return combine(withoutRules(instant, supersededByStandards), standards)
}
