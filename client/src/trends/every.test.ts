import { describe, expect, it } from 'vitest'
import { chooseEvery, everyAllowed, gapFor, resolveEvery } from './every'

const DAY = 86_400_000

describe('aggregation by span', () => {
  it.each([
    [3_600_000, 'raw'],
    [DAY, 'raw'],
    [2 * DAY, 'raw'],
    [7 * DAY, '5m'],
    [30 * DAY, '1h'],
    [90 * DAY, '1h'],
    [365 * DAY, '1d'],
  ] as const)('%i ms → %s', (span, want) => {
    expect(chooseEvery(span)).toBe(want)
  })

  it('allows raw only up to 31 days (the server refuses more as JSON)', () => {
    expect(everyAllowed('raw', 31 * DAY)).toBe(true)
    expect(everyAllowed('raw', 32 * DAY)).toBe(false)
    expect(everyAllowed('1h', 365 * DAY)).toBe(true)
  })

  it('honours an allowed choice and falls back to auto otherwise', () => {
    expect(resolveEvery('1d', 7 * DAY)).toBe('1d')
    expect(resolveEvery('raw', 90 * DAY)).toBe('1h')
    expect(resolveEvery('auto', DAY)).toBe('raw')
  })

  it('breaks lines after a missing bucket or three reporting intervals', () => {
    expect(gapFor('1h', 60)).toBe(2.5 * 3_600_000)
    expect(gapFor('raw', 60)).toBe(300_000)
    expect(gapFor('raw', 600)).toBe(1_800_000)
  })
})
