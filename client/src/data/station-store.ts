/**
 * Stations by id, kept live from the `readings` (or `reading`) and `station-status` socket events. Events mutate
 * the station in place (no per-reading allocation beyond the values) and mark it dirty; listeners
 * hear about the dirty set once per animation frame, so 1000+ stations reporting every second cost
 * one notification per frame, never one React render per reading.
 *
 * Three ways to listen, from cheapest to broadest:
 * - `subscribeChanges(cb(dirtyIds))`: imperative layers (map markers) update only what changed;
 * - `subscribeStation(id, cb)` + `getRev(id)`: one station's panel or tooltip;
 * - `subscribeList(cb)` + `getListVersion()`: lists and filters, which only care when stations
 *   appear, change status or change alerts, not on every reading.
 */
import type { ReadingEvent, StationStatusEvent } from '../../../shared/src/protocol/events'
import type { AlertSummary } from './alert-store'
import type { StationView } from './api-types'
import { frameCoalescer, type FrameScheduler } from './frame'

type Listener = () => void

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/

/**
 * Whether ISO time `a` is strictly earlier than `b`. Two `toISOString()` strings of the same shape
 * compare as text (no parsing on the per-reading path); anything else is parsed.
 */
export function isoBefore(a: string, b: string): boolean {
  if (a.length === b.length && ISO_UTC.test(a) && ISO_UTC.test(b)) return a < b
  return Date.parse(a) < Date.parse(b)
}

/** The station store. */
export class StationStore {
  private readonly byId = new Map<string, StationView>()
  private readonly revs = new Map<string, number>()
  private alertSummaries: ReadonlyMap<string, AlertSummary> = new Map()
  private dirty = new Set<string>()
  private listDirty = false
  private readonly changeListeners = new Set<(dirty: ReadonlySet<string>) => void>()
  private readonly listListeners = new Set<Listener>()
  private readonly stationListeners = new Map<string, Set<Listener>>()
  private readonly taps = new Map<string, Set<(e: ReadingEvent) => void>>()
  private listVersion = 0
  private cachedAll: readonly StationView[] = []
  private cachedAllVersion = -1
  private readonly notify: () => void
  /** Called (at most once per frame) when a reading names a station the registry did not list. */
  onUnknownStation?: (id: string) => void
  /** Whether the registry has been loaded. */
  loaded = false

  constructor(schedule: FrameScheduler) {
    this.notify = frameCoalescer(schedule, () => this.flush())
  }

  /** Replace the registry with a GET /api/stations answer (initial load or resync). */
  load(stations: readonly StationView[]): void {
    const ids = new Set<string>()
    for (const s of stations) {
      ids.add(s.id)
      this.byId.set(s.id, { ...s })
      this.touch(s.id)
    }
    for (const id of [...this.byId.keys()]) {
      if (ids.has(id)) continue
      this.byId.delete(id)
      this.touch(id)
    }
    this.loaded = true
    this.listDirty = true
    this.notify()
  }

  /** Apply a socket `reading`: newest value per metric wins; AQI replaced when sent. */
  applyReading(e: ReadingEvent): void {
    this.apply(e)
    this.notify()
  }

  /**
   * Apply a socket `readings` batch (issue 16): each reading as {@link applyReading}, then one
   * notification, so the listeners hear the whole batch as one dirty set in the next frame.
   */
  applyReadings(es: readonly ReadingEvent[]): void {
    for (let i = 0; i < es.length; i++) this.apply(es[i]!)
    this.notify()
  }

  private apply(e: ReadingEvent): void {
    const s = this.byId.get(e.stationId)
    if (!s) {
      this.onUnknownStation?.(e.stationId)
      return
    }
    const latest = (s.latest ??= { ts: e.ts, values: {} })
    // `latest.ts` is the newest of the metrics' times: a reading not older than it is newer than
    // each of them, so the usual case (the newest reading) compares times once, not per metric.
    const newest = !isoBefore(e.ts, latest.ts)
    for (const m in e.values) {
      const prev = latest.values[m]
      const value = e.values[m]!
      const flag = e.flags?.[m] ?? 'N'
      if (!prev) latest.values[m] = { value, ts: e.ts, flag }
      else if (newest || !isoBefore(e.ts, prev.ts)) {
        // In place: one object per (station, metric), not one per reading (views read it at render).
        prev.value = value
        prev.ts = e.ts
        prev.flag = flag
      }
    }
    if (newest) latest.ts = e.ts
    if (e.aqi) s.aqi = e.aqi
    this.touch(s.id)
    const taps = this.taps.get(s.id)
    if (taps) for (const cb of taps) cb(e)
  }

  /** Apply a socket `station-status`. */
  applyStatus(e: StationStatusEvent): void {
    const s = this.byId.get(e.stationId)
    if (!s || (s.status === e.status && s.statusSince === e.since)) return
    s.status = e.status
    s.statusSince = e.since
    this.touch(s.id)
    this.listDirty = true
    this.notify()
  }

  /** Take the per-station alert summaries (from the alert store); marks changed stations dirty. */
  setAlertSummaries(next: ReadonlyMap<string, AlertSummary>): void {
    const prev = this.alertSummaries
    this.alertSummaries = next
    const same = (a?: AlertSummary, b?: AlertSummary) => a === b || (!!a && !!b && a.count === b.count && a.worst === b.worst && a.open === b.open)
    for (const id of new Set([...prev.keys(), ...next.keys()])) {
      if (same(prev.get(id), next.get(id))) continue
      const s = this.byId.get(id)
      if (s) s.activeAlerts = next.get(id)?.count ?? 0
      this.touch(id)
      this.listDirty = true
    }
    this.notify()
  }

  get(id: string): StationView | undefined {
    return this.byId.get(id)
  }

  /** Active-alert summary of a station, if it has any. */
  alertSummary(id: string): AlertSummary | undefined {
    return this.alertSummaries.get(id)
  }

  /** All stations (a stable array until the list version changes). */
  all(): readonly StationView[] {
    if (this.cachedAllVersion !== this.listVersion) {
      this.cachedAll = [...this.byId.values()]
      this.cachedAllVersion = this.listVersion
    }
    return this.cachedAll
  }

  get size(): number {
    return this.byId.size
  }

  /** Revision of one station: changes whenever that station changes. */
  getRev = (id: string): number => this.revs.get(id) ?? 0

  /** Version of the list: changes when stations appear or go, or change status or alerts. */
  getListVersion = (): number => this.listVersion

  /** Per frame, the ids of the stations that changed. */
  subscribeChanges(cb: (dirty: ReadonlySet<string>) => void): () => void {
    this.changeListeners.add(cb)
    return () => this.changeListeners.delete(cb)
  }

  /** Changes of one station, at most once per frame. */
  subscribeStation(id: string, cb: Listener): () => void {
    let set = this.stationListeners.get(id)
    if (!set) this.stationListeners.set(id, (set = new Set()))
    set.add(cb)
    return () => {
      set.delete(cb)
      if (set.size === 0) this.stationListeners.delete(id)
    }
  }

  /** List-level changes (see the class comment). */
  subscribeList = (cb: Listener): (() => void) => {
    this.listListeners.add(cb)
    return () => this.listListeners.delete(cb)
  }

  /** Every reading of one station, synchronously (charts append to their buffers). */
  tapReadings(id: string, cb: (e: ReadingEvent) => void): () => void {
    let set = this.taps.get(id)
    if (!set) this.taps.set(id, (set = new Set()))
    set.add(cb)
    return () => {
      set.delete(cb)
      if (set.size === 0) this.taps.delete(id)
    }
  }

  private touch(id: string): void {
    this.revs.set(id, (this.revs.get(id) ?? 0) + 1)
    this.dirty.add(id)
  }

  private flush(): void {
    const dirty = this.dirty
    if (dirty.size === 0 && !this.listDirty) return
    this.dirty = new Set()
    if (this.listDirty) {
      this.listDirty = false
      this.listVersion++
      for (const l of this.listListeners) l()
    }
    for (const l of this.changeListeners) l(dirty)
    for (const id of dirty) {
      const set = this.stationListeners.get(id)
      if (set) for (const l of set) l()
    }
  }
}
