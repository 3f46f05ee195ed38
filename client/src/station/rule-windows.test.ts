import { describe, expect, it } from 'vitest'
import { ruleWindows } from './rule-windows'

describe('ruleWindows', () => {
  const rules = [
    { metric: 'so2', window: '24h' },
    { metric: 'so2', window: '1h' },
    { metric: 'o3', window: '8h' },
    { metric: 'o3', window: '1h' },
    { metric: 'ph', window: 'instant' },
  ]
  it.each([
    ['so2', ['1h', '24h']],
    ['o3', ['1h', '8h']],
    ['ph', []],
    ['pm25', []],
  ])('offers %s the windows %j', (metric, want) => {
    expect(ruleWindows(rules, metric)).toEqual(want)
  })
})
