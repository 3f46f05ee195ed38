import { describe, expect, it } from 'vitest'
import { clampForRole, parseCstInput, presetRange, toCstInput } from './presets'

const DAY = 86_400_000

describe('presets and CST inputs', () => {
  it('ends a preset at the next whole minute', () => {
    const [from, to] = presetRange('7d', Date.UTC(2026, 10, 24, 0, 0, 30))
    expect(to).toBe(Date.UTC(2026, 10, 24, 0, 1))
    expect(to - from).toBe(7 * DAY)
  })

  it('reads a datetime-local value as China Standard Time', () => {
    expect(parseCstInput('2026-11-24T08:00')).toBe(Date.UTC(2026, 10, 24, 0, 0))
    expect(toCstInput(Date.UTC(2026, 10, 24, 0, 0))).toBe('2026-11-24T08:00')
    expect(parseCstInput('yesterday')).toBeNaN()
  })

  it('limits viewers and operators to 7 days', () => {
    expect(clampForRole([0, 30 * DAY], false)).toEqual([23 * DAY, 30 * DAY])
    expect(clampForRole([0, 30 * DAY], true)).toEqual([0, 30 * DAY])
  })
})
