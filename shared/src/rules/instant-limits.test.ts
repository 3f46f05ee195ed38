import { describe, expect, it } from 'vitest'
import type { Station } from '../domain/station'
import { INSTANT_RULES, instantRulesFor, observeInstant } from './instant-limits'
import { isBreach } from './rule'

const station = (kind: Station['kind'], extra: Partial<Station> = {}): Station => ({ id: 'X', kind, nameZh: 'x', nameEn: 'x', lon: 113.7, lat: 23, town: 't', approx: true, intervalSec: 60, ...extra })
const rule = (id: string) => INSTANT_RULES.find((r) => r.id === id)!

describe('instant limits', () => {
  it.each([
    // GB 3095-2012 Table 1 grade II 1-h limits
    ['air.so2.1h', 500, false], ['air.so2.1h', 501, true],
    ['air.no2.1h', 200, false], ['air.no2.1h', 200.1, true],
    ['air.co.1h', 10, false], ['air.co.1h', 10.01, true],
    ['air.o3.1h', 200, false], ['air.o3.1h', 201, true],
    // GB 3838-2002 Table 1 class III
    ['water.do', 5, false], ['water.do', 4.99, true],
    ['water.codmn', 6, false], ['water.codmn', 6.1, true],
    ['water.nh3n', 1.0, false], ['water.nh3n', 1.01, true],
    ['water.tp.river', 0.2, false], ['water.tp.lake', 0.051, true],
    ['water.ph', 6, false], ['water.ph', 9, false], ['water.ph', 5.9, true], ['water.ph', 9.1, true],
    // GB 18918-2002 Table 1 class 1A
    ['wastewater.cod', 50, false], ['wastewater.cod', 51, true],
    ['wastewater.nh3n', 5, false], ['wastewater.nh3n', 5.1, true],
    ['wastewater.tp', 0.5, false], ['wastewater.tn', 15.5, true], ['wastewater.ss', 10.5, true],
  ])('%s at %d breaches: %s', (id, v, want) => {
    expect(isBreach(rule(id), v)).toBe(want)
  })

  it('lake and river water sources get their own phosphorus limit', () => {
    expect(instantRulesFor(station('water', { waterBody: 'lake' })).map((r) => r.id)).toContain('water.tp.lake')
    expect(instantRulesFor(station('water', { waterBody: 'lake' })).map((r) => r.id)).not.toContain('water.tp.river')
    expect(instantRulesFor(station('water')).map((r) => r.id)).toContain('water.tp.river')
  })

  it('energy units have no instant limit', () => {
    expect(instantRulesFor(station('energy'))).toEqual([])
  })

  it('excludes values flagged other than N or S', () => {
    const rules = instantRulesFor(station('air'))
    const obs = observeInstant({ stationId: 'X', kind: 'air', ts: 1, values: { o3: 250, no2: 250, so2: 10 }, flags: { o3: 'D', no2: 'S' } }, rules)
    expect(obs.map((o) => o.rule.metric).sort()).toEqual(['no2', 'so2'])
  })
})
