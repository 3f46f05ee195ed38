import { describe, expect, it } from 'vitest'
import type { Filter, Policy, Recipient } from './model'
import { isSubscribed, matchesFilter, policyFor, type AlertFacts } from './subscriptions'

const facts: AlertFacts = { stationId: 'DG-AIR-01', kind: 'air', severity: 'warning', town: '莞城街道', townEn: 'Guancheng' }

describe('subscriptions', () => {
  it.each<[string, Filter, boolean]>([
    ['an empty filter matches everything', {}, true],
    ['station listed', { stations: ['DG-AIR-01', 'X'] }, true],
    ['station not listed', { stations: ['DG-AIR-02'] }, false],
    ['kind matches', { kinds: ['air', 'water'] }, true],
    ['kind differs', { kinds: ['water'] }, false],
    ['town in Chinese', { towns: ['莞城街道'] }, true],
    ['town in English', { towns: ['Guancheng'] }, true],
    ['other town', { towns: ['虎门镇'] }, false],
    ['severity at the minimum', { minSeverity: 'warning' }, true],
    ['severity above the minimum', { minSeverity: 'info' }, true],
    ['severity below the minimum', { minSeverity: 'critical' }, false],
    ['all fields must match', { kinds: ['air'], towns: ['虎门镇'] }, false],
  ])('%s', (_n, f, expected) => {
    expect(matchesFilter(f, facts)).toBe(expected)
  })

  it('a town filter never matches a station the registry does not know', () => {
    expect(matchesFilter({ towns: ['莞城街道'] }, { ...facts, town: undefined, townEn: undefined })).toBe(false)
  })

  const r = (subscriptions: Filter[], enabled = true): Recipient => ({
    id: 'r',
    name: 'r',
    enabled,
    channels: [{ type: 'email', to: 'a@b.cn' }],
    subscriptions,
  })

  it.each([
    ['any subscription matching subscribes (OR)', r([{ kinds: ['water'] }, { kinds: ['air'] }]), true],
    ['no subscriptions, no alerts', r([]), false],
    ['a disabled recipient gets nothing', r([{}], false), false],
  ])('%s', (_n, rec, expected) => {
    expect(isSubscribed(rec, facts)).toBe(expected)
  })

  it('the first matching policy applies', () => {
    const steps = [{ afterMs: 0, groups: ['g'], recipients: [] }]
    const policies: Policy[] = [
      { id: 'water', match: { kinds: ['water'] }, steps },
      { id: 'critical', match: { minSeverity: 'critical' }, steps },
      { id: 'default', steps },
    ]
    expect(policyFor(policies, facts)?.id).toBe('default')
    expect(policyFor(policies, { ...facts, severity: 'critical' })?.id).toBe('critical')
    expect(policyFor(policies.slice(0, 2), facts)).toBeUndefined()
  })
})
