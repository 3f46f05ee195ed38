import { describe, expect, it } from 'vitest'
import { tally } from '../standards/completeness'
import { validDataRate } from './valid-data-rate'

const period = { from: 0, to: 100 }
const st = (id: string, expected: number, received: number, valid: number) => ({ id, ...tally(expected, received, valid) })

describe('validDataRate', () => {
  it('is valid over expected across stations, judged against the goal', () => {
    const r = validDataRate([st('A', 1000, 990, 950), st('B', 1000, 900, 850)], { period })
    expect(r.value).toBeCloseTo(90, 9)
    expect(r.status).toBe('met')
    expect(r.detail).toMatchObject({ expected: 2000, received: 1890, valid: 1800 })
    expect(r.breakdown!.map((b) => [b.id, b.ok])).toEqual([
      ['B', false],
      ['A', true],
    ])
  })

  it.each([
    [89.9, 'missed'],
    [95, 'met'],
  ] as const)('a closed period at %f %% is %s', (pct, status) => {
    expect(validDataRate([st('A', 1000, 1000, pct * 10)], { period, targetPct: 90 }).status).toBe(status)
  })

  it('a period in progress within the margin is at risk', () => {
    expect(validDataRate([st('A', 1000, 1000, 910)], { period, asOf: 50, targetPct: 90, marginPct: 2 }).status).toBe('at-risk')
  })

  it('stations with nothing expected are listed as excluded, and no station at all is no data', () => {
    const r = validDataRate([st('A', 0, 0, 0)], { period })
    expect(r.status).toBe('no-data')
    expect(r.counted.excluded).toEqual([{ id: 'A', why: 'no reading expected in the period (no data yet)' }])
  })
})
