/**
 * Rules: what the alert engine watches. A rule names a metric or derived quantity, a limit,
 * severity levels, a minimum duration or count before opening, and a separate clear level
 * (hysteresis), so a value oscillating around the limit opens one alert, not many.
 */
import type { Severity } from '../domain/alert'
import type { StationKind } from '../domain/station'

/** How the value is compared with the limit. `above`: breach when value > limit; `below`: value < limit; `outside`: value outside [low, limit]. */
export type Comparison = 'above' | 'below' | 'outside'

/** A severity step: the alert has this severity once the value passes `at` (same direction as the rule). */
export interface SeverityStep {
  at: number
  severity: Severity
}

export interface Rule {
  /** Stable id, e.g. `air.pm25.24h`, `water.class`, `station.offline`. */
  id: string
  kind: StationKind | '*'
  /** Metric key or derived quantity name, e.g. `pm25`, `aqi`, `class`, `silence`. */
  metric: string
  /** Averaging window label, e.g. `instant`, `1h`, `24h`, `8h`, `1d`. */
  window: string
  comparison: Comparison
  /** Breach limit (for `outside`, the upper bound). */
  limit: number
  /** Lower bound for `outside` rules. */
  low?: number
  /**
   * Clear level (hysteresis): an open alert resolves only once the value is back on the good side
   * of this level. Defaults to the limit itself (no hysteresis).
   */
  clear?: number
  /** Clear level of the lower bound for `outside` rules. */
  clearLow?: number
  /** Severity when breached; steps raise it as the value worsens. */
  severity: Severity
  steps?: SeverityStep[]
  /** The breach must persist this long (observation time) before the alert opens. Default 0. */
  minDurationMs?: number
  /** ...and be seen in at least this many consecutive observations. Default 1. */
  minCount?: number
  /** Standard the limit comes from, shown to users, e.g. `GB 3095-2012 Table 1, grade II`. */
  source: string
  /** Human description (zh / en). */
  title: { zh: string; en: string }
}

/** Whether `value` breaches the rule. */
export function isBreach(rule: Rule, value: number): boolean {
  switch (rule.comparison) {
    case 'above':
      return value > rule.limit
    case 'below':
      return value < rule.limit
    case 'outside':
      return value > rule.limit || value < (rule.low ?? -Infinity)
  }
}

/** Whether `value` is back on the good side of the clear level(s). */
export function isCleared(rule: Rule, value: number): boolean {
  const clear = rule.clear ?? rule.limit
  switch (rule.comparison) {
    case 'above':
      return value <= clear
    case 'below':
      return value >= clear
    case 'outside':
      return value <= clear && value >= (rule.clearLow ?? rule.low ?? -Infinity)
  }
}

/** The severity of a breaching value: the rule's base severity raised by any steps passed. */
export function severityOf(rule: Rule, value: number): Severity {
  let sev = rule.severity
  for (const s of rule.steps ?? []) {
    const passed = rule.comparison === 'below' ? value < s.at : value > s.at
    if (passed && rank(s.severity) > rank(sev)) sev = s.severity
  }
  return sev
}

const RANKS: Record<Severity, number> = { info: 0, warning: 1, critical: 2 }
/** Order of severities: info < warning < critical. */
export function rank(s: Severity): number {
  return RANKS[s]
}

/**
 * What is wrong with a rule's levels, or undefined when they are coherent: the clear level must be
 * on the good side of the limit (or hysteresis would resolve an alert while still breaching), and a
 * range's lower bound must lie below its upper one.
 */
export function ruleProblem(rule: Rule): string | undefined {
  const clear = rule.clear ?? rule.limit
  switch (rule.comparison) {
    case 'above':
      return clear > rule.limit ? `${rule.id}: clear level ${clear} is above the limit ${rule.limit}` : undefined
    case 'below':
      return clear < rule.limit ? `${rule.id}: clear level ${clear} is below the limit ${rule.limit}` : undefined
    case 'outside': {
      const low = rule.low ?? -Infinity
      if (low >= rule.limit) return `${rule.id}: lower bound ${low} is not below the upper bound ${rule.limit}`
      if (clear > rule.limit) return `${rule.id}: clear level ${clear} is above the upper bound ${rule.limit}`
      if ((rule.clearLow ?? low) < low) return `${rule.id}: lower clear level ${rule.clearLow} is below the lower bound ${low}`
      return undefined
    }
  }
}
