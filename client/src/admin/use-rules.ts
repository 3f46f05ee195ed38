/**
 * The rules of one station (or of `*`) with every override, and saving one rule's override. A save
 * reads the overrides afresh first and changes only that rule, so a colleague's edit of another rule
 * in between is kept (the PUT replaces the station's whole set). Rules seen earlier stay known by id,
 * so a rule that an override switched off (the API then leaves it out) keeps its title.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { StationKind } from '../../../shared/src/domain/station'
import { adminApi } from '../data/admin-api'
import type { Rule, RuleOverride, RuleOverrideMap } from '../data/admin-types'
import { reportError } from '../data/notices'
import { withRuleOverride } from './rule-override-model'
import { ALL_STATIONS, mergeRuleCatalog, sampleStations } from './rule-rows'

/** What the view shows. */
export interface StationRules {
  state: 'idle' | 'loading' | 'ready' | 'error'
  rules: Rule[]
  overrides: RuleOverrideMap
  /** For `*`: the stations whose rules stand in for the catalog. */
  samples: string[]
  error?: string
  /** Every rule seen for this station, by id (titles of switched-off rules). */
  known: ReadonlyMap<string, Rule>
}

/** The stations the view can pick from (the live registry). */
export interface PickableStation {
  id: string
  kind: StationKind
  waterBody?: string
}

const EMPTY: StationRules = { state: 'idle', rules: [], overrides: {}, samples: [], known: new Map() }

/** Load `stationId`'s rules (on change) and save overrides; `stations` supplies the samples for `*`. */
export function useStationRules(
  stationId: string,
  stations: readonly PickableStation[],
): StationRules & { save: (ruleId: string, override: RuleOverride | undefined) => Promise<RuleOverride | undefined> } {
  const [s, setS] = useState<StationRules>(EMPTY)
  const known = useRef(new Map<string, Rule>())
  const all = stationId === ALL_STATIONS
  const samples = all ? sampleStations(stations).map((x) => x.id) : []
  const samplesKey = samples.join(',')
  const remember = (rules: readonly Rule[]) => {
    for (const r of rules) known.current.set(r.id, r)
  }

  useEffect(() => {
    known.current = new Map()
    if (!stationId) return setS(EMPTY)
    let live = true
    setS({ ...EMPTY, state: 'loading' })
    const ids = samplesKey ? samplesKey.split(',') : []
    const load = all
      ? Promise.all([adminApi.rules(), ...ids.map((id) => adminApi.rules(id))]).then(([head, ...lists]) => ({
          overrides: head!.overrides,
          rules: mergeRuleCatalog(lists.map((l) => l.rules ?? [])),
        }))
      : adminApi.rules(stationId).then((b) => ({ overrides: b.overrides, rules: b.rules ?? [] }))
    load
      .then((b) => {
        if (!live) return
        remember(b.rules)
        setS({ state: 'ready', rules: b.rules, overrides: b.overrides, samples: ids, known: new Map(known.current) })
      })
      .catch((e: unknown) => {
        if (!live) return
        setS({ ...EMPTY, state: 'error', error: e instanceof Error ? e.message : String(e) })
        reportError(e, `GET /api/admin/rules?station=${stationId}`)
      })
    return () => {
      live = false
    }
    // `all` follows from stationId; the samples only matter for `*`.
  }, [stationId, samplesKey])

  const save = useCallback(
    async (ruleId: string, override: RuleOverride | undefined) => {
      const fresh = await adminApi.rules()
      const res = await adminApi.putRules(stationId, withRuleOverride(fresh.overrides[stationId], ruleId, override))
      const overrides: RuleOverrideMap = { ...fresh.overrides, [stationId]: res.overrides }
      if (Object.keys(res.overrides).length === 0) delete overrides[stationId]
      if (res.rules) remember(res.rules)
      // For `*` the sample catalog stays: it only names the rules (the limits shown are the override's).
      setS((prev) => ({ ...prev, state: 'ready', overrides, rules: res.rules ?? prev.rules, known: new Map(known.current) }))
      return res.overrides[ruleId]
    },
    [stationId],
  )
  return { ...s, save }
}
