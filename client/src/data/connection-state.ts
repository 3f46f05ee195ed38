/**
 * The live connection's state as the operator sees it, derived from the socket's real events by a
 * pure reducer. socket.io-client owns reconnecting (one owner of reconnect, STYLE.md); this only
 * names what is happening: `reconnecting` for the first failed attempts, `offline` once the server
 * has been unreachable for several attempts, the server refused us, or the browser has no network.
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

/** Reducer state: the visible state plus what it is derived from. */
export interface ConnectionModel {
  state: ConnectionState
  /** Consecutive failed attempts since the last successful connect. */
  failures: number
  browserOffline: boolean
  /** Whether a connection has ever been made (to tell a reconnect from a first connect). */
  everConnected: boolean
}

/** After this many failed attempts in a row the server counts as unreachable. */
export const OFFLINE_AFTER_FAILURES = 3

/** Before the first connection attempt has an outcome. */
export const INITIAL_CONNECTION: ConnectionModel = { state: 'connecting', failures: 0, browserOffline: false, everConnected: false }

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
      return { state: 'live', failures: 0, browserOffline: false, everConnected: true }
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
  }
}
