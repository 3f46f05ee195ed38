import { describe, expect, it } from 'vitest'
import { advance, startEscalation, stopEscalation, type EscalationState } from './escalation'
import type { Policy } from './model'

const T0 = Date.parse('2026-11-24T10:00:00+08:00')
const MIN = 60_000
const policy: Policy = {
  id: 'p',
  steps: [
    { afterMs: 0, groups: ['duty'], recipients: [] },
    { afterMs: 15 * MIN, groups: ['leads'], recipients: [] },
    { afterMs: 45 * MIN, groups: [], recipients: ['chief'] },
  ],
}
const withReminders: Policy = { ...policy, reminderEveryMs: 20 * MIN, maxReminders: 3 }

/** Advance through a list of times, collecting actions. */
function run(p: Policy, times: number[], s: EscalationState = startEscalation('a1', p, T0)) {
  const out: string[] = []
  for (const t of times) {
    const r = advance(s, p, T0 + t)
    s = r.state
    out.push(r.actions.map((a) => (a.type === 'step' ? `step${a.step}` : `reminder${a.n}`)).join(',') || '-')
  }
  return { out, state: s }
}

describe('escalation', () => {
  it.each([
    ['step 0 fires at once', [0], ['step0']],
    ['nothing more before the first delay', [0, 14 * MIN], ['step0', '-']],
    ['step 1 fires at its delay', [0, 15 * MIN], ['step0', 'step1']],
    ['each step fires once', [0, 15 * MIN, 16 * MIN, 30 * MIN], ['step0', 'step1', '-', '-']],
    ['missed steps all fire after downtime', [0, 50 * MIN], ['step0', 'step1,step2']],
    ['nothing after the last step', [0, 15 * MIN, 45 * MIN, 500 * MIN], ['step0', 'step1', 'step2', '-']],
  ])('%s', (_name, times, expected) => {
    expect(run(policy, times).out).toEqual(expected)
  })

  it.each([
    ['a reminder fires at each interval', [0, 15 * MIN, 20 * MIN, 40 * MIN], ['step0', 'step1', 'reminder1', 'reminder2']],
    [
      'reminders stop at maxReminders',
      [0, 15 * MIN, 20 * MIN, 40 * MIN, 45 * MIN, 60 * MIN, 80 * MIN, 200 * MIN],
      ['step0', 'step1', 'reminder1', 'reminder2', 'step2', 'reminder3', '-', '-'],
    ],
  ])('%s', (_name, times, expected) => {
    expect(run(withReminders, times).out).toEqual(expected)
  })

  it('only the latest missed reminder fires after downtime', () => {
    const p: Policy = { id: 'r', steps: [policy.steps[0]!], reminderEveryMs: 20 * MIN }
    expect(run(p, [0, 70 * MIN, 75 * MIN, 80 * MIN]).out).toEqual(['step0', 'reminder3', '-', 'reminder4'])
  })

  it('a reminder due with a step comes before it (it goes to those notified before the step)', () => {
    const p: Policy = { ...policy, reminderEveryMs: 15 * MIN }
    const r = run(p, [0, 15 * MIN, 30 * MIN])
    expect(r.out).toEqual(['step0', 'reminder1,step1', 'reminder2'])
  })

  it.each(['acknowledged', 'resolved'] as const)('stops for good when %s', (why) => {
    const { state } = run(withReminders, [0])
    const stopped = stopEscalation(state, why)
    expect(stopped.phase).toBe(why)
    expect(advance(stopped, withReminders, T0 + 999 * MIN)).toEqual({ state: stopped, actions: [], nextAt: undefined })
  })

  it('reports the next due time: the earlier of the next step and the next reminder', () => {
    expect(advance(startEscalation('a', withReminders, T0), withReminders, T0).nextAt).toBe(T0 + 15 * MIN)
    const { state } = run(withReminders, [0, 15 * MIN])
    expect(advance(state, withReminders, T0 + 15 * MIN).nextAt).toBe(T0 + 20 * MIN)
    const done = run(policy, [0, 15 * MIN, 45 * MIN]).state
    expect(advance(done, policy, T0 + 46 * MIN).nextAt).toBeUndefined()
  })

  it('survives a policy shortened after the start', () => {
    const { state } = run(policy, [0])
    const short: Policy = { ...policy, steps: policy.steps.slice(0, 1) }
    expect(advance(state, short, T0 + 100 * MIN)).toMatchObject({ actions: [], nextAt: undefined })
  })

  it('is pure: advancing does not change the given state', () => {
    const s = startEscalation('a1', policy, T0)
    const copy = structuredClone(s)
    advance(s, policy, T0 + 100 * MIN)
    expect(s).toEqual(copy)
  })
})
