/**
 * Per-station overrides of the standards rules: the limit comes from the standard by default; a
 * station (or every station, key `*`) may set its own limit, clear level, severity, steps, minimum
 * duration or count, or switch a rule off. Loaded from `rules.json` in the data directory at start-up
 * (validated once, failing fast with the path of the bad field) and replaceable at run time (admin API).
 *
 * File format (station id or `*` → rule id → fields; a station's fields win over `*`):
 *
 * ```json
 * {
 *   "*":         { "air.aqi.1h": { "minCount": 2 } },
 *   "DG-AIR-01": { "air.pm25.24h": { "limit": 60, "clear": 50, "severity": "critical", "minDurationMs": 3600000 } },
 *   "DG-WAT-02": { "water.class": { "limit": 2 }, "water.tn.1h": { "enabled": false } }
 * }
 * ```
 */
import { SEVERITIES, type Severity } from '../domain/alert'
import type { Rule, SeverityStep } from './rule'

/** What a station may change of a rule. */
export interface RuleOverride {
  limit?: number
  low?: number
  clear?: number
  clearLow?: number
  severity?: Severity
  steps?: SeverityStep[]
  minDurationMs?: number
  minCount?: number
  /** False switches the rule off for the station. */
  enabled?: boolean
}

/** Station id (or `*`) → rule id → override. */
export type RuleOverrides = Readonly<Record<string, Readonly<Record<string, RuleOverride>>>>

/** The key that applies an override to every station. */
export const ALL_STATIONS = '*'

const NUMBER_FIELDS = ['limit', 'low', 'clear', 'clearLow', 'minDurationMs', 'minCount'] as const
const FIELDS = new Set<string>([...NUMBER_FIELDS, 'severity', 'steps', 'enabled'])

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

const invalid = (path: string, v: unknown) => new Error(`invalid ${path}: ${JSON.stringify(v)}`)

function parseSeverity(v: unknown, path: string): Severity {
  if (typeof v !== 'string' || !(SEVERITIES as readonly string[]).includes(v)) throw invalid(path, v)
  return v as Severity
}

function parseOne(o: unknown, path: string): RuleOverride {
  if (!isObject(o)) throw invalid(path, o)
  const out: RuleOverride = {}
  for (const [k, v] of Object.entries(o)) {
    if (!FIELDS.has(k)) throw invalid(`${path}.${k} (unknown field)`, v)
    if ((NUMBER_FIELDS as readonly string[]).includes(k)) {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw invalid(`${path}.${k}`, v)
      if (k === 'minDurationMs' && v < 0) throw invalid(`${path}.${k}`, v)
      if (k === 'minCount' && (!Number.isInteger(v) || v < 1)) throw invalid(`${path}.${k} (a whole number ≥ 1)`, v)
      out[k as (typeof NUMBER_FIELDS)[number]] = v
    } else if (k === 'severity') {
      out.severity = parseSeverity(v, `${path}.severity`)
    } else if (k === 'enabled') {
      if (typeof v !== 'boolean') throw invalid(`${path}.enabled`, v)
      out.enabled = v
    } else {
      if (!Array.isArray(v)) throw invalid(`${path}.steps`, v)
      out.steps = v.map((s, i) => {
        if (!isObject(s) || typeof s.at !== 'number' || !Number.isFinite(s.at)) throw invalid(`${path}.steps[${i}]`, s)
        return { at: s.at, severity: parseSeverity(s.severity, `${path}.steps[${i}].severity`) }
      })
    }
  }
  return out
}

/**
 * Validate an overrides document (parsed JSON). Throws `invalid <path>: <value>` on the first bad field.
 * @example parseRuleOverrides({ 'DG-AIR-01': { 'air.pm25.24h': { limit: 60 } } }, 'rules.json')
 */
export function parseRuleOverrides(json: unknown, name = 'rules'): RuleOverrides {
  if (!isObject(json)) throw invalid(name, json)
  const out: Record<string, Record<string, RuleOverride>> = {}
  for (const [stationId, rules] of Object.entries(json)) {
    if (!isObject(rules)) throw invalid(`${name}.${stationId}`, rules)
    const byRule: Record<string, RuleOverride> = {}
    for (const [ruleId, o] of Object.entries(rules)) byRule[ruleId] = parseOne(o, `${name}.${stationId}.${ruleId}`)
    out[stationId] = byRule
  }
  return out
}

/** The override of a rule for a station: `*` fields, then the station's own on top; undefined when none. */
export function overrideFor(overrides: RuleOverrides, stationId: string, ruleId: string): RuleOverride | undefined {
  const all = overrides[ALL_STATIONS]?.[ruleId]
  const own = overrides[stationId]?.[ruleId]
  if (!all) return own
  if (!own) return all
  return { ...all, ...own }
}

/**
 * A rule with an override applied, or undefined when the override switches it off. When only the
 * limit changes, the clear level keeps its ratio to the limit (the hysteresis band scales with it).
 * The rule's `source` says that the limit is a local setting, not the standard's.
 */
export function applyOverride(rule: Rule, o: RuleOverride | undefined): Rule | undefined {
  if (!o) return rule
  if (o.enabled === false) return undefined
  const r: Rule = { ...rule }
  if (o.limit !== undefined) {
    r.limit = o.limit
    if (o.clear === undefined && rule.clear !== undefined && rule.limit !== 0) r.clear = (rule.clear / rule.limit) * o.limit
  }
  if (o.low !== undefined) {
    r.low = o.low
    if (o.clearLow === undefined && rule.clearLow !== undefined && rule.low) r.clearLow = (rule.clearLow / rule.low) * o.low
  }
  if (o.clear !== undefined) r.clear = o.clear
  if (o.clearLow !== undefined) r.clearLow = o.clearLow
  if (o.severity !== undefined) r.severity = o.severity
  if (o.steps !== undefined) r.steps = o.steps
  if (o.minDurationMs !== undefined) r.minDurationMs = o.minDurationMs
  if (o.minCount !== undefined) r.minCount = o.minCount
  if (o.limit !== undefined || o.low !== undefined)
    r.source = `${rule.source}; limit set per station (rules.json), standard value ${describeLimit(rule)}`
  else if (Object.keys(o).some((k) => k !== 'enabled')) r.source = `${rule.source}; settings adjusted per station (rules.json)`
  return r
}

function describeLimit(rule: Rule): string {
  return rule.comparison === 'outside' ? `${rule.low}–${rule.limit}` : String(rule.limit)
}

/** Whether an override changes the limit (then situation-dependent standard limits no longer apply). */
export function overridesLimit(o: RuleOverride | undefined): boolean {
  return o?.limit !== undefined || o?.low !== undefined
}
