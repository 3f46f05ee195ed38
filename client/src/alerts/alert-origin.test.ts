import { describe, expect, it } from 'vitest'
import { alert } from '../data/test-fixtures'
import { openedLate, originMatches } from './alert-origin'

describe('alert origin', () => {
  it.each([
    ['all', false, true],
    ['all', true, true],
    ['live', false, true],
    ['live', true, false],
    ['historical', true, true],
    ['historical', false, false],
  ] as const)('filter %s with historical=%s passes: %s', (f, historical, want) => {
    expect(originMatches(alert('a', { historical }), f)).toBe(want)
  })

  it.each([
    ['detected with its data', '2026-11-24T00:00:30Z', false, false],
    ['detected 2 h after its data began (a backlog still in breach)', '2026-11-24T02:00:00Z', false, true],
    ['historical (its own badge)', '2026-11-24T02:00:00Z', true, false],
  ] as const)('a live alert %s is badged late: %s', (_n, detectedAt, historical, want) => {
    expect(openedLate(alert('a', { openedAt: '2026-11-24T00:00:00Z', detectedAt, historical }))).toBe(want)
  })
})
