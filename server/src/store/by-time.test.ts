import { describe, expect, it } from 'vitest'
import { byTime } from './by-time'

const H = 3_600_000

describe('byTime', () => {
  it('returns lists already in time order as they are (the same arrays)', () => {
    const t = [H, 2 * H, 5 * H]
    const v = [10, 20, 50]
    const [t2, v2] = byTime(t, H, v)
    expect(t2).toBe(t)
    expect(v2).toBe(v)
  })

  it('puts every parallel list in the order of the times (dense buckets: placed by slot)', () => {
    expect(byTime([3 * H, H, 2 * H], H, [3, 1, 2], [300, 100, 200])).toEqual([
      [H, 2 * H, 3 * H],
      [1, 2, 3],
      [100, 200, 300],
    ])
  })

  it('sparse buckets, or times off the grid, are sorted', () => {
    expect(byTime([1000 * H, 0, 3 * H], H, [3, 1, 2])).toEqual([
      [0, 3 * H, 1000 * H],
      [1, 2, 3],
    ])
    expect(byTime([H + 5, 7, 2 * H], H, [2, 1, 3])).toEqual([
      [7, H + 5, 2 * H],
      [1, 2, 3],
    ])
  })

  it('a day grid with an offset (CST days) and a shuffled month', () => {
    const D = 86_400_000
    const start = Date.parse('2026-11-01T00:00:00+08:00')
    const days = Array.from({ length: 30 }, (_, i) => start + i * D)
    const shuffled = [...days].reverse()
    const [t, v] = byTime(
      shuffled,
      D,
      shuffled.map((x) => x / D),
    )
    expect(t).toEqual(days)
    expect(v).toEqual(days.map((x) => x / D))
  })

  it('empty and single lists', () => {
    expect(byTime([], H, [])).toEqual([[], []])
    expect(byTime([7], H, [1])).toEqual([[7], [1]])
  })
})
