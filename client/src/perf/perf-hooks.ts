/**
 * Stable performance hooks for the browser benchmark (bench/) and for anyone profiling:
 *
 * - `performance.mark('envmon:map-update', { detail: { stations } })` after each marker batch is
 *   restyled (at most 4×/s), `stations` = markers touched;
 * - `performance.mark('envmon:trend-drawn', { detail: { chart, points, drawn, ms } })` after a trend
 *   chart finished drawing: `points` = samples in the visible window, `drawn` = points after
 *   min/max decimation, `ms` = time spent drawing;
 * - `window.__envmon`: `{ version: 1, trendDrawn(cb) → unsubscribe, mapUpdated(cb) → unsubscribe,
 *   counts: { mapUpdates, trendDraws } }`, the same events as callbacks.
 *
 * Marks are cleared every 500 of a name so a wall display left on for weeks does not grow the
 * performance timeline; a PerformanceObserver sees every mark regardless.
 */

/** Detail of an `envmon:trend-drawn` mark. */
export interface TrendDrawn {
  /** `station` (live trend), `trends` (analysis chart) or `overview` (brush strip). */
  chart: string
  points: number
  drawn: number
  ms: number
}

/** Detail of an `envmon:map-update` mark. */
export interface MapUpdated {
  stations: number
}

/** The `window.__envmon` object. */
export interface EnvmonHooks {
  version: 1
  trendDrawn(cb: (d: TrendDrawn) => void): () => void
  mapUpdated(cb: (d: MapUpdated) => void): () => void
  counts: { mapUpdates: number; trendDraws: number }
}

const trendListeners = new Set<(d: TrendDrawn) => void>()
const mapListeners = new Set<(d: MapUpdated) => void>()
const counts = { mapUpdates: 0, trendDraws: 0 }
const CLEAR_EVERY = 500

const hooks: EnvmonHooks = {
  version: 1,
  trendDrawn: (cb) => (trendListeners.add(cb), () => void trendListeners.delete(cb)),
  mapUpdated: (cb) => (mapListeners.add(cb), () => void mapListeners.delete(cb)),
  counts,
}
if (typeof window !== 'undefined') (window as unknown as { __envmon: EnvmonHooks }).__envmon = hooks

function mark(name: string, n: number, detail: unknown): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return
  performance.mark(name, { detail })
  if (n % CLEAR_EVERY === 0) performance.clearMarks(name)
}

/** A marker batch was restyled. */
export function markMapUpdate(stations: number): void {
  counts.mapUpdates++
  const d: MapUpdated = { stations }
  mark('envmon:map-update', counts.mapUpdates, d)
  for (const cb of mapListeners) cb(d)
}

/** A trend chart finished drawing. */
export function markTrendDrawn(d: TrendDrawn): void {
  counts.trendDraws++
  mark('envmon:trend-drawn', counts.trendDraws, d)
  for (const cb of trendListeners) cb(d)
}
