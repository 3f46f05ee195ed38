import { describe, expect, it } from 'vitest'
import { alignM4Window, m4Buckets, m4GridWidth } from './series'

describe('M4 grid', () => {
  it('buckets: four points each', () => {
    expect(m4Buckets(5464)).toBe(1366)
    expect(m4Buckets(3)).toBe(1)
  })

  it('a window is on the grid when its buckets are whole cells from a multiple of their width', () => {
    expect(m4GridWidth(0, 86_400_000, 4000)).toBe(86_400)
    expect(m4GridWidth(86_400 * 7, 86_400 * 1007, 4000)).toBe(86_400)
    expect(m4GridWidth(1, 86_400_001, 4000)).toBeUndefined() // from not a multiple
    expect(m4GridWidth(0, 86_400_001, 4000)).toBeUndefined() // not whole cells
    expect(m4GridWidth(5, 5, 4000)).toBeUndefined()
  })

  it('aligns any window onto the grid, holding it, at most a cell wider on each side', () => {
    const now = Date.parse('2026-12-06T10:17:23.456Z')
    for (const [span, points] of [
      [86_460_000, 5464],
      [86_460_000, 1280],
      [7 * 86_400_000, 2984],
      [3_600_000, 8],
    ] as const) {
      const from = now - span + 60_000
      const to = now + 60_000
      const w = alignM4Window(from, to, points)
      const width = m4GridWidth(w.from, w.to, points)
      expect(width).toBeDefined()
      expect(w.from).toBeLessThanOrEqual(from)
      expect(w.to).toBeGreaterThanOrEqual(to)
      expect(from - w.from).toBeLessThan(width!)
      expect(w.to - to).toBeLessThanOrEqual(2 * width!)
      // The same window a few seconds later is on the same grid.
      const later = alignM4Window(from + 5000, to + 5000, points)
      expect(m4GridWidth(later.from, later.to, points)).toBe(width)
    }
  })

  it('leaves a window it cannot align as it is', () => {
    expect(alignM4Window(10, 20, 4)).toEqual({ from: 10, to: 20 })
    expect(alignM4Window(20, 10, 4000)).toEqual({ from: 20, to: 10 })
  })
})
