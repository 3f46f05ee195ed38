import { describe, expect, it } from 'vitest'
import type { DataFlag } from '../domain/reading'
import { hourlyMeans } from './hourly-means'
import { samplesEvery } from './test-helpers'

const H = Date.parse('2026-03-01T10:00:00+08:00')
const MIN = 60_000

describe('hourlyMeans validity (GB 3095-2012 Table 4: >= 45 min of sampling)', () => {
  it.each([
    [44, false],
    [45, true],
    [60, true],
  ])('an hour with %i one-minute samples has a mean: %s', (count, valid) => {
    const h = hourlyMeans(samplesEvery(H, count, MIN, 20), { intervalMs: MIN })
    expect(h.minutes[0]).toBe(count)
    expect(Number.isNaN(h.v[0])).toBe(!valid)
  })

  it.each([
    [8, false],
    [9, true],
  ])('an hour with %i five-minute samples has a mean: %s', (count, valid) => {
    const h = hourlyMeans(samplesEvery(H, count, 5 * MIN, 20), { intervalMs: 5 * MIN })
    expect(Number.isNaN(h.v[0])).toBe(!valid)
  })

  it('counts 45 minutes for samples at :15..:59 (clipped at the hour end)', () => {
    const h = hourlyMeans(samplesEvery(H + 15 * MIN, 45, MIN, 20), { intervalMs: MIN, from: H, to: H + 3_600_000 })
    expect(h.minutes[0]).toBe(45)
    expect(h.v[0]).toBe(20)
  })

  it('counts a sample followed by a gap as one interval only', () => {
    const s = { t: [H, H + 30 * MIN], v: [10, 10] }
    expect(hourlyMeans(s, { intervalMs: MIN, to: H + 3_600_000 }).minutes[0]).toBe(2)
  })

  it('does not count duplicated timestamps twice', () => {
    const a = samplesEvery(H, 44, MIN, 20)
    const s = { t: [...a.t, ...a.t].sort((x, y) => x - y), v: [...a.v, ...a.v] }
    expect(hourlyMeans(s, { intervalMs: MIN }).minutes[0]).toBe(44)
  })

  it('gives a full hour to one hourly value stamped at the hour start', () => {
    const h = hourlyMeans({ t: [H], v: [33] }, { intervalMs: 3_600_000 })
    expect(h.minutes[0]).toBe(60)
    expect(h.v[0]).toBe(33)
  })

  it('puts a sample at the hour end into the next hour', () => {
    const h = hourlyMeans({ t: [H, H + 3_600_000], v: [1, 2] }, { intervalMs: 3_600_000 })
    expect(h.len).toBe(2)
    expect(Array.from(h.v)).toEqual([1, 2])
  })
})

describe('hourlyMeans flags (only N and S count)', () => {
  it.each<[DataFlag | undefined, boolean]>([
    [undefined, true],
    ['N', true],
    ['S', true],
    ['F', false],
    ['M', false],
    ['D', false],
    ['C', false],
    ['T', false],
    ['B', false],
  ])('a sample flagged %s counts: %s', (flag, counts) => {
    const h = hourlyMeans(
      samplesEvery(H, 60, MIN, 20, () => flag),
      { intervalMs: MIN },
    )
    expect(Number.isNaN(h.v[0])).toBe(!counts)
  })

  it('excludes D-flagged values from the minutes so 44 valid of 50 samples give no mean', () => {
    const h = hourlyMeans(
      samplesEvery(H, 50, MIN, 20, (i) => (i < 6 ? 'D' : 'N')),
      { intervalMs: MIN },
    )
    expect(h.minutes[0]).toBe(44)
    expect(Number.isNaN(h.v[0])).toBe(true)
  })

  it('excludes D-flagged values from the mean', () => {
    const h = hourlyMeans(
      samplesEvery(
        H,
        60,
        MIN,
        (i) => (i < 5 ? 1000 : 10),
        (i) => (i < 5 ? 'D' : 'N'),
      ),
      { intervalMs: MIN },
    )
    expect(h.v[0]).toBe(10)
  })

  it('excludes NaN values', () => {
    const h = hourlyMeans(
      samplesEvery(H, 60, MIN, (i) => (i < 16 ? NaN : 10)),
      { intervalMs: MIN },
    )
    expect(h.minutes[0]).toBe(44)
    expect(Number.isNaN(h.v[0])).toBe(true)
  })
})

describe('hourlyMeans values', () => {
  it('is the arithmetic mean of the valid samples', () => {
    const h = hourlyMeans(
      samplesEvery(H, 60, MIN, (i) => i),
      { intervalMs: MIN },
    )
    expect(h.v[0]).toBe(29.5)
  })

  it('returns a dense hourly grid over [from, to) with NaN for empty hours', () => {
    const h = hourlyMeans(samplesEvery(H + 7_200_000, 60, MIN, 5), { intervalMs: MIN, from: H, to: H + 4 * 3_600_000 })
    expect(Array.from(h.t)).toEqual([0, 1, 2, 3].map((k) => H + k * 3_600_000))
    expect(Array.from(h.v)).toEqual([NaN, NaN, 5, NaN])
  })

  it('rejects a non-positive reporting interval', () => {
    expect(() => hourlyMeans({ t: [H], v: [1] }, { intervalMs: 0 })).toThrow('invalid intervalMs: 0')
  })
})
