/**
 * A server node's read model of the cluster's alerts and station status (an AlertsView for the
 * HTTP API): built from the rules owners' retained snapshots (`alert/<id>`, `status/<station>`);
 * acknowledge and resolve are sent to the owner of the station's partition (`action/<p>`) and
 * answered from its reply, or with a 504 after `timeoutMs` (the request expires at the same
 * moment, so a late owner does not apply it), or a 503 while the broker is unreachable.
 */
import { randomUUID } from 'node:crypto'
import type { Alert } from '../../../shared/src/domain/alert'
import type { Station } from '../../../shared/src/domain/station'
import type { ActionResult } from '../../../shared/src/rules/alert-book'
import type { RuleEvaluator } from '../../../shared/src/rules/evaluator'
import type { Rule } from '../../../shared/src/rules/rule'
import type { AlertQuery, AlertsView, StationStatusView } from '../../../shared/src/ports/alerts-view'
import type { ActionReply, ActionRequest, AlertSnapshot, StatusSnapshot } from '../../../shared/src/protocol/cluster/messages'
import { partitionOf } from '../../../shared/src/protocol/cluster/partition'
import { HttpError } from '../http/errors'

/** How actions reach the owners, and for how long to wait. */
export interface RemoteAlertsOptions {
  /** Rule definitions for the API's limits (a local copy of the standards; rules do not run here). */
  evaluator: Pick<RuleEvaluator, 'rulesFor'>
  partitions: number
  /** Send an action to the owner of a partition; rejects when it cannot be sent. */
  send: (partition: number, req: ActionRequest) => Promise<void>
  /** Whether the broker connection is up (actions fail fast with 503 otherwise). */
  connected: () => boolean
  /** This node's reply topic. */
  replyTo: string
  timeoutMs: number
  now: () => number
}

interface Pending {
  resolve: (r: ActionResult) => void
  timer: NodeJS.Timeout
}

/**
 * The alerts read model of a server node.
 * @example
 * const alerts = new RemoteAlerts({ evaluator, partitions: 16, send, connected, replyTo, timeoutMs: 5000, now: Date.now })
 * apiRouter({ ...deps, alerts })
 */
export class RemoteAlerts implements AlertsView {
  readonly stats = { snapshots: 0, stale: 0, actions: 0, timeouts: 0 }
  private readonly alerts = new Map<string, Alert>()
  private readonly statuses = new Map<string, StationStatusView>()
  private readonly pending = new Map<string, Pending>()

  constructor(private readonly o: RemoteAlertsOptions) {}

  /** Apply an alert snapshot; returns false when it is older than what is held (redelivery, reordering). */
  applySnapshot(s: AlertSnapshot): boolean {
    const prev = this.alerts.get(s.alert.id)
    if (prev && prev.updatedAt > s.alert.updatedAt) {
      this.stats.stale++
      return false
    }
    this.stats.snapshots++
    this.alerts.set(s.alert.id, s.alert)
    return true
  }

  applyStatus(s: StatusSnapshot): void {
    this.statuses.set(s.stationId, { status: s.status, since: s.since })
  }

  /** A reply on this node's reply topic. */
  applyReply(r: ActionReply): void {
    const p = this.pending.get(r.id)
    if (!p) return
    this.pending.delete(r.id)
    clearTimeout(p.timer)
    if (r.ok) this.applySnapshot({ type: r.transition.type, alert: r.transition.alert })
    const { id: _id, ...result } = r
    p.resolve(result as ActionResult)
  }

  forgetStation(stationId: string): void {
    this.statuses.delete(stationId)
  }

  statusOf(stationId: string): StationStatusView | undefined {
    return this.statuses.get(stationId)
  }

  get(id: string): Alert | undefined {
    const a = this.alerts.get(id)
    return a && { ...a }
  }

  list(q: AlertQuery = {}): Alert[] {
    const status = q.status ?? 'all'
    const out: Alert[] = []
    for (const a of this.alerts.values()) {
      if (status !== 'all' && a.state !== status) continue
      if (q.stationId && a.stationId !== q.stationId) continue
      out.push({ ...a })
    }
    out.sort((a, b) => b.openedAt - a.openedAt)
    return q.limit ? out.slice(0, q.limit) : out
  }

  activeFor(stationId: string): Alert[] {
    return this.list({ stationId }).filter((a) => a.state !== 'resolved')
  }

  rulesFor(station: Station): Rule[] {
    return this.o.evaluator.rulesFor(station)
  }

  acknowledge(id: string, by: string, note?: string): Promise<ActionResult> {
    return this.act('ack', id, by, note)
  }

  resolve(id: string, by: string, note?: string): Promise<ActionResult> {
    return this.act('resolve', id, by, note)
  }

  /** Fail what is waiting (shutdown). */
  close(): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer)
      p.resolve({ ok: false, code: 'not-found', message: 'server shutting down' })
      this.pending.delete(id)
    }
  }

  private async act(action: 'ack' | 'resolve', alertId: string, by: string, note?: string): Promise<ActionResult> {
    const a = this.alerts.get(alertId)
    if (!a) return { ok: false, code: 'not-found', message: `no alert ${alertId}` }
    // Known outcomes are answered here; the owner checks again (it may know a newer state).
    if (a.state === 'resolved') return { ok: false, code: 'already-resolved', message: `alert ${alertId} is already resolved` }
    if (!this.o.connected())
      throw new HttpError(503, 'unavailable', 'the message broker is not reachable from this server; try again shortly')
    const p = partitionOf(a.stationId, this.o.partitions)
    const req: ActionRequest = {
      id: randomUUID(),
      action,
      alertId,
      stationId: a.stationId,
      by,
      expiresAt: this.o.now() + this.o.timeoutMs,
      replyTo: this.o.replyTo,
    }
    if (note !== undefined) req.note = note
    this.stats.actions++
    const result = new Promise<ActionResult | 'timeout'>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(req.id)
        this.stats.timeouts++
        resolve('timeout')
      }, this.o.timeoutMs)
      this.pending.set(req.id, { resolve, timer })
    })
    try {
      await this.o.send(p, req)
    } catch (e) {
      const w = this.pending.get(req.id)
      if (w) clearTimeout(w.timer)
      this.pending.delete(req.id)
      throw new HttpError(503, 'unavailable', `could not send the ${action} to the rules node: ${(e as Error).message}`)
    }
    const r = await result
    if (r === 'timeout') {
      throw new HttpError(
        504,
        'owner-timeout',
        `the rules node owning station ${a.stationId} (partition ${p}) did not answer within ${this.o.timeoutMs} ms; the ${action === 'ack' ? 'acknowledgement' : 'resolution'} expired unapplied unless the alert shows it — reload and try again`,
      )
    }
    return r
  }
}
