/**
 * The notifier: alert transitions in, planned notices out (through the planner into the outbox),
 * escalation steps and reminders on time, and a sender loop draining the outbox.
 *
 * Time: `now()` is injected; the loop arms one timer (injectable `setTimeout`/`clearTimeout`) for
 * the earliest due escalation step, reminder or retry, at most a minute ahead so a clock that
 * jumps is noticed. `tick()` runs everything due at `now()` to completion, for tests and manual
 * clocks.
 *
 * Restart: the outbox (pending items resent, sent never) and the escalation store (each active
 * escalation's progress) are on disk. On each pass the escalations are checked against the alert
 * service (`getAlert`): an alert acknowledged or resolved while we were down stops its escalation,
 * and a resolution we missed is still announced to those already notified (deduped).
 */
import type { Alert } from '../../../shared/src/domain/alert'
import type { Station } from '../../../shared/src/domain/station'
import type { AlertTransition } from '../../../shared/src/rules/alert-book'
import type { BacklogSummary } from '../../../shared/src/rules/backlog'
import { planDigest } from './digest'
import type { Dispatcher } from './dispatcher'
import { advance, startEscalation, stopEscalation, type EscalationState } from './escalation'
import type { EscalationStore } from './escalation-store'
import type { Policy } from './model'
import type { DeliveryState, Outbox } from './outbox'
import type { Planner } from './planner'
import { factsOf } from './planner'
import type { RecipientStore } from './recipients'
import { toDeliveryStatus, type DeliveryStatus } from './status'
import { policyFor } from './subscriptions'

/** The logger the notifier writes to (the server's Logger fits). */
export interface NotifyLog {
  error(msg: string): void
  warn(msg: string): void
  info(msg: string): void
}

/** Timer functions (default: the global ones). */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** Counters of the notifier (outbox items retained, by state). */
export interface NotifyStats {
  items: Record<DeliveryState, number>
  escalations: number
  inFlight: number
}

export interface NotifierParts {
  store: RecipientStore
  outbox: Outbox
  escalations: EscalationStore
  planner: Planner
  dispatcher: Dispatcher
  lookupStation: (id: string) => Station | undefined
  getAlert: (id: string) => Alert | undefined
  now: () => number
  log: NotifyLog
  timers: Timers
  /** Late-data digests on unless a recipient says otherwise (`NOTIFY_LATE_DIGEST`). */
  lateDigest?: boolean
  /** Called once by stop() after the last send settled (close transports and files). */
  close: () => void
}

const MAX_WAIT_MS = 60_000

export class Notifier {
  private phase: 'idle' | 'running' | 'stopped' = 'idle'
  private timer: unknown
  private closed = false

  constructor(private readonly p: NotifierParts) {}

  /** Handle an alert transition. Never throws; planning is durable before it returns. */
  onTransition(t: AlertTransition): void {
    if (this.phase === 'stopped') {
      this.p.log.warn(`notify: ${t.type} of alert ${t.alert.id} after stop, ignored`)
      return
    }
    try {
      this.plan(t)
    } catch (e) {
      this.p.log.error(`notify: planning ${t.type} of alert ${t.alert.id} failed: ${(e as Error).message}`)
    }
    this.kick()
  }

  /**
   * A station's backlog of late data ended: one digest to each subscriber who wants digests, when
   * it recorded historical exceedances. Never throws; planning is durable before it returns.
   */
  onBacklog(b: BacklogSummary): void {
    if (this.phase === 'stopped') return
    try {
      planDigest(b, {
        store: this.p.store,
        outbox: this.p.outbox,
        station: this.p.lookupStation(b.stationId),
        now: this.p.now(),
        defaultOn: this.p.lateDigest ?? true,
      })
    } catch (e) {
      this.p.log.error(`notify: planning the late-data digest of ${b.stationId} failed: ${(e as Error).message}`)
    }
    this.kick()
  }

  /** Per-notice delivery status of an alert, in planning order. */
  statusFor(alertId: string): DeliveryStatus[] {
    return this.p.outbox.forAlert(alertId).map((i) => toDeliveryStatus(i, this.p.store.recipient(i.recipientId)?.name))
  }

  /** Counts for /metrics: outbox items by state, active escalations. */
  stats(): NotifyStats {
    const items: Record<DeliveryState, number> = { pending: 0, sent: 0, failed: 0, cancelled: 0 }
    for (const i of this.p.outbox.all()) items[i.state]++
    return { items, escalations: this.p.escalations.list().length, inFlight: this.p.dispatcher.busy }
  }

  /** Start the timer loop (resends anything pending from before a restart). */
  start(): void {
    if (this.phase !== 'idle') return
    this.phase = 'running'
    this.arm(0)
  }

  /** Run everything due at `now()`: escalation steps, reminders and sends, until nothing more is due. */
  async tick(): Promise<void> {
    for (let pass = 0; pass < 1000; pass++) {
      const started = await this.runDue()
      if (started > 0) continue
      if (this.p.dispatcher.busy === 0) return
      await this.p.dispatcher.idle()
    }
  }

  /** Stop the loop, wait for sends in flight (each bounded by its timeout), close files and transports. */
  async stop(): Promise<void> {
    this.phase = 'stopped'
    if (this.timer !== undefined) this.p.timers.clearTimeout(this.timer)
    this.timer = undefined
    await this.p.dispatcher.idle()
    if (!this.closed) {
      this.closed = true
      this.p.close()
    }
  }

  private plan(t: AlertTransition): void {
    const a = t.alert
    const station = this.p.lookupStation(a.stationId)
    const { planner, escalations } = this.p
    switch (t.type) {
      case 'opened': {
        planner.toRecipients(a, planner.subscribers(a, station), { kind: 'opened', event: 'opened', step: 0, transition: 'opened' })
        // Escalation counts from detection: an alert opened by data from the past is not overdue at once.
        this.ensureEscalation(a, station, a.detectedAt ?? a.openedAt)
        return
      }
      case 'escalated': {
        const spec = { kind: 'escalated', event: `severity:${a.severity}`, step: 0, transition: 'escalated' } as const
        planner.toNotified(a, spec)
        planner.toRecipients(a, planner.subscribers(a, station), spec)
        this.ensureEscalation(a, station, this.p.now())
        return
      }
      case 'acknowledged': {
        const s = escalations.get(a.id)
        if (s) escalations.put(stopEscalation(s, 'acknowledged'))
        return
      }
      case 'resolved':
        this.resolve(a)
        return
      case 'recorded':
        // A historical exceedance pages nobody: its station's backlog digest reports it.
        return
    }
  }

  private resolve(a: Alert): void {
    const s = this.p.escalations.get(a.id)
    if (s) this.p.escalations.put(stopEscalation(s, 'resolved'))
    this.p.planner.cancelDeferred(a.id, 'the alert resolved first')
    this.p.planner.toNotified(a, { kind: 'resolved', event: 'resolved', step: 0, transition: 'resolved' })
  }

  /** Start the alert's escalation if a policy covers it and none runs, then fire what is due. */
  private ensureEscalation(a: Alert, station: Station | undefined, startedAt: number): void {
    // A late duplicate `opened` must not restart the escalation of an alert already acknowledged.
    if ((this.p.getAlert(a.id) ?? a).state !== 'open') return
    let s = this.p.escalations.get(a.id)
    let policy: Policy | undefined
    if (s) policy = this.p.store.policy(s.policyId)
    else {
      policy = policyFor(this.p.store.policies(), factsOf(a, station))
      if (!policy) return
      s = startEscalation(a.id, policy, startedAt)
    }
    if (policy) this.step(s, policy, a)
  }

  /** Advance one escalation to now, planning its due steps and reminders, then persist it. */
  private step(s: EscalationState, policy: Policy, a: Alert): void {
    const r = advance(s, policy, this.p.now())
    for (const act of r.actions) {
      if (act.type === 'reminder') {
        this.p.planner.toNotified(a, { kind: 'reminder', event: `reminder:${act.n}`, step: 0 })
        continue
      }
      const st = policy.steps[act.step]!
      const first = act.step === 0
      this.p.planner.toRecipients(a, this.p.store.resolve(st.groups, st.recipients), {
        kind: first ? 'opened' : 'step',
        event: first ? 'opened' : `step:${act.step}`,
        step: act.step,
        transition: first ? 'opened' : undefined,
      })
    }
    // Planned items are durable before the state says they were: a crash in between re-plans them, deduped.
    this.p.escalations.put(r.state)
  }

  /** Escalations due now, then sends. Returns the number of sends started. */
  private async runDue(): Promise<number> {
    for (const s of this.p.escalations.list()) {
      try {
        this.checkEscalation(s)
      } catch (e) {
        this.p.log.error(`notify: escalation of alert ${s.alertId} failed: ${(e as Error).message}`)
      }
    }
    return this.p.dispatcher.dispatch()
  }

  private checkEscalation(s: EscalationState): void {
    const a = this.p.getAlert(s.alertId)
    const policy = this.p.store.policy(s.policyId)
    if (!a || !policy) {
      this.p.log.warn(
        `notify: escalation of alert ${s.alertId} stopped: ${a ? `policy ${s.policyId} was removed` : 'the alert is unknown'}`,
      )
      this.p.escalations.put(stopEscalation(s, 'resolved'))
    } else if (a.state === 'acknowledged') this.p.escalations.put(stopEscalation(s, 'acknowledged'))
    else if (a.state === 'resolved') this.resolve(a)
    else this.step(s, policy, a)
  }

  private nextDueAt(): number | undefined {
    const times: number[] = []
    const d = this.p.dispatcher.nextDueAt()
    if (d !== undefined) times.push(d)
    const now = this.p.now()
    for (const s of this.p.escalations.list()) {
      const policy = this.p.store.policy(s.policyId)
      const next = policy ? advance(s, policy, now).nextAt : now
      if (next !== undefined) times.push(next)
    }
    return times.length ? Math.min(...times) : undefined
  }

  /** A send settled: something queued behind it may be due. */
  onSettled(): void {
    this.kick()
  }

  private kick(): void {
    if (this.phase === 'running') this.arm(0)
  }

  private arm(delayMs: number): void {
    if (this.timer !== undefined) this.p.timers.clearTimeout(this.timer)
    const h = this.p.timers.setTimeout(() => {
      this.timer = undefined
      void this.loop()
    }, delayMs)
    ;(h as { unref?: () => void } | undefined)?.unref?.()
    this.timer = h
  }

  private async loop(): Promise<void> {
    if (this.phase !== 'running') return
    try {
      await this.runDue()
    } catch (e) {
      this.p.log.error(`notify: ${(e as Error).message}`)
    }
    if (this.phase !== 'running' || this.timer !== undefined) return
    const next = this.nextDueAt()
    if (next !== undefined) this.arm(Math.min(MAX_WAIT_MS, Math.max(0, next - this.p.now())))
  }
}
