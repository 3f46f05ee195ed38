import { describe, expect, it } from 'vitest'
import { dailyFlowVolumes, integrateFlow } from './flow-volume'
import { samplesEvery } from './test-helpers'
import { DAY_MS, HOUR_MS, cstDay } from './time'

const T0 = Date.parse('2026-04-01T00:00:00+08:00')
const MIN15 = 15 * 60_000
const OPTS = { maxGapMs: 2 * HOUR_MS }

describe('integrateFlow', () => {
  it('integrates a constant 100 m³/h over one hour to 100 m³', () => {
    const s = samplesEvery(T0, 5, MIN15, 100)
    expect(integrateFlow(s, T0, T0 + HOUR_MS, OPTS).volumeM3).toBeCloseTo(100, 9)
  })

  it('integrates a ramp 100 → 200 m³/h by trapezoid to 150 m³', () => {
    expect(integrateFlow({ t: [T0, T0 + HOUR_MS], v: [100, 200] }, T0, T0 + HOUR_MS, OPTS).volumeM3).toBeCloseTo(150, 9)
  })

  it('integrates the same ramp by step (sample-and-hold) to 100 m³', () => {
    expect(integrateFlow({ t: [T0, T0 + HOUR_MS], v: [100, 200] }, T0, T0 + HOUR_MS, { ...OPTS, method: 'step' }).volumeM3).toBeCloseTo(
      100,
      9,
    )
  })

  it('clips an interval to the window by linear interpolation', () => {
    // 100 → 200 over [0, 2 h]; window [1 h, 2 h]: rates 150 → 200 → 175 m³
    expect(
      integrateFlow({ t: [T0, T0 + 2 * HOUR_MS], v: [100, 200] }, T0 + HOUR_MS, T0 + 2 * HOUR_MS, { maxGapMs: 3 * HOUR_MS }).volumeM3,
    ).toBeCloseTo(175, 9)
  })

  it('does not integrate across a gap longer than maxGapMs, and reports it', () => {
    // samples at 0 h, 1 h, 4 h, 5 h at 60 m³/h; the 1 h → 4 h gap (3 h) is skipped: 60 + 60 m³
    const r = integrateFlow({ t: [0, 1, 4, 5].map((h) => T0 + h * HOUR_MS), v: [60, 60, 60, 60] }, T0, T0 + 5 * HOUR_MS, OPTS)
    expect(r.volumeM3).toBeCloseTo(120, 9)
    expect(r.gaps).toBe(1)
    expect(r.gapMs).toBe(3 * HOUR_MS)
  })

  it('integrates a gap exactly maxGapMs long', () => {
    expect(integrateFlow({ t: [T0, T0 + 2 * HOUR_MS], v: [60, 60] }, T0, T0 + 2 * HOUR_MS, OPTS).volumeM3).toBeCloseTo(120, 9)
  })

  it('skips flagged samples (bridging their neighbours)', () => {
    const s = samplesEvery(
      T0,
      5,
      MIN15,
      (i) => (i === 2 ? 9999 : 100),
      (i) => (i === 2 ? 'D' : 'N'),
    )
    expect(integrateFlow(s, T0, T0 + HOUR_MS, OPTS).volumeM3).toBeCloseTo(100, 9)
  })

  it('counts the time outside the samples as not covered', () => {
    const r = integrateFlow({ t: [T0 + HOUR_MS, T0 + 2 * HOUR_MS], v: [10, 10] }, T0, T0 + 3 * HOUR_MS, OPTS)
    expect([r.volumeM3, r.coveredMs, r.gapMs]).toEqual([10, HOUR_MS, 2 * HOUR_MS])
  })

  it('rejects a non-positive maxGapMs', () => {
    expect(() => integrateFlow({ t: [], v: [] }, 0, 1, { maxGapMs: 0 })).toThrow('invalid maxGapMs: 0')
  })
})

describe('dailyFlowVolumes', () => {
  it('splits volumes at 00:00 CST', () => {
    // 100 m³/h from 12:00 day 1 to 12:00 day 2 (CST), samples every 15 min: 1200 m³ on each day
    const s = samplesEvery(T0 + 12 * HOUR_MS, 24 * 4 + 1, MIN15, 100)
    const d = cstDay(T0)
    expect(Array.from(dailyFlowVolumes(s, d, d + 1, OPTS)).map((x) => Math.round(x * 1e6) / 1e6)).toEqual([1200, 1200])
  })

  it('gives one value per day', () => {
    expect(dailyFlowVolumes({ t: [], v: [] }, 10, 12, OPTS)).toHaveLength(3)
    expect(DAY_MS).toBe(24 * HOUR_MS)
  })
})
