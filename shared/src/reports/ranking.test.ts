import { describe, expect, it } from 'vitest'
import { change, rankBy } from './ranking'

describe('rankBy', () => {
  it('ranks lowest first, ties sharing a rank, no value unranked', () => {
    expect(rankBy([3, 1, 3, null, 5], (x) => x, 'ascending')).toEqual([2, 1, 2, null, 4])
  })

  it('ranks highest first when descending', () => {
    expect(rankBy([90, 95, 80], (x) => x, 'descending')).toEqual([2, 1, 3])
  })
})

describe('change', () => {
  it.each([
    { cur: 33, prev: 30, expected: { previous: 30, delta: 3, pct: 10 } },
    { cur: 30, prev: 0, expected: { previous: 0, delta: 30, pct: null } },
    { cur: null, prev: 10, expected: { previous: 10, delta: null, pct: null } },
    { cur: 5, prev: null, expected: { previous: null, delta: null, pct: null } },
  ])('$cur against $prev', ({ cur, prev, expected }) => {
    expect(change(cur, prev)).toEqual(expected)
  })
})
