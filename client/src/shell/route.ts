/**
 * Hash routes: `#/map`, `#/map/<stationId>` (map with a station's panel open), `#/alerts`,
 * `#/station/<stationId>`. Anything else falls back to the map.
 */
import { useSyncExternalStore } from 'react'

/** A parsed route. */
export type Route = { view: 'map'; stationId?: string } | { view: 'alerts' } | { view: 'station'; stationId: string }

/**
 * Parse a location hash.
 * @example parseRoute('#/station/air-001') // { view: 'station', stationId: 'air-001' }
 */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(safeDecode)
  const [head, id] = parts
  if (head === 'alerts') return { view: 'alerts' }
  if (head === 'station' && id) return { view: 'station', stationId: id }
  if (head === 'map' && id) return { view: 'map', stationId: id }
  return { view: 'map' }
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
      return '#/alerts'
    case 'station':
      return `#/station/${encodeURIComponent(r.stationId)}`
    case 'map':
      return r.stationId ? `#/map/${encodeURIComponent(r.stationId)}` : '#/map'
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
