/**
 * Rule administration (`/api/admin/rules`, admin role): the per-station overrides of the standards
 * rules (limit, clear level, severity, minimum duration or count, enabled), validated with the same
 * parser as the rules file, written back atomically and applied at once.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { Router } from 'express'
import { STATION_ID_PATTERN } from '../../../shared/src/domain/station'
import type { StationRegistry } from '../../../ingest/src/stations/station-registry'
import { ALL_STATIONS, parseRuleOverrides, type RuleOverrides } from '../../../shared/src/rules/standard-overrides'
import { ruleProblem } from '../../../shared/src/rules/rule'
import { standardsEvaluator, type StandardsEvaluator } from '../../../shared/src/rules/standards-evaluator'
import { HttpError, badRequest } from './errors'

export interface AdminRulesOptions {
  file: string
  initial: RuleOverrides
  standards: StandardsEvaluator
  registry: StationRegistry
  /** The overrides in force, when they may also change elsewhere (a cluster node applying another node's change). */
  current?: () => RuleOverrides
  /** Told after a change is applied here (a cluster node shares it with the others). */
  onChange?: (overrides: RuleOverrides) => void
}

export function adminRulesRouter(o: AdminRulesOptions): Router {
  const r = Router()
  let local: RuleOverrides = o.initial
  const overrides = () => o.current?.() ?? local

  r.get('/admin/rules', (req, res) => {
    const stationId = typeof req.query.station === 'string' ? req.query.station : undefined
    const station = stationId ? o.registry.get(stationId) : undefined
    if (stationId && !station) throw new HttpError(404, 'not-found', `no station ${stationId}`)
    res.json({ overrides: overrides(), ...(station ? { rules: o.standards.rulesFor(station) } : {}) })
  })

  r.put('/admin/rules/:stationId', (req, res) => {
    const id = req.params.stationId
    const before = overrides()[id] ?? {}
    res.locals.audit = { action: 'rules.update', target: id, before }
    if (id !== ALL_STATIONS && (!STATION_ID_PATTERN.test(id) || !o.registry.get(id)))
      throw new HttpError(404, 'not-found', `no station ${id}`)
    let parsed: RuleOverrides
    try {
      parsed = parseRuleOverrides({ [id]: req.body ?? {} }, 'body')
    } catch (e) {
      throw badRequest((e as Error).message, 'validation')
    }
    const next: Record<string, RuleOverrides[string]> = { ...overrides() }
    if (Object.keys(parsed[id] ?? {}).length === 0) delete next[id]
    else next[id] = parsed[id]!
    // The rules these overrides would make must be coherent for every station they touch.
    const candidate = standardsEvaluator({ overrides: next })
    const touched = id === ALL_STATIONS ? o.registry.list() : [o.registry.get(id)!]
    for (const s of touched) {
      for (const rule of candidate.rulesFor(s)) {
        const problem = ruleProblem(rule)
        if (problem) throw badRequest(`${s.id} ${problem}`, 'validation')
      }
    }
    mkdirSync(dirname(o.file), { recursive: true })
    const tmp = `${o.file}.tmp`
    writeFileSync(tmp, JSON.stringify(next, null, 1))
    renameSync(tmp, o.file)
    local = next
    o.standards.setOverrides(next)
    o.onChange?.(next)
    res.locals.audit = { action: 'rules.update', target: id, before, after: next[id] ?? {} }
    const station = o.registry.get(id)
    res.json({ stationId: id, overrides: next[id] ?? {}, ...(station ? { rules: o.standards.rulesFor(station) } : {}) })
  })
  return r
}
