/**
 * The rule override form: its text fields, the override built from them, the checks the server
 * would refuse (and those it would accept but that make no sense, like a clear level on the bad side
 * of the limit), and the PUT /api/admin/rules/:stationId body with one rule changed or reset. Pure.
 *
 * Blank fields keep the standard (or the all-station override); the minimum duration is typed in
 * minutes and sent in ms. Fields the form does not show (`steps`, and `low`/`clearLow` of a one-sided
 * rule) are carried over from the previous override, so editing never drops them.
 */
import type { Severity } from '../../../shared/src/domain/alert'
import type { Comparison } from '../../../shared/src/rules/rule'
import type { RuleOverride } from '../data/admin-types'
import { msToMinutes } from './rule-text'

/** The form's values, all as typed. */
export interface RuleOverrideForm {
  limit: string
  low: string
  clear: string
  clearLow: string
  /** '' keeps the rule's severity. */
  severity: '' | Severity
  minDurationMin: string
  minCount: string
  enabled: boolean
}

/** What a field is wrong with (a dictionary key suffix of the rules messages). */
export type RuleFieldError = 'number' | 'negative' | 'integer' | 'tooLong' | 'clearSide' | 'lowAboveLimit' | 'clearLowSide'

/** Field → problem. */
export type RuleFormErrors = Partial<Record<keyof RuleOverrideForm, RuleFieldError>>

/** What the form needs to know of the rule and of the overrides around it. */
export interface RuleFormContext {
  comparison: Comparison
  /** The effective limit (and lower bound) now, overrides included. */
  limit?: number
  low?: number
  /** The station's own override before this edit (its hidden fields are kept). */
  own?: RuleOverride
  /** The all-station (`*`) override that applies underneath, for a station's form. */
  inherited?: RuleOverride
}

/** Longest minimum duration accepted (one week): a longer one is almost surely ms typed as minutes. */
export const MAX_DURATION_MIN = 7 * 24 * 60

const MS_PER_MIN = 60_000
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/
const str = (v: number | undefined) => (v === undefined ? '' : String(v))

/**
 * The form of a rule's current override (blank fields: nothing overridden here).
 * @example overrideToForm({ limit: 60, minDurationMs: 3_600_000 }).minDurationMin === '60'
 */
export function overrideToForm(own: RuleOverride | undefined, inherited?: RuleOverride): RuleOverrideForm {
  return {
    limit: str(own?.limit),
    low: str(own?.low),
    clear: str(own?.clear),
    clearLow: str(own?.clearLow),
    severity: own?.severity ?? '',
    minDurationMin: str(msToMinutes(own?.minDurationMs)),
    minCount: str(own?.minCount),
    enabled: (own?.enabled ?? inherited?.enabled) !== false,
  }
}

/** A typed number: undefined when blank, NaN when not a plain decimal number. */
function parseNumber(s: string): number | undefined {
  const v = s.trim()
  if (v === '') return undefined
  return NUMBER.test(v) ? Number(v) : Number.NaN
}

/**
 * The limits the rule will have after saving, for checking the clear levels: the form's, else the
 * effective ones unless they came from the override being replaced (then the standard's or the
 * all-station override's, which the client may not know).
 */
function limitsAfter(f: { limit?: number; low?: number }, ctx: RuleFormContext): { limit?: number; low?: number } {
  const keep = (form: number | undefined, own: number | undefined, inherited: number | undefined, now: number | undefined) =>
    form ?? (own === undefined ? now : inherited)
  return {
    limit: keep(f.limit, ctx.own?.limit, ctx.inherited?.limit, ctx.limit),
    low: keep(f.low, ctx.own?.low, ctx.inherited?.low, ctx.low),
  }
}

/**
 * The override to send for one rule, or the fields that are wrong. An empty override means "back
 * to the standard" (the rule is left out of the body).
 * @example formToOverride({ ...overrideToForm(undefined), limit: '60' }, { comparison: 'above', limit: 75 })
 * // { ok: true, override: { limit: 60 } }
 */
export function formToOverride(
  f: RuleOverrideForm,
  ctx: RuleFormContext,
): { ok: true; override: RuleOverride } | { ok: false; errors: RuleFormErrors } {
  const errors: RuleFormErrors = {}
  const outside = ctx.comparison === 'outside'
  const read = (k: 'limit' | 'low' | 'clear' | 'clearLow' | 'minDurationMin' | 'minCount'): number | undefined => {
    const v = parseNumber(f[k])
    if (v === undefined) return undefined
    if (!Number.isFinite(v)) errors[k] = 'number'
    else if (v < 0) errors[k] = 'negative'
    return v
  }
  const limit = read('limit')
  const low = outside ? read('low') : undefined
  const clear = read('clear')
  const clearLow = outside ? read('clearLow') : undefined
  const minutes = read('minDurationMin')
  const count = read('minCount')
  if (minutes !== undefined && !errors.minDurationMin && minutes > MAX_DURATION_MIN) errors.minDurationMin = 'tooLong'
  if (count !== undefined && !errors.minCount && (!Number.isInteger(count) || count < 1)) errors.minCount = 'integer'
  if (Object.keys(errors).length > 0) return { ok: false, errors }

  const after = limitsAfter({ limit, low }, ctx)
  if (outside && after.low !== undefined && after.limit !== undefined && !(after.low < after.limit))
    errors[low !== undefined ? 'low' : 'limit'] = 'lowAboveLimit'
  if (clear !== undefined && after.limit !== undefined) {
    // Hysteresis: the clear level lies on the good side of the limit, or an open alert would clear while still in breach.
    const good = ctx.comparison === 'below' ? clear >= after.limit : clear <= after.limit
    if (!good) errors.clear = 'clearSide'
  }
  if (clearLow !== undefined && after.low !== undefined && !(clearLow >= after.low && (clear === undefined || clearLow <= clear)))
    errors.clearLow = 'clearLowSide'
  if (Object.keys(errors).length > 0) return { ok: false, errors }

  const o: RuleOverride = {}
  if (limit !== undefined) o.limit = limit
  if (low !== undefined) o.low = low
  else if (!outside && ctx.own?.low !== undefined) o.low = ctx.own.low
  if (clear !== undefined) o.clear = clear
  if (clearLow !== undefined) o.clearLow = clearLow
  else if (!outside && ctx.own?.clearLow !== undefined) o.clearLow = ctx.own.clearLow
  if (f.severity !== '') o.severity = f.severity
  if (ctx.own?.steps !== undefined) o.steps = ctx.own.steps
  if (minutes !== undefined) o.minDurationMs = Math.round(minutes * MS_PER_MIN)
  if (count !== undefined) o.minCount = count
  // `enabled` only when it differs from what applies underneath (a station may switch back on a rule `*` switched off).
  if (f.enabled !== (ctx.inherited?.enabled !== false)) o.enabled = f.enabled
  return { ok: true, override: o }
}

/**
 * A station's overrides with one rule's replaced, or removed when `override` is empty or undefined
 * (the PUT body: it replaces all of the station's overrides).
 * @example withRuleOverride({ a: { limit: 1 }, b: { minCount: 2 } }, 'a', undefined) // { b: { minCount: 2 } }
 */
export function withRuleOverride(
  current: Readonly<Record<string, RuleOverride>> | undefined,
  ruleId: string,
  override: RuleOverride | undefined,
): Record<string, RuleOverride> {
  const next: Record<string, RuleOverride> = { ...current }
  if (override && Object.keys(override).length > 0) next[ruleId] = override
  else delete next[ruleId]
  return next
}
