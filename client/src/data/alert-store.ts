/**
 * Alerts by id, merged from the initial load (GET /api/alerts?status=active) and the socket
 * `alert` events. A stale event (older `updatedAt`) never overwrites a newer one. Listeners are
 * notified at most once per frame.
 */
import type { AlertEvent, Severity } from '../../../shared/src/domain/alert'
import { frameCoalescer, type FrameScheduler } from './frame'

/** What the map needs to know of a station's active alerts. */
export interface AlertSummary {
  /** Active (open or acknowledged) alerts. */
  count: number
  /** Worst severity among them. */
  worst: Severity
  /** How many are still open (not acknowledged). */
  open: number
}

const SEV_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 }
const STATE_RANK: Record<AlertEvent['state'], number> = { open: 0, acknowledged: 1, resolved: 2 }

/** Whether `next` should replace `prev` (newer update, or same time but further along its lifecycle). */
export function isNewer(prev: AlertEvent, next: AlertEvent): boolean {
  const a = Date.parse(prev.updatedAt)
  const b = Date.parse(next.updatedAt)
  if (b !== a) return b > a
  return STATE_RANK[next.state] >= STATE_RANK[prev.state]
}

/** Per-station summary of the active alerts in `alerts`. */
export function summarizeAlerts(alerts: Iterable<AlertEvent>): Map<string, AlertSummary> {
  const out = new Map<string, AlertSummary>()
  for (const a of alerts) {
    if (a.state === 'resolved') continue
    const s = out.get(a.stationId)
    if (!s) out.set(a.stationId, { count: 1, worst: a.severity, open: a.state === 'open' ? 1 : 0 })
    else {
      s.count++
      if (a.state === 'open') s.open++
      if (SEV_RANK[a.severity] > SEV_RANK[s.worst]) s.worst = a.severity
    }
  }
  return out
}

/** Severity order for sorting: critical first. */
export function severityRank(s: Severity): number {
  return SEV_RANK[s]
}

/** Resolved alerts kept for the list (the newest); older ones are history, fetched on demand. */
export const MAX_RESOLVED = 2000

/** The alert store. */
export class AlertStore {
  private readonly byId = new Map<string, AlertEvent>()
  private readonly listeners = new Set<() => void>()
  private version = 0
  private cachedList: readonly AlertEvent[] = []
  private cachedVersion = -1
  private summaries = new Map<string, AlertSummary>()
  private readonly notify: () => void
  /** Whether the initial load has completed. */
  loaded = false

  constructor(schedule: FrameScheduler) {
    this.notify = frameCoalescer(schedule, () => {
      this.pruneResolved()
      this.summaries = summarizeAlerts(this.byId.values())
      this.version++
      for (const l of this.listeners) l()
    })
  }

  /** Merge alerts (socket event or API answer); older updates are ignored. */
  merge(events: readonly AlertEvent[]): void {
    let changed = false
    for (const e of events) {
      const prev = this.byId.get(e.id)
      if (prev && !isNewer(prev, e)) continue
      // Socket events carry no review annotation (issue 13): keep the one the API gave.
      this.byId.set(e.id, e.review === undefined && prev?.review ? { ...e, review: prev.review } : e)
      changed = true
    }
    if (changed) this.notify()
  }

  /** Take the review annotations of an API answer (issue 13: "data invalidated by review", or no longer). */
  annotate(events: readonly AlertEvent[]): void {
    let changed = false
    for (const e of events) {
      const prev = this.byId.get(e.id)
      if (!prev || prev.review?.markId === e.review?.markId) continue
      const { review: _old, ...rest } = prev
      this.byId.set(e.id, e.review ? { ...rest, review: e.review } : rest)
      changed = true
    }
    if (changed) this.notify()
  }

  /**
   * Replace the active set with a fresh GET /api/alerts?status=active answer (initial load, or
   * after a reconnect): active alerts missing from it were resolved while we were not listening.
   */
  resetActive(active: readonly AlertEvent[]): void {
    const ids = new Set(active.map((a) => a.id))
    for (const [id, a] of this.byId) if (a.state !== 'resolved' && !ids.has(id)) this.byId.delete(id)
    this.loaded = true
    this.merge(active)
    this.notify()
  }

  get(id: string): AlertEvent | undefined {
    return this.byId.get(id)
  }

  /** All alerts held (a stable array until the next change). */
  list(): readonly AlertEvent[] {
    if (this.cachedVersion !== this.version) {
      this.cachedList = [...this.byId.values()]
      this.cachedVersion = this.version
    }
    return this.cachedList
  }

  /** Active alerts of one station. */
  activeFor(stationId: string): AlertEvent[] {
    return this.list().filter((a) => a.stationId === stationId && a.state !== 'resolved')
  }

  /** Summary of active alerts per station (recomputed once per frame with changes). */
  summaryMap(): ReadonlyMap<string, AlertSummary> {
    return this.summaries
  }

  /** A number that changes whenever the alerts change (useSyncExternalStore snapshot). */
  getVersion = (): number => this.version

  /** Drop the oldest resolved alerts beyond {@link MAX_RESOLVED}, so a screen left open for weeks keeps flat memory. */
  private pruneResolved(): void {
    let resolved = 0
    for (const a of this.byId.values()) if (a.state === 'resolved') resolved++
    if (resolved <= MAX_RESOLVED) return
    const old = [...this.byId.values()].filter((a) => a.state === 'resolved').sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt))
    for (const a of old.slice(0, resolved - MAX_RESOLVED)) this.byId.delete(a.id)
  }

  /** Subscribe to changes, called at most once per frame. */
  subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }
}
