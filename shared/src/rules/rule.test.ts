import { describe, expect, it } from 'vitest'
import { ruleProblem, type Rule } from './rule'

const base: Rule = {
  id: 'r',
  kind: 'air',
  metric: 'x',
  window: '1h',
  comparison: 'above',
  limit: 10,
  severity: 'warning',
  source: 's',
  title: { zh: 'x', en: 'x' },
}

describe('ruleProblem', () => {
  it.each([
    [{}, undefined],
    [{ clear: 9 }, undefined],
    [{ clear: 11 }, 'r: clear level 11 is above the limit 10'],
    [{ comparison: 'below', clear: 11 }, undefined],
    [{ comparison: 'below', clear: 9 }, 'r: clear level 9 is below the limit 10'],
    [{ comparison: 'outside', low: 6, limit: 9, clear: 8.8, clearLow: 6.2 }, undefined],
    [{ comparison: 'outside', low: 9.5, limit: 9 }, 'r: lower bound 9.5 is not below the upper bound 9'],
    [{ comparison: 'outside', low: 6, limit: 9, clearLow: 5 }, 'r: lower clear level 5 is below the lower bound 6'],
  ] as const)('%j → %s', (patch, want) => {
    expect(ruleProblem({ ...base, ...patch } as Rule)).toBe(want)
  })
})
