/**
 * The composition root of the data layer: one station store, one alert store, one socket, wired
 * together. Components read these through the hooks in hooks.ts.
 */
import { api } from './api'
import { AlertStore } from './alert-store'
import { animationFrame } from './frame'
import { LiveSocket } from './live-socket'
import { reportError } from './notices'
import { StationStore } from './station-store'
import { applyTargetsPush } from './targets-store'

/** Live stations. */
export const stationStore = new StationStore(animationFrame)
/** Live alerts. */
export const alertStore = new AlertStore(animationFrame)
/** The socket and its connection state. */
export const liveSocket = new LiveSocket(stationStore, alertStore)

alertStore.subscribe(() => {
  stationStore.setAlertSummaries(alertStore.summaryMap())
  // An alert of a station registered since the load names it: fetch the registry for its name.
  const unknown = stationStore.loaded ? alertStore.list().find((a) => a.state !== 'resolved' && !stationStore.get(a.stationId)) : undefined
  if (unknown) stationStore.onUnknownStation?.(unknown.stationId)
})

let registryReload: Promise<void> | undefined

/** (Re)load the station registry; concurrent calls share one request. */
export function reloadStations(): Promise<void> {
  registryReload ??= api
    .stations()
    .then((r) => stationStore.load(r.stations))
    .catch((e: unknown) => reportError(e, 'GET /api/stations'))
    .finally(() => (registryReload = undefined))
  return registryReload
}

/** (Re)load the active alerts. */
export function reloadActiveAlerts(): Promise<void> {
  return api
    .alerts('active')
    .then((r) => alertStore.resetActive(r.alerts))
    .catch((e: unknown) => reportError(e, 'GET /api/alerts'))
}

let unknownReloadAt = 0
let recheckSession: (() => Promise<boolean>) | undefined

/**
 * How to ask whether the session is still alive when the socket is refused or closed by the server
 * (the session store: false, after showing the login screen, when it ended).
 */
export function setSessionRecheck(cb: () => Promise<boolean>): void {
  recheckSession = cb
}

let started = false

/**
 * Start the live data: initial loads, then the socket; resync after every reconnect. Calling it
 * again (after logging in anew) reloads and reconnects.
 */
export function startLive(): void {
  if (started) {
    void reloadStations()
    void reloadActiveAlerts()
    liveSocket.reconnect()
    return
  }
  started = true
  void reloadStations()
  void reloadActiveAlerts()
  liveSocket.onTargets = (body) => applyTargetsPush(body)
  liveSocket.onUnauthorized = () => void recheckSession?.()
  liveSocket.onServerDisconnect = () => {
    // Reconnect unless the session is gone (then the login screen shows, and logging in reconnects).
    void (recheckSession?.() ?? Promise.resolve(true)).then((alive) => alive && liveSocket.reconnect())
  }
  liveSocket.onReconnect = () => {
    void reloadStations()
    void reloadActiveAlerts()
  }
  stationStore.onUnknownStation = () => {
    // A station registered since the load: refresh the registry, at most every 10 s (once it is
    // loaded the station is no longer unknown, so this does not repeat).
    const now = Date.now()
    if (now - unknownReloadAt < 10_000) return
    unknownReloadAt = now
    void reloadStations()
  }
  liveSocket.start()
}
