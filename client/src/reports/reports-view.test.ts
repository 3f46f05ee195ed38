import { describe, expect, it } from 'vitest'
import { defaultPeriod } from './reports-view'

describe('defaultPeriod', () => {
  // 1 March 2026 00:10 CST is still 28 February in UTC.
  const now = Date.parse('2026-03-01T00:10:00+08:00')
  it.each([
    ['daily-air', '2026-02-28'],
    ['monthly', '2026-02'],
    ['targets', '2026-02'],
    ['annual', '2025'],
  ] as const)('%s → the last completed period in CST: %s', (kind, want) => {
    expect(defaultPeriod(kind, now)).toBe(want)
  })
})
