import { describe, expect, it } from 'vitest'
import {
  EMPTY_FILTER,
  formToPolicy,
  formToRecipient,
  policyToForm,
  recipientToForm,
  splitList,
  type PolicyForm,
  type RecipientForm,
} from './notify-model'

const recipient: RecipientForm = {
  id: 'duty-1',
  name: '值班室',
  enabled: true,
  channels: [
    { type: 'email', to: 'ops@example.cn' },
    { type: 'webhook', url: 'https://example.cn/hook', format: 'wecom', secret: '' },
  ],
  subscriptions: [{ kinds: ['air'], towns: '莞城街道，东城街道', stations: '', minSeverity: 'warning' }],
  quiet: true,
  quietStart: '22:00',
  quietEnd: '07:00',
  lateDigest: 'default',
}

describe('recipient form', () => {
  it('splits lists on ASCII and full-width commas', () => {
    expect(splitList('a, b，c  d')).toEqual(['a', 'b', 'c', 'd'])
  })

  it('builds the PUT body; a blank webhook secret is left out (the server keeps it)', () => {
    const r = formToRecipient(recipient)
    expect(r).toEqual({
      ok: true,
      value: {
        id: 'duty-1',
        name: '值班室',
        enabled: true,
        channels: [
          { type: 'email', to: 'ops@example.cn' },
          { type: 'webhook', url: 'https://example.cn/hook', format: 'wecom' },
        ],
        subscriptions: [{ kinds: ['air'], towns: ['莞城街道', '东城街道'], minSeverity: 'warning' }],
        quietHours: { start: '22:00', end: '07:00' },
      },
    })
  })

  it.each([
    ['default', undefined],
    ['on', true],
    ['off', false],
  ] as const)('late-data digest %s is sent as lateDigest=%s and reads back the same', (lateDigest, want) => {
    const r = formToRecipient({ ...recipient, lateDigest })
    expect(r.ok && r.value.lateDigest).toBe(r.ok && want)
    expect(r.ok && recipientToForm(r.value).lateDigest).toBe(lateDigest)
  })

  it('says what is wrong', () => {
    const r = formToRecipient({ ...recipient, id: 'bad id', channels: [{ type: 'email', to: 'nope' }], quietEnd: '22:00' })
    expect(r.ok === false && r.problems).toEqual(['id', 'email', 'quiet'])
  })

  it('round-trips through the form', () => {
    const r = formToRecipient(recipient)
    expect(r.ok && formToRecipient(recipientToForm(r.value))).toEqual(r)
  })

  it('sends the report subscriptions and reads them back (none: the field is left out)', () => {
    const r = formToRecipient({ ...recipient, reports: ['daily-air', 'monthly'] })
    expect(r.ok && r.value.reports).toEqual(['daily-air', 'monthly'])
    expect(r.ok && recipientToForm(r.value).reports).toEqual(['daily-air', 'monthly'])
    const none = formToRecipient({ ...recipient, reports: [] })
    expect(none.ok && 'reports' in none.value).toBe(false)
  })
})

describe('policy form', () => {
  const policy: PolicyForm = {
    id: 'default',
    name: '',
    match: { ...EMPTY_FILTER, minSeverity: 'critical' },
    steps: [
      { afterMin: '0', groups: ['duty'], recipients: [] },
      { afterMin: '15', groups: [], recipients: ['chief'] },
    ],
    reminderMin: '60',
    maxReminders: '',
  }

  it('sends minutes as ms', () => {
    const r = formToPolicy(policy)
    expect(r.ok && r.value).toEqual({
      id: 'default',
      match: { minSeverity: 'critical' },
      steps: [
        { afterMs: 0, groups: ['duty'], recipients: [] },
        { afterMs: 900_000, groups: [], recipients: ['chief'] },
      ],
      reminderEveryMs: 3_600_000,
    })
    expect(r.ok && policyToForm(r.value).steps[1]!.afterMin).toBe('15')
  })

  it.each([
    ['a first step after 0', { steps: [{ afterMin: '5', groups: ['duty'], recipients: [] }] }, 'firstStep'],
    [
      'steps out of order',
      {
        steps: [
          { afterMin: '0', groups: ['duty'], recipients: [] },
          { afterMin: '0', groups: ['duty'], recipients: [] },
        ],
      },
      'stepOrder',
    ],
    ['a step naming no one', { steps: [{ afterMin: '0', groups: [], recipients: [] }] }, 'stepEmpty'],
  ] as const)('refuses %s', (_name, patch, problem) => {
    const r = formToPolicy({ ...policy, steps: patch.steps.map((s) => ({ ...s, groups: [...s.groups], recipients: [...s.recipients] })) })
    expect(r.ok === false && r.problems).toContain(problem)
  })
})
