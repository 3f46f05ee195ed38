import { describe, expect, it } from 'vitest'
import { hourlyMeans } from '../standards/hourly-means'
import { HOUR, MIN, T0, rng } from './standard-test-helpers'
import { SampleWindow, denoise } from './window-samples'

function windowOf(ts: number[], vs: number[]): SampleWindow {
  const w = new SampleWindow()
  ts.forEach((t, i) => w.add(t, vs[i]!))
  return w
}

describe('SampleWindow.hourMean (GB 3095-2012 Table 4: >= 45 min of sampling)', () => {
  it.each([
    [44, NaN],
    [45, 20],
    [60, 20],
  ])('an hour with %i one-minute samples has mean %s', (n, mean) => {
    const w = windowOf(
      Array.from({ length: n }, (_, i) => T0 + i * MIN),
      new Array(n).fill(20),
    )
    expect(w.hourMean(T0, MIN).mean).toEqual(mean)
    expect(w.hourMean(T0, MIN).minutes).toBe(n)
  })

  it('equals the library batch result (to 12 significant digits) on irregular samples with invalid ones', () => {
    const r = rng(7)
    const t: number[] = []
    const v: number[] = []
    for (let x = T0; x < T0 + 3 * HOUR; x += MIN * (1 + Math.floor(r() * 3))) {
      t.push(x)
      v.push(r() < 0.15 ? NaN : 10 + 50 * r())
    }
    const w = windowOf(t, v)
    const batch = hourlyMeans({ t, v }, { intervalMs: 2 * MIN })
    for (let k = 0; k < 3; k++) {
      const got = w.hourMean(T0 + k * HOUR, 2 * MIN)
      expect(got.minutes).toBeCloseTo(batch.minutes[k]!, 9)
      expect(got.mean).toEqual(denoise(batch.v[k]!))
    }
  })

  it('an invalid (NaN) sample neither enters the mean nor counts minutes, but ends the previous coverage', () => {
    const w = windowOf([T0, T0 + 10 * MIN, T0 + 11 * MIN], [30, NaN, 50])
    const m = w.hourMean(T0, 30 * MIN)
    expect(m.minutes).toBe(10 + 30) // 10 min until the invalid sample; the last clipped at its interval
    expect(m.n).toBe(2)
  })
})

describe('SampleWindow.movingMean (any 1 hour, GB 3095-2012 §3)', () => {
  it('covers (end - 1 h, end]: the sample exactly one hour old is out', () => {
    const w = windowOf([T0, T0 + 30 * MIN, T0 + HOUR], [100, 40, 10])
    expect(w.movingMean(T0 + HOUR, HOUR, MIN).mean).toBe(25)
    expect(w.movingMean(T0 + HOUR - 1, HOUR, MIN).mean).toBe(70)
  })

  it('a single sample gives its own value and one interval of sampling', () => {
    const w = windowOf([T0], [260])
    expect(w.movingMean(T0, HOUR, MIN)).toEqual({ mean: 260, minutes: 1, n: 1 })
  })

  it('is capped at 60 minutes of sampling', () => {
    const w = windowOf(
      Array.from({ length: 120 }, (_, i) => T0 + i * 30_000),
      new Array(120).fill(5),
    )
    expect(w.movingMean(T0 + 119 * 30_000, HOUR, 5 * MIN).minutes).toBe(60)
  })
})

describe('SampleWindow storage', () => {
  it('stores a redelivered timestamp once', () => {
    const w = new SampleWindow()
    expect([w.add(T0, 1), w.add(T0, 1), w.add(T0 + MIN, 2), w.add(T0, 9)]).toEqual(['appended', 'duplicate', 'appended', 'duplicate'])
    expect(w.length).toBe(2)
  })

  it('inserts an out-of-order sample in time order', () => {
    const w = windowOf([T0, T0 + 2 * MIN], [1, 3])
    expect(w.add(T0 + MIN, 2)).toBe('inserted')
    expect(w.movingMean(T0 + 2 * MIN, HOUR, MIN)).toEqual({ mean: 2, minutes: 3, n: 3 })
  })

  it('drops samples before a time', () => {
    const w = windowOf([T0, T0 + MIN, T0 + 2 * MIN], [1, 2, 3])
    w.dropBefore(T0 + MIN)
    expect(w.length).toBe(2)
    expect(w.lastT).toBe(T0 + 2 * MIN)
  })

  it('keeps a long sliding window exact through many drops and compactions (one append, one drop per step)', () => {
    const w = new SampleWindow(256)
    for (let i = 0; i < 5000; i++) {
      w.add(T0 + i * MIN, i)
      w.dropBefore(T0 + (i - 59) * MIN)
    }
    expect(w.length).toBe(60)
    expect(w.overflow).toBe(0)
    // The last 60 samples, 4940..4999: their mean, and 60 minutes of sampling.
    expect(w.movingMean(T0 + 4999 * MIN, HOUR, MIN)).toEqual({ mean: 4969.5, minutes: 60, n: 59 + 1 })
  })

  it('inserts in time order when the insert itself compacts the columns', () => {
    const w = new SampleWindow()
    for (let i = 0; i < 64; i++) w.add(T0 + i * MIN * 2, i) // fills the first 64 slots
    w.dropBefore(T0 + 10 * MIN * 2) // live samples 10..63, at the end of the columns
    expect(w.add(T0 + 20 * MIN * 2 + MIN, 99)).toBe('inserted') // no room at the end: compacts, then inserts
    expect(w.length).toBe(55)
    expect(w.add(T0 + 20 * MIN * 2 + MIN, 99)).toBe('duplicate')
    const m = w.movingMean(T0 + 21 * MIN * 2, 2 * MIN + 1, MIN) // (T0+40m-1ms, T0+42m]: samples at 40, 41, 42 min
    expect(m.n).toBe(3)
    expect(m.mean).toBeCloseTo((20 + 99 + 21) / 3, 9)
  })

  it('stays bounded: a full window drops its oldest quarter and counts it', () => {
    const w = new SampleWindow(256)
    for (let i = 0; i < 1000; i++) w.add(T0 + i * 1000, 1)
    expect(w.length).toBeLessThanOrEqual(256)
    expect(w.overflow + w.length).toBe(1000)
  })
})
