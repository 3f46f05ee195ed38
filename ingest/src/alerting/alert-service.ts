/**
 * The alerting processor: feeds each station's accepted readings through the rule evaluator into
 * the alert book, watches liveness (stale / offline), persists every transition before announcing
 * it, and emits `transition` and `status` events for the live push, MQTT alerts topic and
 * notifications.
 *
 * Late data (issue 10): a reading or observation older than `lateAfterMs` when it is processed is
 * late. Alerts its observations open are held (alert-book.ts); at the end of the station's backlog
 * (its first reading on time, or `quietMs` without late data) the held alerts still going on are
 * announced live and a `backlog` event carries the summary for the late-data digest.
 */
import { EventEmitter } from 'node:events'
import type { Alert } from '../../../shared/src/domain/alert'
import type { Reading } from '../../../shared/src/domain/reading'
import type { Station } from '../../../shared/src/domain/station'
import { AlertBook, type ActionResult, type AlertTransition, type Observation } from '../../../shared/src/rules/alert-book'
import { Backlogs, type BacklogSummary } from '../../../shared/src/rules/backlog'
import type { RuleEvaluator } from '../../../shared/src/rules/evaluator'
import { Liveness, type LivenessOptions, type StatusChange } from '../../../shared/src/rules/liveness'
import type { AlertLog } from './alert-log'
import type { AlertQuery, AlertsView, StationStatusView } from '../../../shared/src/ports/alerts-view'

export type { AlertQuery } from '../../../shared/src/ports/alerts-view'

export interface AlertServiceEvents {
  transition: [t: AlertTransition]
  status: [c: StatusChange]
  /** A station's backlog of late data ended (after its transitions were announced). */
  backlog: [b: BacklogSummary]
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
  /** Data older than this when processed is late (`LATE_DATA_AFTER`); default: nothing is late. */
  lateAfterMs?: number
  /** A backlog ends after this long without late data from the station (`LATE_DATA_QUIET`); default 30 s. */
  quietMs?: number
}

export class AlertService extends EventEmitter<AlertServiceEvents> implements AlertsView {
  private readonly book: AlertBook
  readonly liveness: Liveness
  readonly stats = { observations: 0, transitions: 0, errors: 0, lateReadings: 0, backlogs: 0, historical: 0 }
  private readonly backlogs = new Backlogs()
  private readonly lateAfterMs: number
  private readonly quietMs: number

  constructor(private readonly opts: AlertServiceOptions) {
    super()
    this.lateAfterMs = opts.lateAfterMs ?? Infinity
    this.quietMs = opts.quietMs ?? 30_000
    this.book = new AlertBook(opts.newId)
    this.book.restore(opts.initial ?? opts.log.loaded)
    this.liveness = new Liveness(opts.liveness)
    // Held alerts restored after a restart mid-backlog: that backlog ends after the quiet period.
    const now = opts.now()
    for (const a of this.book.all()) if (a.held) this.backlogs.ensure(a.stationId, a.kind, now)
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
    let onTime = false
    for (const r of sorted) {
      if (now - r.ts > this.lateAfterMs) {
        this.stats.lateReadings++
        this.backlogs.late(station.id, station.kind, r.ts, now)
      } else onTime = true
    }
    this.apply(this.opts.evaluator.observe(station, sorted), now)
    // The station's data is on time again: whatever the backlog left going on is live now.
    if (onTime && this.backlogs.has(station.id)) this.endBacklog(station.id, now)
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
    for (const id of this.backlogs.quiet(now, this.quietMs)) this.endBacklog(id, now)
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
      const late = now - o.ts > this.lateAfterMs
      for (const t of this.book.observe(o, now, late)) this.announce(t)
      // A held alert is on disk too (not announced), so a restart mid-backlog still classifies it;
      // and its station has a backlog even when no late reading made one (an hour closed by the
      // clock long after its data), so the quiet period ends it.
      if (late) {
        for (const a of this.book.drainHeld()) {
          this.opts.log.append(a)
          this.backlogs.ensure(a.stationId, a.kind, now)
        }
      }
    }
  }

  private endBacklog(stationId: string, now: number): void {
    for (const t of this.book.release(stationId, now)) {
      this.backlogs.ongoing(t.alert, now)
      this.announce(t)
    }
    const b = this.backlogs.end(stationId)
    if (!b) return
    this.stats.backlogs++
    try {
      this.emit('backlog', b)
    } catch {
      this.stats.errors++
    }
  }

  private announce(t: AlertTransition): void {
    this.stats.transitions++
    if (t.type === 'recorded') {
      this.stats.historical++
      this.backlogs.recorded(t.alert, this.opts.now())
    }
    this.opts.log.append(t.alert)
    if (this.opts.log.needsCompaction) this.opts.log.compact(this.book.all())
    try {
      this.emit('transition', t)
    } catch {
      this.stats.errors++
    }
  }
}
