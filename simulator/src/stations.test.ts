import { describe, expect, it } from 'vitest'
import { STATION_ID_PATTERN, STATION_KINDS } from '../../shared/src/domain/station'
import { loadTowns, townContains } from './geo/towns'
import { loadFacts } from './real-stations'
import { buildDemoStations } from './stations'

const stations = buildDemoStations({ seed: 1 })
const generated = stations.filter((s) => !s.note?.startsWith('Real station'))
const real = stations.filter((s) => s.note?.startsWith('Real station'))
const towns = new Map(loadTowns().map((t) => [t.name, t]))
const count = (kind: string) => stations.filter((s) => s.kind === kind).length

describe('buildDemoStations', () => {
  it('is deterministic for a seed', () => {
    expect(buildDemoStations({ seed: 1 })).toEqual(stations)
  })

  it('places generated stations differently for another seed, with the same ids', () => {
    const other = buildDemoStations({ seed: 2 })
    expect(other.map((s) => s.id)).toEqual(stations.map((s) => s.id))
    expect(other.map((s) => [s.lon, s.lat])).not.toEqual(stations.map((s) => [s.lon, s.lat]))
  })

  it.each([
    ['air', 40],
    ['water', 12],
    ['wastewater', 16],
    ['energy', 20],
  ])('has %s stations (%i)', (kind, n) => {
    expect(count(kind)).toBe(n)
  })

  it('includes every kind', () => {
    expect(new Set(stations.map((s) => s.kind))).toEqual(new Set(STATION_KINDS))
  })

  it('keeps the 25 real stations with their facts', () => {
    const facts = loadFacts()
    expect(real).toHaveLength(facts.length)
    for (const s of real) {
      const f = facts.find((x) => x.name_zh === s.nameZh)!
      expect([s.nameEn, s.lon, s.lat, s.town, s.approx]).toEqual([f.name_en, f.lon, f.lat, f.town, true])
    }
  })

  it.each([
    ['DG-AIR-01', '东城主山'],
    ['DG-WAT-01', '东江(东莞段)'],
    ['DG-WWT-01', '长安新区污水处理厂'],
  ])('gives real station %s a stable id (%s)', (id, name) => {
    expect(stations.find((s) => s.id === id)?.nameZh).toBe(name)
  })

  it('uses unique ids that match the contract pattern', () => {
    expect(new Set(stations.map((s) => s.id)).size).toBe(stations.length)
    for (const s of stations) expect(s.id).toMatch(STATION_ID_PATTERN)
  })

  it('gives every station a unique HJ 212 MN of 14-24 characters', () => {
    expect(new Set(stations.map((s) => s.mn)).size).toBe(stations.length)
    for (const s of stations) expect(s.mn).toMatch(/^[0-9A-Za-z]{14,24}$/)
  })

  it('puts every generated station inside its town polygon', () => {
    for (const s of generated) {
      const town = towns.get(s.town)
      expect(town, s.town).toBeDefined()
      expect(townContains(town!, s.lon, s.lat), `${s.id} ${s.town}`).toBe(true)
    }
  })

  it('covers every town with an air station', () => {
    const withAir = new Set(stations.filter((s) => s.kind === 'air').map((s) => s.town))
    for (const name of towns.keys()) expect(withAir.has(name), name).toBe(true)
  })

  it.each([
    ['air', 60],
    ['water', 300],
    ['wastewater', 60],
    ['energy', 60],
  ])('reports %s every %i s', (kind, sec) => {
    for (const s of stations.filter((x) => x.kind === kind)) expect(s.intervalSec).toBe(sec)
  })

  it.each([
    ['air', 'II'],
    ['water', 'III'],
    ['wastewater', '1A'],
  ])('uses standard class %s → %s', (kind, cls) => {
    for (const s of stations.filter((x) => x.kind === kind)) expect(s.standardClass).toBe(cls)
  })

  it('marks plants and energy units as key sources, and no others', () => {
    for (const s of stations) expect(s.keySource === true).toBe(s.kind === 'wastewater' || s.kind === 'energy')
  })

  it('gives every plant a capacity and a build date', () => {
    for (const s of stations.filter((x) => x.kind === 'wastewater')) {
      expect(s.capacityM3d).toBeGreaterThan(0)
      expect(s.builtDate).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    }
  })

  it.each([
    ['DG-WAT-01', 'river'],
    ['DG-WAT-02', 'lake'],
    ['DG-WAT-03', 'lake'],
  ])('classifies %s as %s', (id, body) => {
    expect(stations.find((s) => s.id === id)?.waterBody).toBe(body)
  })

  it('names energy units as clearly fictitious, with a quota', () => {
    for (const s of stations.filter((x) => x.kind === 'energy')) {
      expect(s.nameEn).toMatch(/^Demo energy unit \d{2} \(fictitious\)$/)
      expect(s.nameZh).toMatch(/^示例能耗单位 \d{2} \(fictitious\)$/)
      expect(s.note).toMatch(/Fictitious/)
      expect(s.quotaTce).toBeGreaterThan(0)
    }
  })

  it('labels the other generated stations as simulated', () => {
    for (const s of generated.filter((x) => x.kind !== 'energy')) expect(s.nameEn).toMatch(/\(simulated\)$/)
  })

  it('adds extra stations without moving the default ones', () => {
    const more = buildDemoStations({ seed: 1, extra: 12 })
    expect(more).toHaveLength(stations.length + 12)
    expect(more.slice(0, stations.length)).toEqual(stations)
  })
})
