import { describe, expect, it } from 'vitest'
import { counterDeltas, sumDeltas } from './counter-deltas'

const t = (n: number) => Array.from({ length: n }, (_, i) => i * 60_000)

describe('counterDeltas', () => {
  it('sums the increases of a monotonic counter', () => {
    const r = counterDeltas({ t: t(4), v: [100, 110, 110, 125] })
    expect(r.total).toBe(25)
    expect(Array.from(r.deltas)).toEqual([NaN, 10, 0, 15])
    expect(r.events).toEqual([])
  })

  it('counts a rollover at the modulus as the wrap distance', () => {
    // 999 990 → 999 998 (8) → wraps at 1 000 000 → 5 (2 + 5 = 7)
    const r = counterDeltas({ t: t(3), v: [999_990, 999_998, 5] }, { rolloverAt: 1_000_000 })
    expect(r.total).toBe(15)
    expect(r.events).toEqual([{ kind: 'rollover', index: 2, t: 120_000, from: 999_998, to: 5, counted: 7 }])
  })

  it('counts a reset to about 0 as a new counter (the post-reset value is consumption)', () => {
    const r = counterDeltas({ t: t(4), v: [5000, 5010, 3, 8] })
    expect(r.total).toBe(10 + 3 + 5)
    expect(r.events.map((e) => [e.kind, e.counted])).toEqual([['reset', 3]])
  })

  it('treats a drop to near 0 as a reset, not a rollover, when the counter was far from its top', () => {
    const r = counterDeltas({ t: t(2), v: [5000, 2] }, { rolloverAt: 1_000_000 })
    expect(r.events[0]?.kind).toBe('reset')
    expect(r.total).toBe(2)
  })

  it('ignores and reports a negative glitch, keeping the higher baseline', () => {
    const r = counterDeltas({ t: t(4), v: [1000, 1000.5, 1000.3, 1001] })
    expect(r.total).toBeCloseTo(1, 9)
    expect(r.events.map((e) => [e.kind, e.from, e.to, e.counted])).toEqual([['glitch', 1000.5, 1000.3, 0]])
  })

  it('does not treat a glitch near the top as a rollover without rolloverAt', () => {
    const r = counterDeltas({ t: t(3), v: [999_990, 999_998, 999_000] })
    expect(r.events[0]?.kind).toBe('glitch')
    expect(r.total).toBe(8)
  })

  it('skips flagged and NaN readings', () => {
    const r = counterDeltas({ t: t(4), v: [100, 0, NaN, 120], flags: ['N', 'D', 'N', 'N'] })
    expect(r.total).toBe(20)
    expect(r.events).toEqual([])
  })

  it('rejects a non-positive rolloverAt', () => {
    expect(() => counterDeltas({ t: [], v: [] }, { rolloverAt: -1 })).toThrow('invalid rolloverAt: -1')
  })
})

describe('sumDeltas', () => {
  it('sums the deltas of readings with t in [from, to)', () => {
    const r = counterDeltas({ t: t(5), v: [0, 1, 3, 6, 10] })
    expect(sumDeltas(t(5), r.deltas, 60_000, 180_000)).toBe(1 + 2)
  })
})
