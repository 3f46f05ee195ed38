/**
 * The live connection's state as the operator sees it, derived from the socket's real events by a
 * pure reducer. socket.io-client owns reconnecting (one owner of reconnect, STYLE.md); this only
 * names what is happening: `reconnecting` for the first failed attempts, `offline` once the server
 * has been unreachable for several attempts, the server refused us, or the browser has no network.
 *
 * The server also says whether it receives the stations' data from the MQTT broker (socket `feed`):
 * while it does not, the operator sees `reconnecting` too ({@link shownConnection}), because no live
 * data arrives whichever link is down.
 */

/** What the header shows. */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline'

/** Socket and browser events the reducer understands. */
export type ConnectionEvent =
  | { type: 'connect' }
  | { type: 'disconnect'; willRetry: boolean }
  | { type: 'attempt'; attempt: number }
  | { type: 'error'; willRetry: boolean }
  | { type: 'gave-up' }
  | { type: 'browser-offline' }
  | { type: 'browser-online' }
  /** The server's `feed` event: its broker link is up or down. */
  | { type: 'feed'; up: boolean }

/** Reducer state: the visible state plus what it is derived from. */
export interface ConnectionModel {
  state: ConnectionState
  /** Consecutive failed attempts since the last successful connect. */
  failures: number
  browserOffline: boolean
  /** Whether a connection has ever been made (to tell a reconnect from a first connect). */
  everConnected: boolean
  /** The server said it has lost the broker (reset on every connect: the server says so again). */
  feedDown: boolean
}

/** Which link a `reconnecting` or `offline` state is about. */
export type ConnectionCause = 'server' | 'broker'

/** After this many failed attempts in a row the server counts as unreachable. */
export const OFFLINE_AFTER_FAILURES = 3

/** Before the first connection attempt has an outcome. */
export const INITIAL_CONNECTION: ConnectionModel = { state: 'connecting', failures: 0, browserOffline: false, everConnected: false, feedDown: false }

function retrying(m: ConnectionModel, failures: number): ConnectionModel {
  const state: ConnectionState = m.browserOffline || failures >= OFFLINE_AFTER_FAILURES ? 'offline' : m.everConnected ? 'reconnecting' : 'connecting'
  return { ...m, failures, state }
}

/**
 * The next connection model after `e`.
 * @example nextConnection(INITIAL_CONNECTION, { type: 'connect' }).state === 'live'
 */
export function nextConnection(m: ConnectionModel, e: ConnectionEvent): ConnectionModel {
  switch (e.type) {
    case 'connect':
      return { state: 'live', failures: 0, browserOffline: false, everConnected: true, feedDown: false }
    case 'disconnect':
      return e.willRetry ? retrying({ ...m, everConnected: true }, 0) : { ...m, state: 'offline' }
    case 'attempt':
      return m.state === 'live' ? m : retrying(m, Math.max(m.failures, e.attempt - 1))
    case 'error':
      return e.willRetry ? retrying(m, m.failures + 1) : { ...m, failures: m.failures + 1, state: 'offline' }
    case 'gave-up':
      return { ...m, state: 'offline' }
    case 'browser-offline':
      return { ...m, browserOffline: true, state: m.state === 'live' ? 'live' : 'offline' }
    case 'browser-online':
      return m.state === 'live' ? { ...m, browserOffline: false } : retrying({ ...m, browserOffline: false }, 0)
    case 'feed':
      return { ...m, feedDown: !e.up }
  }
}

/**
 * What the header shows: the socket's state, except `reconnecting` (cause `broker`) while the socket
 * is live but the server has lost the broker.
 * @example shownConnection({ ...live, feedDown: true }) // { state: 'reconnecting', cause: 'broker' }
 */
export function shownConnection(m: ConnectionModel): { state: ConnectionState; cause: ConnectionCause } {
  return m.state === 'live' && m.feedDown ? { state: 'reconnecting', cause: 'broker' } : { state: m.state, cause: 'server' }
}
