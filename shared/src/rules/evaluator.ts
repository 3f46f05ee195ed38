/**
 * The seam between accepted readings and the alert lifecycle: an evaluator turns a station's
 * readings into rule observations. The implementation is the standards engine
 * (standards-evaluator.ts); tests may pass their own.
 */
import type { Reading } from '../domain/reading'
import type { Station } from '../domain/station'
import type { Observation } from './alert-book'
import type { Rule } from './rule'

export interface RuleEvaluator {
  /** Observations for a station's accepted readings (in time order). */
  observe(station: Station, readings: readonly Reading[]): Observation[]
  /** The rules that apply to a station (for the UI's limit lines and the rules API). */
  rulesFor(station: Station): Rule[]
}
