/**
 * The rows of the rules table: a station's effective rules (GET /api/admin/rules?station=) with the
 * station's own override and the all-station (`*`) one beside each, plus the rules an override
 * switched off (the API leaves them out of `rules`) so they can be switched back on. For `*`, the
 * rules of sample stations stand in for the catalog (the API lists no rules without a station). Pure.
 */
import type { StationKind } from '../../../shared/src/domain/station'
import { ALL_STATIONS } from '../../../shared/src/rules/standard-overrides'
import type { Rule, RuleOverride, RuleOverrideMap } from '../data/admin-types'

export { ALL_STATIONS }

/** `active`: in force; `disabled`: switched off by an override; `absent`: overridden but not a rule of this station (or of any sample). */
export type RuleRowState = 'active' | 'disabled' | 'absent'

/** One row. */
export interface RuleRow {
  id: string
  /** The effective rule (for `*`, a sample station's); undefined when switched off or absent. */
  rule?: Rule
  /** The override being edited: the station's own, or the `*` entry on the all-stations page. */
  own?: RuleOverride
  /** The `*` override underneath a station's (never set on the all-stations page). */
  inherited?: RuleOverride
  state: RuleRowState
}

/**
 * Rows for `stationId` (or `*`): the rules in their order, then the overridden ids without a rule.
 * An all-station override that switches off a rule of another kind is not shown for this station.
 * @example ruleRows([pm25Rule], { 'DG-AIR-01': { 'air.pm25.24h': { limit: 60 } } }, 'DG-AIR-01', 'air')[0].own // { limit: 60 }
 */
export function ruleRows(rules: readonly Rule[], overrides: RuleOverrideMap, stationId: string, kind?: StationKind): RuleRow[] {
  const all = stationId === ALL_STATIONS
  const own = overrides[stationId] ?? {}
  const inherited = all ? {} : (overrides[ALL_STATIONS] ?? {})
  // A rule listed but switched off: the all-stations catalog (sample stations loaded before the switch).
  const off = (id: string) => (own[id]?.enabled ?? inherited[id]?.enabled) === false
  const rows: RuleRow[] = rules.map((r) => ({
    id: r.id,
    rule: r,
    own: own[r.id],
    inherited: inherited[r.id],
    state: off(r.id) ? 'disabled' : 'active',
  }))
  const seen = new Set(rules.map((r) => r.id))
  const extra = (id: string, state: RuleRowState) => {
    seen.add(id)
    rows.push({ id, own: own[id], inherited: inherited[id], state })
  }
  for (const id of Object.keys(own).sort()) {
    if (seen.has(id)) continue
    extra(id, off(id) ? 'disabled' : 'absent')
  }
  for (const id of Object.keys(inherited).sort()) {
    if (seen.has(id) || inherited[id]!.enabled !== false) continue
    if (kind && !id.startsWith(`${kind}.`)) continue
    extra(id, 'disabled')
  }
  return rows
}

/**
 * The rule catalog from several stations' rules: each id once, in first-seen order.
 * @example mergeRuleCatalog([[a, b], [b2, c]]).map((r) => r.id) // ['a', 'b', 'c']
 */
export function mergeRuleCatalog(lists: readonly (readonly Rule[])[]): Rule[] {
  const out = new Map<string, Rule>()
  for (const list of lists) for (const r of list) if (!out.has(r.id)) out.set(r.id, r)
  return [...out.values()]
}

/**
 * The stations whose rules make up the catalog for `*`: the first of each kind, and of each water
 * body (rivers and lakes are judged on different items).
 */
export function sampleStations<S extends { id: string; kind: StationKind; waterBody?: string }>(stations: readonly S[]): S[] {
  const byKey = new Map<string, S>()
  for (const s of [...stations].sort((a, b) => a.id.localeCompare(b.id))) {
    const key = s.kind === 'water' ? `water|${s.waterBody ?? 'river'}` : s.kind
    if (!byKey.has(key)) byKey.set(key, s)
  }
  return [...byKey.values()]
}

/** Whether a row has an override of its own (the page's station, or `*` on the all-stations page). */
export function isOverridden(row: RuleRow): boolean {
  return row.own !== undefined && Object.keys(row.own).length > 0
}
