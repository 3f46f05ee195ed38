import { describe, expect, it } from 'vitest'
import { STATION_KINDS } from '../../shared/src/domain/station'
import { demoStations } from './select-stations'

describe('demoStations', () => {
  it.each([4, 10, 50])('a subset of %i covers every kind', (n) => {
    const s = demoStations(n, 1)
    expect(s).toHaveLength(n)
    expect(new Set(s.map((x) => x.kind))).toEqual(new Set(STATION_KINDS))
  })

  it('takes the real stations first', () => {
    expect(demoStations(4, 1).map((s) => s.id)).toEqual(['DG-AIR-01', 'DG-WAT-01', 'DG-WWT-01', 'DG-ENE-01'])
  })

  it('is deterministic', () => {
    expect(demoStations(30, 1)).toEqual(demoStations(30, 1))
  })

  it('generates more stations beyond the default set', () => {
    const s = demoStations(120, 1)
    expect(s).toHaveLength(120)
    expect(new Set(s.map((x) => x.id)).size).toBe(120)
  })

  it('returns the whole default set without n', () => {
    expect(demoStations(undefined, 1)).toHaveLength(88)
  })

  it.each([0, -1, 2.5])('rejects %s', (n) => {
    expect(() => demoStations(n, 1)).toThrow(/invalid stations/)
  })
})
