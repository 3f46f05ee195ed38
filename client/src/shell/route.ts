/**
 * Hash routes: `#/map`, `#/map/<stationId>` (map with a station's panel open), `#/alerts`,
 * `#/alerts/<alertId>` (one alert with its notification deliveries; the link the notifier sends),
 * `#/station/<stationId>`, `#/trends`, `#/trends/bad-days[/<YYYY-MM>]`, `#/targets`,
 * `#/reports[/<reportId>]`, `#/admin[/<section>]`, `#/review` (the data review queue, issue 13). Anything else falls back to the map.
 */
import { useSyncExternalStore } from 'react'

/** Sections of the admin view. */
export const ADMIN_SECTIONS = ['stations', 'rules', 'users', 'notify', 'deadletters', 'audit', 'completeness', 'hj212'] as const
/** One admin section. */
export type AdminSection = (typeof ADMIN_SECTIONS)[number]

/** A parsed route. */
export type Route =
  | { view: 'map'; stationId?: string }
  | { view: 'alerts'; alertId?: string }
  | { view: 'station'; stationId: string }
  | { view: 'trends' }
  | { view: 'bad-days'; month?: string }
  | { view: 'targets' }
  | { view: 'reports'; reportId?: string }
  | { view: 'admin'; section: AdminSection }
  | { view: 'review' }

/**
 * Parse a location hash.
 * @example parseRoute('#/station/air-001') // { view: 'station', stationId: 'air-001' }
 */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(safeDecode)
  const [head, id] = parts
  switch (head) {
    case 'alerts':
      return id ? { view: 'alerts', alertId: id } : { view: 'alerts' }
    case 'station':
      return id ? { view: 'station', stationId: id } : { view: 'map' }
    case 'map':
      return id ? { view: 'map', stationId: id } : { view: 'map' }
    case 'trends':
      if (id !== 'bad-days') return { view: 'trends' }
      return parts[2] && /^\d{4}-\d{2}$/.test(parts[2]) ? { view: 'bad-days', month: parts[2] } : { view: 'bad-days' }
    case 'targets':
      return { view: 'targets' }
    case 'reports':
      return id ? { view: 'reports', reportId: id } : { view: 'reports' }
    case 'review':
      return { view: 'review' }
    case 'admin':
      return { view: 'admin', section: (ADMIN_SECTIONS as readonly string[]).includes(id ?? '') ? (id as AdminSection) : 'stations' }
    default:
      return { view: 'map' }
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/**
 * The hash of a route.
 * @example routeHref({ view: 'map', stationId: 'a b' }) === '#/map/a%20b'
 */
export function routeHref(r: Route): string {
  switch (r.view) {
    case 'alerts':
      return r.alertId ? `#/alerts/${encodeURIComponent(r.alertId)}` : '#/alerts'
    case 'station':
      return `#/station/${encodeURIComponent(r.stationId)}`
    case 'map':
      return r.stationId ? `#/map/${encodeURIComponent(r.stationId)}` : '#/map'
    case 'trends':
      return '#/trends'
    case 'bad-days':
      return r.month ? `#/trends/bad-days/${r.month}` : '#/trends/bad-days'
    case 'targets':
      return '#/targets'
    case 'reports':
      return r.reportId ? `#/reports/${encodeURIComponent(r.reportId)}` : '#/reports'
    case 'review':
      return '#/review'
    case 'admin':
      return `#/admin/${r.section}`
  }
}

/** Navigate to a route. */
export function navigate(r: Route): void {
  window.location.hash = routeHref(r)
}

const subscribeHash = (cb: () => void) => {
  window.addEventListener('hashchange', cb)
  return () => window.removeEventListener('hashchange', cb)
}

/** The current route, re-rendering on hash changes. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash)
  return parseRoute(hash)
}
