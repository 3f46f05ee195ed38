/**
 * The alert lifecycle as a pure state machine: open → acknowledged → resolved, one alert per
 * (station, rule) at a time. No I/O: ids and time come in; the caller persists the transitions.
 *
 * - Opening needs the breach to persist `minDurationMs` and `minCount` observations.
 * - Resolving (automatic) needs the value back past the rule's clear level (hysteresis).
 * - Observations at or before the last one seen for a (station, rule) are ignored, so QoS 1
 *   redelivery, backfill overlap and late data never duplicate or re-fire an alert.
 * - A manually resolved alert does not re-open until the condition has cleared once.
 * - Times are the data's (issue 10): an alert opens at the observation that opened it and resolves
 *   at the observation that cleared it; `detectedAt` says when envmon learnt of it.
 * - Late data (`observe(..., late = true)`: older than LATE_DATA_AFTER when processed) opens a
 *   *held* alert: kept, not announced, not listed. Late data clearing it makes it *historical*
 *   (one `recorded` transition, nobody paged); `release` at the end of the station's backlog
 *   announces the held alerts still going on as live (`opened`, detected now). docs/standards.md
 *   ("Late data and backlogs") states the rule.
 */
import { withAlertDefaults, type Alert, type AlertAction, type Severity } from '../domain/alert'
import type { StationKind } from '../domain/station'
import { isBreach, isCleared, rank, severityOf, type Rule } from './rule'

/** One evaluated value of a rule for a station. */
export interface Observation {
  stationId: string
  kind: StationKind
  rule: Rule
  value: number
  /** Observation time (the data's time, not arrival), epoch ms. */
  ts: number
  /**
   * Optional message detail (e.g. which items exceed). A function is called only when the
   * observation changes an alert: most observations change nothing, and the evaluator makes one per
   * reading and rule on the ingest hot path.
   */
  detail?: string | (() => string)
}

/** `recorded`: a historical exceedance (opened and cleared by late data), recorded, announced to nobody's pager. */
export type TransitionType = 'opened' | 'escalated' | 'acknowledged' | 'resolved' | 'recorded'

export interface AlertTransition {
  type: TransitionType
  alert: Alert
}

/** Per (station, rule) condition state. */
export interface Condition {
  stationId: string
  ruleId: string
  /** Time of the last observation applied. */
  lastTs: number
  pendingSince?: number
  pendingCount: number
  /** Id of the open or acknowledged alert, if any. */
  alertId?: string
  /** After a manual resolve: no new alert until the value clears once. */
  suppressed: boolean
}

/** Outcome of an operator action. */
export type ActionResult =
  | { ok: true; transition: AlertTransition }
  | { ok: false; code: 'not-found' | 'already-resolved' | 'already-acknowledged'; message: string }

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 10 ? 2 : 1)
}

export class AlertBook {
  /** stationId → ruleId → condition (two look-ups, no key string built per observation). */
  private readonly conditions = new Map<string, Map<string, Condition>>()
  private readonly alerts = new Map<string, Alert>()
  /** stationId → ids of its held alerts (opened by late data, not yet classified). */
  private readonly held = new Map<string, Set<string>>()
  /** Alerts held since the last `drainHeld` (the caller persists them). */
  private fresh: Alert[] = []

  constructor(private readonly newId: () => string) {}

  /**
   * Apply one observation; returns the transitions it caused (usually none). `late`: the
   * observation's data was older than the late-data lag when it was processed (the caller decides).
   * An observation on time of a held alert's rule first makes that alert live (the caller releases
   * the station's other held alerts at the end of its backlog).
   */
  observe(obs: Observation, now: number, late = false): AlertTransition[] {
    const c = this.condition(obs.stationId, obs.rule.id)
    if (obs.ts <= c.lastTs || !Number.isFinite(obs.value)) return []
    const out: AlertTransition[] = []
    c.lastTs = obs.ts
    const rule = obs.rule
    const active = c.alertId ? this.alerts.get(c.alertId) : undefined
    if (active) {
      if (active.held && !late) {
        this.unhold(active)
        active.detectedAt = now
        active.updatedAt = now
        out.push({ type: 'opened', alert: { ...active } })
      }
      if (isCleared(rule, obs.value)) {
        c.alertId = undefined
        c.pendingSince = undefined
        c.pendingCount = 0
        active.state = 'resolved'
        active.value = obs.value
        active.updatedAt = now
        active.observedAt = obs.ts
        active.resolved = {
          by: 'system',
          at: obs.ts,
          auto: true,
          note: `cleared: ${fmt(obs.value)} back within ${fmt(rule.clear ?? rule.limit)}`,
        }
        if (active.held) {
          // Opened and cleared by late data: over before anyone could act on it.
          this.unhold(active)
          active.historical = true
          active.detectedAt = now
          out.push({ type: 'recorded', alert: { ...active } })
        } else out.push({ type: 'resolved', alert: { ...active } })
        return out
      }
      if (isBreach(rule, obs.value)) {
        active.value = obs.value
        if (worse(rule, obs.value, active.peak)) active.peak = obs.value
        const sev = severityOf(rule, obs.value)
        if (rank(sev) > rank(active.severity)) {
          active.severity = sev
          active.updatedAt = now
          active.observedAt = obs.ts
          active.message = message(rule, obs)
          if (!active.held) out.push({ type: 'escalated', alert: { ...active } })
        }
      }
      return out
    }
    if (!isBreach(rule, obs.value)) {
      c.pendingSince = undefined
      c.pendingCount = 0
      if (c.suppressed && isCleared(rule, obs.value)) c.suppressed = false
      return out
    }
    if (c.suppressed) return out
    c.pendingSince ??= obs.ts
    c.pendingCount++
    if (c.pendingCount < (rule.minCount ?? 1) || obs.ts - c.pendingSince < (rule.minDurationMs ?? 0)) return out
    const alert: Alert = {
      id: this.newId(),
      stationId: obs.stationId,
      kind: obs.kind,
      metric: rule.metric,
      rule: rule.id,
      severity: severityOf(rule, obs.value),
      state: 'open',
      value: obs.value,
      limit: rule.comparison === 'outside' && obs.value < (rule.low ?? -Infinity) ? rule.low! : rule.limit,
      window: rule.window,
      openedAt: obs.ts,
      updatedAt: now,
      detectedAt: now,
      historical: false,
      observedAt: obs.ts,
      peak: obs.value,
      message: message(rule, obs),
    }
    this.alerts.set(alert.id, alert)
    c.alertId = alert.id
    c.pendingSince = undefined
    c.pendingCount = 0
    if (late) {
      alert.held = true
      this.hold(alert)
      this.fresh.push({ ...alert })
      return out
    }
    out.push({ type: 'opened', alert: { ...alert } })
    return out
  }

  /**
   * The end of a station's backlog: its held alerts are still going on, so they become live alerts,
   * announced (`opened`) now with `openedAt` in the past and `detectedAt` = now.
   */
  release(stationId: string, now: number): AlertTransition[] {
    const ids = this.held.get(stationId)
    if (!ids) return []
    this.held.delete(stationId)
    const out: AlertTransition[] = []
    for (const id of ids) {
      const a = this.alerts.get(id)
      if (!a) continue
      delete a.held
      a.detectedAt = now
      a.updatedAt = now
      out.push({ type: 'opened', alert: { ...a } })
    }
    return out
  }

  /** Snapshots of the alerts held since the last call (to persist them). */
  drainHeld(): Alert[] {
    const out = this.fresh
    this.fresh = []
    return out
  }

  /** Stations with held alerts (a backlog in progress). */
  heldStations(): string[] {
    return [...this.held.keys()]
  }

  private hold(a: Alert): void {
    let ids = this.held.get(a.stationId)
    if (!ids) this.held.set(a.stationId, (ids = new Set()))
    ids.add(a.id)
  }

  private unhold(a: Alert): void {
    delete a.held
    const ids = this.held.get(a.stationId)
    ids?.delete(a.id)
    if (ids?.size === 0) this.held.delete(a.stationId)
  }

  /** The condition of a (station, rule), created clear on first use. */
  private condition(stationId: string, ruleId: string): Condition {
    let byRule = this.conditions.get(stationId)
    if (!byRule) this.conditions.set(stationId, (byRule = new Map()))
    let c = byRule.get(ruleId)
    if (!c) byRule.set(ruleId, (c = { stationId, ruleId, lastTs: -Infinity, pendingCount: 0, suppressed: false }))
    return c
  }

  /** Acknowledge an open alert (who, when, note). */
  acknowledge(id: string, by: string, note: string | undefined, now: number): ActionResult {
    const a = this.visible(id)
    if (!a) return { ok: false, code: 'not-found', message: `no alert ${id}` }
    if (a.state === 'resolved') return { ok: false, code: 'already-resolved', message: `alert ${id} is already resolved` }
    if (a.state === 'acknowledged')
      return { ok: false, code: 'already-acknowledged', message: `alert ${id} was acknowledged by ${a.acknowledged?.by}` }
    a.state = 'acknowledged'
    a.acknowledged = withNote({ by, at: now }, note)
    a.updatedAt = now
    return { ok: true, transition: { type: 'acknowledged', alert: { ...a } } }
  }

  /** Resolve an alert by hand; it will not re-open until its condition has cleared once. */
  resolve(id: string, by: string, note: string | undefined, now: number): ActionResult {
    const a = this.visible(id)
    if (!a) return { ok: false, code: 'not-found', message: `no alert ${id}` }
    if (a.state === 'resolved') return { ok: false, code: 'already-resolved', message: `alert ${id} is already resolved` }
    a.state = 'resolved'
    a.resolved = { ...withNote({ by, at: now }, note), auto: false }
    a.updatedAt = now
    const c = this.conditions.get(a.stationId)?.get(a.rule)
    if (c && c.alertId === id) {
      c.alertId = undefined
      c.suppressed = true
      c.pendingSince = undefined
      c.pendingCount = 0
    }
    return { ok: true, transition: { type: 'resolved', alert: { ...a } } }
  }

  /** An alert by id (held alerts are not shown until classified). */
  get(id: string): Alert | undefined {
    const a = this.visible(id)
    return a && { ...a }
  }

  /** All known alerts except held ones, newest (by data time) first. */
  list(): Alert[] {
    const out: Alert[] = []
    for (const a of this.alerts.values()) if (!a.held) out.push({ ...a })
    return out.sort((a, b) => b.openedAt - a.openedAt)
  }

  /** Every alert including held ones (what the alert log compacts to). */
  all(): Alert[] {
    return [...this.alerts.values()].map((a) => ({ ...a }))
  }

  private visible(id: string): Alert | undefined {
    const a = this.alerts.get(id)
    return a && !a.held ? a : undefined
  }

  /** Active (open or acknowledged) alerts of a station. */
  activeFor(stationId: string): Alert[] {
    // What list() would give, filtered, without copying and sorting every alert of the city: the
    // station list asks this for each of 1000 stations (with a few hundred open alerts, copying all
    // of them per station made GET /api/stations twice as slow).
    const out: Alert[] = []
    for (const a of this.alerts.values()) if (!a.held && a.stationId === stationId && a.state !== 'resolved') out.push({ ...a })
    return out.sort((a, b) => b.openedAt - a.openedAt)
  }

  /**
   * Restore from persisted alerts (any order; the latest snapshot per id wins). Rebuilds each
   * (station, rule) condition so a restart neither loses open alerts nor re-opens resolved ones:
   * observations at or before the last persisted observation time are ignored.
   */
  restore(alerts: Iterable<Alert>): void {
    for (const a of alerts) {
      const prev = this.alerts.get(a.id)
      if (!prev || a.updatedAt >= prev.updatedAt) this.alerts.set(a.id, withAlertDefaults({ ...a }))
    }
    for (const a of this.alerts.values()) {
      if (a.held && a.state !== 'resolved') this.hold(a)
      else delete a.held
      const c = this.condition(a.stationId, a.rule)
      if (a.observedAt > c.lastTs) {
        c.lastTs = a.observedAt
        c.suppressed = a.state === 'resolved' && a.resolved?.auto === false
      }
      if (a.state !== 'resolved') c.alertId = a.id
    }
  }
}

function worse(rule: Rule, v: number, peak: number): boolean {
  if (rule.comparison === 'below') return v < peak
  if (rule.comparison === 'outside')
    return Math.abs(v - (rule.limit + (rule.low ?? rule.limit)) / 2) > Math.abs(peak - (rule.limit + (rule.low ?? rule.limit)) / 2)
  return v > peak
}

function withNote(a: AlertAction, note: string | undefined): AlertAction {
  return note ? { ...a, note } : a
}

/** An observation's detail text (built now when it was deferred). */
export function observationDetail(obs: Pick<Observation, 'detail'>): string | undefined {
  return typeof obs.detail === 'function' ? obs.detail() : obs.detail
}

function message(rule: Rule, obs: Observation): string {
  const cmp = rule.comparison === 'below' ? '<' : rule.comparison === 'outside' ? 'outside' : '>'
  const lim = rule.comparison === 'outside' ? `${fmt(rule.low ?? -Infinity)}–${fmt(rule.limit)}` : fmt(rule.limit)
  const detail = observationDetail(obs)
  return `${rule.title.en} ${fmt(obs.value)} ${cmp} ${lim} (${rule.window}; ${rule.source})${detail ? `; ${detail}` : ''}`
}

/** Severity re-exported for rule authors. */
export type { Severity }
