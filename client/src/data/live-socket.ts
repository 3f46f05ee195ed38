/**
 * The socket.io connection: feeds `readings`, `station-status` and `alert` into the stores and
 * exposes an honest connection state. It subscribes with `batch: true` (issue 16): a tick's
 * readings arrive as one array, one decode and one store update, not 1000 messages a second;
 * `reading` is still applied for the moment between connecting and the subscription taking hold. socket.io-client is the one owner of reconnecting; this
 * only listens to its events (STYLE.md, "one owner of reconnect").
 */
import { io, type Socket } from 'socket.io-client'
import type { ClientToServerEvents, ServerToClientEvents, SubscribeRequest } from '../../../shared/src/protocol/events'
import type { AlertStore } from './alert-store'
import { INITIAL_CONNECTION, nextConnection, shownConnection, type ConnectionCause, type ConnectionEvent, type ConnectionModel, type ConnectionState } from './connection-state'
import type { StationStore } from './station-store'

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>

const SUBSCRIBE_TIMEOUT_MS = 5000

/** The live socket and its connection state. */
export class LiveSocket {
  private model: ConnectionModel = INITIAL_CONNECTION
  private readonly listeners = new Set<() => void>()
  private socket?: ClientSocket
  private lostAt: number | undefined
  private reconnects = 0
  /** Called after every reconnect (not the first connect): refetch what was missed meanwhile. */
  onReconnect?: () => void
  /** The socket `targets` event: the month-to-date board, pushed when a value or status changes. */
  onTargets?: (body: unknown) => void
  /** The server refused the socket's session (expired or logged out elsewhere). */
  onUnauthorized?: () => void
  /**
   * The server closed the connection on purpose (`io server disconnect`: the session ended, e.g. an
   * admin changed the user), so socket.io will not reconnect by itself: the owner re-checks the
   * session and calls {@link reconnect} if it is still alive.
   */
  onServerDisconnect?: () => void

  constructor(
    private readonly stations: StationStore,
    private readonly alerts: AlertStore,
    private readonly subscription: SubscribeRequest = {},
  ) {}

  /** Open the connection (same origin; the Vite dev server proxies /socket.io). */
  start(): void {
    if (this.socket) return
    const socket: ClientSocket = io({ transports: ['websocket', 'polling'], reconnectionDelayMax: 10_000 })
    this.socket = socket
    socket.on('connect', () => {
      const reconnect = this.model.everConnected
      if (reconnect) this.reconnects++
      this.dispatch({ type: 'connect' })
      // No rooms means everything; an explicit subscription gets the rooms acknowledged.
      socket.timeout(SUBSCRIBE_TIMEOUT_MS).emit('subscribe', { ...this.subscription, batch: true }, () => undefined)
      if (reconnect) this.onReconnect?.()
    })
    socket.on('disconnect', (reason) => {
      this.dispatch({ type: 'disconnect', willRetry: socket.active })
      if (reason === 'io server disconnect') this.onServerDisconnect?.()
    })
    socket.on('connect_error', (err) => {
      this.dispatch({ type: 'error', willRetry: socket.active })
      if ((err as Error & { data?: { code?: string } }).data?.code === 'unauthorized') this.onUnauthorized?.()
    })
    socket.io.on('reconnect_attempt', (attempt) => this.dispatch({ type: 'attempt', attempt }))
    socket.io.on('reconnect_failed', () => this.dispatch({ type: 'gave-up' }))
    socket.on('readings', (es) => this.stations.applyReadings(es))
    socket.on('reading', (e) => this.stations.applyReading(e))
    socket.on('station-status', (e) => this.stations.applyStatus(e))
    socket.on('alert', (e) => this.alerts.merge([e]))
    socket.on('targets', (e) => this.onTargets?.(e))
    socket.on('feed', (e) => this.dispatch({ type: 'feed', up: e?.broker !== 'down' }))
    if (typeof window !== 'undefined') {
      window.addEventListener('offline', () => this.dispatch({ type: 'browser-offline' }))
      window.addEventListener('online', () => this.dispatch({ type: 'browser-online' }))
      if (navigator.onLine === false) this.dispatch({ type: 'browser-offline' })
    }
  }

  /** Connect again if the server dropped or refused us (e.g. after logging in anew). */
  reconnect(): void {
    if (this.socket && !this.socket.connected) this.socket.connect()
  }

  /** The connection state shown in the header (`reconnecting` also while the server has lost the broker). */
  getState = (): ConnectionState => shownConnection(this.model).state

  /** Which link the shown state is about. */
  getCause = (): ConnectionCause => shownConnection(this.model).cause

  /** Subscribe to connection state changes (useSyncExternalStore shape). */
  subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  /** How many times the feed came back after a loss (views refetch what they missed). */
  getReconnects = (): number => this.reconnects

  /** When the live feed was lost (epoch ms), while it is not live; undefined when live. */
  getLostAt = (): number | undefined => this.lostAt

  private dispatch(e: ConnectionEvent): void {
    const before = shownConnection(this.model)
    this.model = nextConnection(this.model, e)
    const after = shownConnection(this.model)
    if (after.state === 'live') this.lostAt = undefined
    else if (before.state === 'live') this.lostAt = Date.now()
    if (after.state !== before.state || after.cause !== before.cause) for (const l of this.listeners) l()
  }
}
