/**
 * The rules (limits) of the picked stations, for the comparison charts' limit lines: one
 * GET /api/stations/:id per station, cached for the page's life (limits change rarely).
 */
import { useEffect, useState } from 'react'
import { api } from '../data/api'
import type { RuleView } from '../data/api-types'

const cache = new Map<string, Promise<RuleView[]>>()

function rulesOf(id: string): Promise<RuleView[]> {
  let p = cache.get(id)
  if (!p) {
    p = api.station(id).then((d) => d.rules)
    p.catch(() => cache.delete(id))
    cache.set(id, p)
  }
  return p
}

/** Rules by station id (stations still loading or failed are absent). */
export function useStationRules(ids: readonly string[]): ReadonlyMap<string, RuleView[]> {
  const [rules, setRules] = useState<ReadonlyMap<string, RuleView[]>>(new Map())
  const key = ids.join(',')
  useEffect(() => {
    let live = true
    void Promise.allSettled(ids.map((id) => rulesOf(id).then((r) => [id, r] as const))).then((all) => {
      if (!live) return
      setRules(new Map(all.flatMap((x) => (x.status === 'fulfilled' ? [x.value] : []))))
    })
    return () => {
      live = false
    }
  }, [key])
  return rules
}
