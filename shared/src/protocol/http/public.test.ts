import { describe, expect, it } from 'vitest'
import { forbiddenKeysIn } from './public'

describe('forbiddenKeysIn', () => {
  it('finds internal keys at any depth, with their path', () => {
    expect(
      forbiddenKeysIn({
        stations: [
          { id: 'A', aqi: { aqi: 3 } },
          { id: 'B', note: 'x', x: { mn: '1' } },
        ],
      }),
    ).toEqual(['stations[1].note', 'stations[1].x.mn'])
  })

  it('passes a clean body', () => {
    expect(forbiddenKeysIn({ data: { status: 'provisional' }, stations: [{ id: 'A', nameZh: '甲', aqi: null }] })).toEqual([])
  })
})
