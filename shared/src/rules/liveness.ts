/**
 * Stale / offline detection from each station's expected reporting interval (pure).
 *
 * A station is `online` while data keeps arriving within `staleAfter` × its interval,
 * `stale` after that, and `offline` after `offlineAfter` × its interval of silence, or at once when
 * it announces `offline` on its status topic (its MQTT will). Arrival time is used, not data time,
 * so backfilled history does not make a silent station look alive.
 */
import type { Station, StationKind, StationStatus } from '../domain/station'
import type { Observation } from './alert-book'
import type { Rule } from './rule'

export interface LivenessOptions {
  /** Intervals of silence before `stale` (default 3). */
  staleAfter: number
  /** Intervals of silence before `offline` and its alert (default 10). */
  offlineAfter: number
}

export const DEFAULT_LIVENESS: LivenessOptions = { staleAfter: 3, offlineAfter: 10 }

export interface StatusChange {
  stationId: string
  status: StationStatus
  /** Epoch ms since when the station has had this status. */
  since: number
}

interface Entry {
  station: Pick<Station, 'id' | 'kind' | 'intervalSec'>
  lastSeen: number
  announcedOffline: boolean
  status: StationStatus
  since: number
}

/** The offline rule for a station: silence (minutes) above `offlineAfter` × interval. */
export function offlineRule(kind: StationKind, intervalSec: number, opts: LivenessOptions = DEFAULT_LIVENESS): Rule {
  const limit = (intervalSec * opts.offlineAfter) / 60
  return {
    id: 'station.offline',
    kind,
    metric: 'silence',
    window: 'instant',
    comparison: 'above',
    limit,
    clear: (intervalSec * opts.staleAfter) / 60,
    severity: 'warning',
    source: `no data for ${opts.offlineAfter} × the ${intervalSec} s reporting interval`,
    title: { zh: '站点离线', en: 'Station offline (minutes without data)' },
  }
}

export class Liveness {
  private readonly entries = new Map<string, Entry>()
  private readonly rules = new Map<string, Rule>()

  constructor(private readonly opts: LivenessOptions = DEFAULT_LIVENESS) {}

  /** Register or update a station; `lastSeen` is when data last arrived (e.g. from the store), or undefined. */
  track(station: Pick<Station, 'id' | 'kind' | 'intervalSec'>, lastSeen: number | undefined, now: number): void {
    const prev = this.entries.get(station.id)
    const seen = Math.max(prev?.lastSeen ?? -Infinity, lastSeen ?? -Infinity)
    const e: Entry = prev ?? { station, lastSeen: seen, announcedOffline: false, status: 'offline', since: now }
    e.station = station
    e.lastSeen = seen
    if (!prev) {
      e.status = this.compute(e, now)
      e.since = e.status === 'online' || !Number.isFinite(seen) ? now : Math.min(now, seen)
    }
    this.entries.set(station.id, e)
    this.rules.set(station.id, offlineRule(station.kind, station.intervalSec, this.opts))
  }

  untrack(stationId: string): void {
    this.entries.delete(stationId)
    this.rules.delete(stationId)
  }

  /** Data arrived from a station. Returns a change if it came back. */
  seen(stationId: string, now: number): StatusChange | undefined {
    const e = this.entries.get(stationId)
    if (!e) return undefined
    e.lastSeen = now
    e.announcedOffline = false
    return this.update(e, now)
  }

  /** The station announced its status (status topic, retained, or its will). */
  announced(stationId: string, status: 'online' | 'offline', now: number): StatusChange | undefined {
    const e = this.entries.get(stationId)
    if (!e) return undefined
    e.announcedOffline = status === 'offline'
    if (status === 'online' && !Number.isFinite(e.lastSeen)) e.lastSeen = now
    return this.update(e, now)
  }

  /** Re-evaluate every station: status changes, plus one offline-rule observation per station. */
  tick(now: number): { changes: StatusChange[]; observations: Observation[] } {
    const changes: StatusChange[] = []
    const observations: Observation[] = []
    for (const e of this.entries.values()) {
      const c = this.update(e, now)
      if (c) changes.push(c)
      if (Number.isFinite(e.lastSeen)) {
        observations.push({
          stationId: e.station.id,
          kind: e.station.kind,
          rule: this.rules.get(e.station.id)!,
          value: Math.max(0, (now - e.lastSeen) / 60_000),
          ts: now,
        })
      }
    }
    return { changes, observations }
  }

  status(stationId: string): { status: StationStatus; since: number; lastSeen?: number } | undefined {
    const e = this.entries.get(stationId)
    if (!e) return undefined
    return Number.isFinite(e.lastSeen) ? { status: e.status, since: e.since, lastSeen: e.lastSeen } : { status: e.status, since: e.since }
  }

  private compute(e: Entry, now: number): StationStatus {
    if (e.announcedOffline || !Number.isFinite(e.lastSeen)) return 'offline'
    const silence = now - e.lastSeen
    const interval = e.station.intervalSec * 1000
    if (silence > interval * this.opts.offlineAfter) return 'offline'
    if (silence > interval * this.opts.staleAfter) return 'stale'
    return 'online'
  }

  private update(e: Entry, now: number): StatusChange | undefined {
    const s = this.compute(e, now)
    if (s === e.status) return undefined
    e.status = s
    e.since = now
    return { stationId: e.station.id, status: s, since: now }
  }
}
