import { describe, expect, it } from 'vitest'
import { groupOffsets, spreadPoints } from './spread'

function finalPositions(xs: number[], ys: number[], ids: string[], hide = 6, sep = 13) {
  const r = spreadPoints(xs, ys, ids, hide, sep)
  return ids.map((_, i) => [xs[i]! + r.dx[i]!, ys[i]! + r.dy[i]!] as const)
}

const minPairDistance = (p: readonly (readonly [number, number])[]) => {
  let min = Infinity
  for (let i = 0; i < p.length; i++)
    for (let j = i + 1; j < p.length; j++) min = Math.min(min, Math.hypot(p[i]![0] - p[j]![0], p[i]![1] - p[j]![1]))
  return min
}

describe('spreadPoints', () => {
  it('leaves isolated points where they are', () => {
    const r = spreadPoints([0, 100], [0, 0], ['a', 'b'], 6, 13)
    expect([...r.dx, ...r.dy]).toEqual([0, 0, 0, 0])
    expect([...r.group]).toEqual([1, 1])
  })

  it.each([2, 3, 5, 8, 9, 20, 40])('separates %i stations on the same point by at least most of sep', (n) => {
    const ids = Array.from({ length: n }, (_, i) => `s${i}`)
    const p = finalPositions(Array(n).fill(50), Array(n).fill(50), ids)
    expect(minPairDistance(p)).toBeGreaterThanOrEqual(13 * 0.9)
  })

  it('keeps the group centred on the shared point', () => {
    const p = finalPositions([10, 10, 10], [20, 20, 20], ['a', 'b', 'c'])
    const cx = p.reduce((s, q) => s + q[0], 0) / 3
    const cy = p.reduce((s, q) => s + q[1], 0) / 3
    expect(cx).toBeCloseTo(10)
    expect(cy).toBeCloseTo(20)
  })

  it('is deterministic whatever the input order', () => {
    const a = finalPositions([0, 0, 0], [0, 0, 0], ['x', 'y', 'z'])
    const b = finalPositions([0, 0, 0], [0, 0, 0], ['z', 'x', 'y'])
    const byId = (ids: string[], p: typeof a) => Object.fromEntries(ids.map((id, i) => [id, p[i]!.map((v) => v.toFixed(6))]))
    expect(byId(['z', 'x', 'y'], b)).toEqual(byId(['x', 'y', 'z'], a))
  })

  it('does not chain a dense row of nearby points into one big group', () => {
    const n = 20
    const r = spreadPoints(
      Array.from({ length: n }, (_, i) => i * 4),
      Array(n).fill(0),
      Array.from({ length: n }, (_, i) => `p${String(i).padStart(2, '0')}`),
      6,
      13,
    )
    expect(Math.max(...r.group)).toBeLessThanOrEqual(2)
  })

  it('ignores points without a position', () => {
    const r = spreadPoints([Number.NaN, 0], [0, 0], ['a', 'b'], 6, 13)
    expect([...r.dx]).toEqual([0, 0])
  })
})

describe('groupOffsets', () => {
  it('puts two members opposite each other, sep apart', () => {
    const o = groupOffsets(2, 10)
    expect(Math.hypot(o.x[0]! - o.x[1]!, o.y[0]! - o.y[1]!)).toBeCloseTo(10)
  })
})
