/**
 * Which stations the map shows: by kind, by liveness status, and optionally only those with
 * active alerts. Pure, shared by the map markers, the station search and the counts.
 */
import { STATION_KINDS, type StationKind, type StationStatus } from '../../../shared/src/domain/station'

/** Liveness statuses, in display order. */
export const STATUSES: readonly StationStatus[] = ['online', 'stale', 'offline']

/** The map filter. */
export interface MapFilter {
  kinds: ReadonlySet<StationKind>
  statuses: ReadonlySet<StationStatus>
  alertingOnly: boolean
}

/** Everything shown. */
export const ALL_STATIONS: MapFilter = { kinds: new Set(STATION_KINDS), statuses: new Set(STATUSES), alertingOnly: false }

/**
 * Whether a station passes the filter.
 * @example matchesFilter({ kind: 'air', status: 'online', activeAlerts: 0 }, ALL_STATIONS) === true
 */
export function matchesFilter(s: { kind: StationKind; status: StationStatus; activeAlerts: number }, f: MapFilter): boolean {
  return f.kinds.has(s.kind) && f.statuses.has(s.status) && (!f.alertingOnly || s.activeAlerts > 0)
}

/** A copy of `set` with `item` toggled. */
export function toggled<T>(set: ReadonlySet<T>, item: T): Set<T> {
  const next = new Set(set)
  if (next.has(item)) next.delete(item)
  else next.add(item)
  return next
}

/**
 * Stations matching a search text (name zh/en, id, town zh/en; case-insensitive), best first:
 * prefix matches of a name before substring matches, then by id.
 */
export function searchStations<S extends { id: string; nameZh: string; nameEn: string; town: string; townEn?: string }>(
  stations: readonly S[],
  text: string,
): S[] {
  const q = text.trim().toLowerCase()
  if (!q) return [...stations].sort((a, b) => a.id.localeCompare(b.id))
  const scored: [number, S][] = []
  for (const s of stations) {
    const names = [s.nameZh, s.nameEn.toLowerCase()]
    const hay = [s.id.toLowerCase(), s.town, (s.townEn ?? '').toLowerCase()]
    const score = names.some((n) => n.startsWith(q)) ? 0 : names.some((n) => n.includes(q)) ? 1 : hay.some((h) => h.includes(q)) ? 2 : -1
    if (score >= 0) scored.push([score, s])
  }
  return scored.sort((a, b) => a[0] - b[0] || a[1].id.localeCompare(b[1].id)).map((x) => x[1])
}
