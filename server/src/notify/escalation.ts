/**
 * The escalation state machine, pure: time comes in, actions come out.
 *
 * A policy is an ordered list of steps, each `afterMs` after the escalation started (the alert
 * opened, or first became subject to a policy when its severity rose). Step 0 has `afterMs: 0`
 * and fires at once; while the alert stays open (not acknowledged, not resolved) each later step
 * fires when its time has come. Optional reminders fire every `reminderEveryMs` after the start,
 * at most `maxReminders` times. Acknowledging or resolving stops it for good.
 *
 * After downtime, every step whose time has passed fires (each group still has to hear of the
 * alert), but only the latest missed reminder fires: nobody needs five reminders at once.
 * A reminder due together with a step comes first in the actions, so it reaches those notified
 * before, and the step's new recipients get the step notice only.
 */
import type { Policy } from './model'

/** Lifecycle of one alert's escalation. */
export type EscalationPhase = 'active' | 'acknowledged' | 'resolved'

/** Persisted per alert. */
export interface EscalationState {
  alertId: string
  policyId: string
  /** Epoch ms the escalation started; step and reminder times count from here. */
  startedAt: number
  /** Steps fired so far (step `stepsDone` is the next). */
  stepsDone: number
  /** Reminder number last fired (0 = none). */
  remindersDone: number
  phase: EscalationPhase
}

/** Something to notify now. */
export type EscalationAction = { type: 'step'; step: number } | { type: 'reminder'; n: number }

/** Result of advancing the machine to a time. */
export interface EscalationAdvance {
  state: EscalationState
  actions: EscalationAction[]
  /** Next time something is due, or undefined when nothing more will happen by time alone. */
  nextAt: number | undefined
}

/** A new, active escalation; nothing has fired yet (call `advance` for step 0). */
export function startEscalation(alertId: string, policy: Policy, startedAt: number): EscalationState {
  return { alertId, policyId: policy.id, startedAt, stepsDone: 0, remindersDone: 0, phase: 'active' }
}

/** Stop for good; a stopped escalation never yields actions. */
export function stopEscalation(s: EscalationState, why: Exclude<EscalationPhase, 'active'>): EscalationState {
  return s.phase === 'active' ? { ...s, phase: why } : s
}

/**
 * Fire what is due at `now` under `policy` (which may have been edited since the start: steps
 * beyond its end are simply never due).
 * @example
 * let s = startEscalation('a1', policy, t0)
 * const r = advance(s, policy, t0) // r.actions = [{ type: 'step', step: 0 }]
 */
export function advance(s: EscalationState, policy: Policy, now: number): EscalationAdvance {
  if (s.phase !== 'active') return { state: s, actions: [], nextAt: undefined }
  const actions: EscalationAction[] = []
  let remindersDone = s.remindersDone
  const every = policy.reminderEveryMs
  const cap = policy.maxReminders ?? Infinity
  if (every) {
    const due = Math.min(cap, Math.floor((now - s.startedAt) / every))
    if (due > remindersDone) {
      actions.push({ type: 'reminder', n: due })
      remindersDone = due
    }
  }
  let stepsDone = s.stepsDone
  while (stepsDone < policy.steps.length && s.startedAt + policy.steps[stepsDone]!.afterMs <= now) {
    actions.push({ type: 'step', step: stepsDone })
    stepsDone++
  }
  const next: number[] = []
  if (stepsDone < policy.steps.length) next.push(s.startedAt + policy.steps[stepsDone]!.afterMs)
  if (every && remindersDone < cap) next.push(s.startedAt + (remindersDone + 1) * every)
  return {
    state: { ...s, stepsDone, remindersDone },
    actions,
    nextAt: next.length ? Math.min(...next) : undefined,
  }
}
