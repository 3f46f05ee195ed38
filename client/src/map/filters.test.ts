import { describe, expect, it } from 'vitest'
import { ALL_STATIONS, matchesFilter, searchStations, toggled } from './filters'

const s = (id: string, nameZh: string, nameEn: string, town = '东城街道', townEn = 'Dongcheng Subdistrict') => ({
  id,
  nameZh,
  nameEn,
  town,
  townEn,
})

describe('matchesFilter', () => {
  it('shows everything by default', () => {
    expect(matchesFilter({ kind: 'energy', status: 'offline', activeAlerts: 0 }, ALL_STATIONS)).toBe(true)
  })

  it('hides a kind that is toggled off', () => {
    const f = { ...ALL_STATIONS, kinds: toggled(ALL_STATIONS.kinds, 'air') }
    expect(matchesFilter({ kind: 'air', status: 'online', activeAlerts: 0 }, f)).toBe(false)
    expect(matchesFilter({ kind: 'water', status: 'online', activeAlerts: 0 }, f)).toBe(true)
  })

  it('hides a status that is toggled off', () => {
    const f = { ...ALL_STATIONS, statuses: toggled(ALL_STATIONS.statuses, 'offline') }
    expect(matchesFilter({ kind: 'air', status: 'offline', activeAlerts: 2 }, f)).toBe(false)
  })

  it('can show only stations with active alerts', () => {
    const f = { ...ALL_STATIONS, alertingOnly: true }
    expect(matchesFilter({ kind: 'air', status: 'online', activeAlerts: 0 }, f)).toBe(false)
    expect(matchesFilter({ kind: 'air', status: 'online', activeAlerts: 1 }, f)).toBe(true)
  })
})

describe('searchStations', () => {
  const list = [
    s('w2', '松山湖水库', 'Songshan Lake reservoir'),
    s('a1', '东城主山', 'Dongcheng Zhushan'),
    s('a2', '南城元岭', 'Nancheng Yuanling', '南城街道', 'Nancheng Subdistrict'),
  ]

  it('finds by Chinese name, English name, id and town', () => {
    expect(searchStations(list, '主山').map((x) => x.id)).toEqual(['a1'])
    expect(searchStations(list, 'yuanling').map((x) => x.id)).toEqual(['a2'])
    expect(searchStations(list, 'W2').map((x) => x.id)).toEqual(['w2'])
    expect(searchStations(list, '南城').map((x) => x.id)).toEqual(['a2'])
  })

  it('ranks name prefixes before other matches', () => {
    expect(searchStations(list, 'nancheng').map((x) => x.id)).toEqual(['a2'])
    expect(searchStations(list, 'dongcheng').map((x) => x.id)).toEqual(['a1', 'w2'])
  })

  it('lists everything by id for an empty query', () => {
    expect(searchStations(list, ' ').map((x) => x.id)).toEqual(['a1', 'a2', 'w2'])
  })
})
