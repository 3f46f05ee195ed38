import { describe, expect, it } from 'vitest'
import { worstAqiByTown, type ChoroplethStation } from './choropleth'

const air = (id: string, town: string, aqi: number | undefined, status: ChoroplethStation['status'] = 'online'): ChoroplethStation => ({
  id,
  kind: 'air',
  status,
  town,
  aqi: aqi === undefined ? undefined : { aqi },
})

describe('worstAqiByTown', () => {
  it('takes the worst AQI of a town and its official colour', () => {
    const m = worstAqiByTown([air('a', '东城街道', 40), air('b', '东城街道', 120.4), air('c', '南城街道', 75)])
    expect(m.get('东城街道')).toEqual({ aqi: 120, stationId: 'b', level: 'III', color: '#ff7e00', stations: 2 })
    expect(m.get('南城街道')?.color).toBe('#ffff00')
  })

  it.each([
    [50, '#00e400'],
    [51, '#ffff00'],
    [151, '#ff0000'],
    [201, '#99004c'],
    [301, '#7e0023'],
  ])('colours AQI %i as %s (HJ 633-2012 Table 2)', (aqi, color) => {
    expect(worstAqiByTown([air('a', 'T', aqi)]).get('T')?.color).toBe(color)
  })

  it('leaves out offline stations, stations without AQI and other kinds', () => {
    const m = worstAqiByTown([
      air('a', 'T', 300, 'offline'),
      air('b', 'T', undefined),
      { id: 'w', kind: 'water', status: 'online', town: 'T', aqi: { aqi: 400 } },
    ])
    expect(m.has('T')).toBe(false)
  })

  it('counts a stale station (its AQI is the latest known)', () => {
    expect(worstAqiByTown([air('a', 'T', 80, 'stale')]).get('T')?.aqi).toBe(80)
  })
})
