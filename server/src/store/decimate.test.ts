import { describe, expect, it } from 'vitest'
import type { DataFlag } from '../../../shared/src/domain/reading'
import { decimateM4 } from './decimate'

const N = (n: number) => Array.from({ length: n }, () => 'N' as DataFlag)

describe('decimateM4', () => {
  it('keeps every point when there are few', () => {
    expect(decimateM4([0, 1, 2], [3, 1, 2], N(3), 0, 3, 1)).toEqual({ t: [0, 1, 2], v: [3, 1, 2], flags: ['N', 'N', 'N'] })
  })

  it('keeps first, min, max and last of each bucket, in time order', () => {
    const t = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    const v = [5, 9, 1, 4, 4, 2, 8, 0, 3, 6]
    // two buckets [0,5) and [5,10)
    expect(decimateM4(t, v, N(10), 0, 10, 2)).toEqual({ t: [0, 1, 2, 4, 5, 6, 7, 9], v: [5, 9, 1, 4, 2, 8, 0, 6], flags: N(8) })
  })

  it('reduces a year of one-minute data to at most 4 points per bucket with the extremes kept', () => {
    const n = 525_600
    const t = Array.from({ length: n }, (_, i) => i * 60_000)
    const v = t.map((_, i) => Math.sin(i / 1000) * 50 + (i === 300_000 ? 999 : 0))
    const d = decimateM4(t, v, N(n), 0, n * 60_000, 1000)
    expect(d.t.length).toBeLessThanOrEqual(4000)
    expect(Math.max(...d.v)).toBe(999 + Math.sin(300) * 50)
    expect(d.t).toEqual([...d.t].sort((a, b) => a - b))
  })

  it('carries the flag of each kept point', () => {
    expect(decimateM4([0, 1, 2, 3, 4, 5], [1, 9, 1, 1, 1, 1], ['N', 'D', 'N', 'N', 'N', 'M'], 0, 6, 1).flags).toEqual(['N', 'D', 'M'])
  })
})
