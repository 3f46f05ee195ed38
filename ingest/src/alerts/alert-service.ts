/**
 * The alerting processor: feeds each station's accepted readings through the rule evaluator into
 * the alert book, watches liveness (stale / offline), persists every transition before announcing
 * it, and emits `transition` and `status` events for the live push, MQTT alerts topic and
 * notifications.
 */
import { EventEmitter } from 'node:events'
import type { Alert } from '../../../shared/src/domain/alert'
import type { Reading } from '../../../shared/src/domain/reading'
import type { Station } from '../../../shared/src/domain/station'
import { AlertBook, type ActionResult, type AlertTransition, type Observation } from '../../../shared/src/rules/alert-book'
import type { RuleEvaluator } from '../../../shared/src/rules/evaluator'
import { Liveness, type LivenessOptions, type StatusChange } from '../../../shared/src/rules/liveness'
import type { AlertLog } from './alert-log'
import type { AlertQuery, AlertsView, StationStatusView } from './alerts-view'

export type { AlertQuery } from './alerts-view'

export interface AlertServiceEvents {
  transition: [t: AlertTransition]
  status: [c: StatusChange]
}

export interface AlertServiceOptions {
  evaluator: RuleEvaluator
  log: AlertLog
  now: () => number
  newId: () => string
  liveness?: LivenessOptions
  /**
   * Alerts to restore at start (default: the log's). A cluster's rules owner passes its log's
   * alerts plus the broker's retained snapshots, both limited to the stations it owns.
   */
  initial?: Iterable<Alert>
}

export class AlertService extends EventEmitter<AlertServiceEvents> implements AlertsView {
  private readonly book: AlertBook
  readonly liveness: Liveness
  readonly stats = { observations: 0, transitions: 0, errors: 0 }

  constructor(private readonly opts: AlertServiceOptions) {
    super()
    this.book = new AlertBook(opts.newId)
    this.book.restore(opts.initial ?? opts.log.loaded)
    this.liveness = new Liveness(opts.liveness)
  }

  /** Register stations with the liveness tracker (`lastSeen` from the store at start-up). */
  track(station: Station, lastSeen?: number): void {
    this.liveness.track(station, lastSeen, this.opts.now())
  }

  untrack(stationId: string): void {
    this.liveness.untrack(stationId)
  }

  onReadings(station: Station, readings: readonly Reading[]): void {
    const now = this.opts.now()
    const change = this.liveness.seen(station.id, now)
    if (change) this.emit('status', change)
    const sorted = readings.length > 1 ? [...readings].sort((a, b) => a.ts - b.ts) : readings
    this.apply(this.opts.evaluator.observe(station, sorted), now)
  }

  onAnnounced(station: Station, status: 'online' | 'offline'): void {
    const change = this.liveness.announced(station.id, status, this.opts.now())
    if (change) this.emit('status', change)
  }

  /** Periodic: status changes and offline-rule observations. */
  tick(): void {
    const now = this.opts.now()
    const { changes, observations } = this.liveness.tick(now)
    for (const c of changes) this.emit('status', c)
    this.apply(observations, now)
  }

  /**
   * Apply observations made outside the reading path: the standards evaluator's hours closed by the
   * clock (StandardsEvaluator.closeDue), dated by the hours' ends.
   */
  observe(observations: Observation[]): void {
    this.apply(observations, this.opts.now())
  }

  acknowledge(id: string, by: string, note?: string): ActionResult {
    return this.act(this.book.acknowledge(id, by, note, this.opts.now()))
  }

  resolve(id: string, by: string, note?: string): ActionResult {
    return this.act(this.book.resolve(id, by, note, this.opts.now()))
  }

  statusOf(stationId: string): StationStatusView | undefined {
    return this.liveness.status(stationId)
  }

  get(id: string): Alert | undefined {
    return this.book.get(id)
  }

  list(q: AlertQuery = {}): Alert[] {
    const status = q.status ?? 'all'
    let out = this.book.list()
    if (status !== 'all') out = out.filter((a) => a.state === status)
    if (q.stationId) out = out.filter((a) => a.stationId === q.stationId)
    return q.limit ? out.slice(0, q.limit) : out
  }

  activeFor(stationId: string): Alert[] {
    return this.book.activeFor(stationId)
  }

  rulesFor(station: Station) {
    return this.opts.evaluator.rulesFor(station)
  }

  private act(r: ActionResult): ActionResult {
    if (r.ok) this.announce(r.transition)
    return r
  }

  private apply(observations: Observation[], now: number): void {
    for (const o of observations) {
      this.stats.observations++
      for (const t of this.book.observe(o, now)) this.announce(t)
    }
  }

  private announce(t: AlertTransition): void {
    this.stats.transitions++
    this.opts.log.append(t.alert)
    if (this.opts.log.needsCompaction) this.opts.log.compact(this.book.list())
    try {
      this.emit('transition', t)
    } catch {
      this.stats.errors++
    }
  }
}
