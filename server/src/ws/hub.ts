/**
 * The live push: socket.io server that sends `reading`, `alert`, `station-status` and `targets`
 * to browsers. Browsers pick rooms with `subscribe` ({ stations } or { kinds }); no subscription
 * means everything. Readings are coalesced per station to at most one per `readingIntervalMs`
 * (the newest wins), so a backfill burst never floods a browser.
 *
 * Batches (issue 16): a socket that subscribes with `batch: true` gets each tick's readings as one
 * `readings` array instead of one `reading` message per station. 1000 separate messages a second
 * cost a map 1000 decodes and tasks a second (33–45 ms of main-thread work in one frame); one array
 * costs one. Such a socket also joins the `batch` room (so `reading` skips it) and a batch twin of
 * each of its rooms; alerts and status still go to the ordinary rooms, unchanged.
 *
 * Scale-out (issue 7): with an adapter (the socket.io Redis adapter), `reading`, `readings`, `alert`
 * and `station-status` reach the browsers of every server node — each event is handed to exactly one
 * node's hub — while `targets` stays local (`io.local`): every node computes and pushes its own.
 */
import type { Server as HttpServer } from 'node:http'
import { Server, type ServerOptions, type Socket } from 'socket.io'
import { toAlertEvent, type Alert } from '../../../shared/src/domain/alert'
import type { Reading } from '../../../shared/src/domain/reading'
import { STATION_ID_PATTERN, maybeStationKind, type StationKind } from '../../../shared/src/domain/station'
import type {
  AqiSummary,
  ClientToServerEvents,
  FeedEvent,
  ReadingEvent,
  ServerToClientEvents,
  SubscribeAck,
  StationStatusEvent,
} from '../../../shared/src/protocol/events'
import type { TargetsBody } from '../../../shared/src/protocol/http/targets'

export type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents>

export interface HubOptions {
  readingIntervalMs?: number
  /** Socket middleware (authentication), run before a connection is accepted. */
  use?: (socket: HubSocket, next: (err?: Error) => void) => void
  cors?: boolean
  /** socket.io adapter (e.g. `@socket.io/redis-adapter`) so broadcasts reach every server node. */
  adapter?: ServerOptions['adapter']
}

const ALL = 'all'
const stationRoom = (id: string) => `station:${id}`
const kindRoom = (k: string) => `kind:${k}`
/** Every socket that takes batches: `reading` is sent `except` this room. */
const BATCH = 'batch'
/** A room's batch twin: the sockets of that room that take `readings`. */
const batchRoom = (room: string) => `batch:${room}`

export class LiveHub {
  readonly io: Server<ClientToServerEvents, ServerToClientEvents>
  /** The newest reading per station since the last flush; the event is built at the flush. */
  private readonly pending = new Map<
    string,
    { kind: StationKind; reading: Reading; aqi: AqiSummary | (() => AqiSummary | undefined) | undefined }
  >()
  private timer: NodeJS.Timeout
  /** `readingsSent`: readings flushed (each counted once, however many sockets or events carry it). */
  readonly stats = { readingsSent: 0, alertsSent: 0, statusSent: 0 }
  /** Whether this node receives station data from the broker (unknown until first set). */
  private feedState?: FeedEvent
  /**
   * Without an adapter every socket is on this node, so the flush can skip the rooms nobody is in
   * (no encoding of 1000 `reading` packets when every browser takes batches). With an adapter the
   * other nodes' rooms are unknown here, so everything is sent.
   */
  private readonly localOnly: boolean

  constructor(http: HttpServer, opts: HubOptions = {}) {
    this.io = new Server<ClientToServerEvents, ServerToClientEvents>(http, {
      serveClient: false,
      maxHttpBufferSize: 64 * 1024,
      ...(opts.adapter ? { adapter: opts.adapter } : {}),
    })
    this.localOnly = !opts.adapter
    if (opts.use) this.io.use(opts.use)
    this.io.on('connection', (socket) => {
      socket.join(ALL)
      if (this.feedState) socket.emit('feed', this.feedState)
      socket.on('subscribe', (req, ack) => {
        const rooms: string[] = []
        const stations = Array.isArray(req?.stations) ? req.stations : []
        const kinds = Array.isArray(req?.kinds) ? req.kinds : []
        const batch = req?.batch === true
        for (const s of stations) if (typeof s === 'string' && STATION_ID_PATTERN.test(s)) rooms.push(stationRoom(s))
        for (const k of kinds) if (maybeStationKind(k)) rooms.push(kindRoom(k))
        for (const r of socket.rooms) if (r !== socket.id) socket.leave(r)
        if (rooms.length === 0) rooms.push(ALL)
        socket.join(batch ? [...rooms, BATCH, ...rooms.map(batchRoom)] : rooms)
        const answer: SubscribeAck = { ok: true, rooms }
        if (batch) answer.batch = true
        if (typeof ack === 'function') ack(answer)
      })
    })
    this.timer = setInterval(() => this.flush(), opts.readingIntervalMs ?? 1000)
    this.timer.unref()
  }

  /**
   * Queue the newest reading of a station for the next flush. `aqi` may be a function: it is called
   * at the flush, once per station and interval, not for every reading.
   */
  reading(kind: StationKind, readings: readonly Reading[], aqi?: AqiSummary | (() => AqiSummary | undefined)): void {
    let newest = readings[0]
    for (const r of readings) if (newest && r.ts > newest.ts) newest = r
    if (!newest) return
    const prev = this.pending.get(newest.stationId)
    if (prev && prev.reading.ts > newest.ts) return
    this.pending.set(newest.stationId, { kind, reading: newest, aqi })
  }

  alert(a: Alert): void {
    this.stats.alertsSent++
    this.io.to([ALL, stationRoom(a.stationId), kindRoom(a.kind)]).emit('alert', toAlertEvent(a))
  }

  status(stationId: string, kind: StationKind, e: StationStatusEvent): void {
    this.stats.statusSent++
    this.io.to([ALL, stationRoom(stationId), kindRoom(kind)]).emit('station-status', e)
  }

  /**
   * Whether this node receives station data from the broker: told to this node's browsers when it
   * changes (and to each on connecting), so they show "reconnecting" while the broker is away.
   */
  setFeed(up: boolean, at: number): void {
    const broker = up ? 'up' : 'down'
    if (this.feedState?.broker === broker) return
    this.feedState = { broker, since: new Date(at).toISOString() }
    this.io.local.emit('feed', this.feedState)
  }

  /** This node's browsers only: every server node computes the board itself. */
  targets(body: TargetsBody): void {
    this.io.local.to(ALL).emit('targets', body)
  }

  /**
   * Close this node's connections of an ended session (socket middleware put its key in
   * `socket.data.sessionHash`). The browser hears `io server disconnect`, asks whether its session
   * is alive and, told it is not, shows the login screen; without this a logged-out, disabled or
   * demoted user would keep receiving the live feed. Returns how many were closed.
   */
  endSession(hash: string): number {
    return this.closeWhere((socket) => socket.data?.sessionHash === hash)
  }

  /**
   * Ask of every connection on this node whether its session is still alive (`alive` gets the
   * session's cookie value, as the socket middleware kept it in `socket.data.auth`); close those
   * whose session has ended, e.g. expired while the browser only listened. Returns how many closed.
   */
  revalidate(alive: (sessionId: string) => boolean): number {
    return this.closeWhere((socket) => {
      const id = (socket.data?.auth as { sessionId?: string } | undefined)?.sessionId
      return id !== undefined && !alive(id)
    })
  }

  /** Close (`io server disconnect`) this node's connections that `which` picks; how many. */
  private closeWhere(which: (socket: HubSocket) => boolean): number {
    let n = 0
    for (const socket of this.io.of('/').sockets.values()) {
      if (!which(socket)) continue
      socket.disconnect(true)
      n++
    }
    return n
  }

  get clients(): number {
    return this.io.engine.clientsCount
  }

  /**
   * Send the tick's readings: `reading` per station to the sockets that take single readings, and
   * `readings` arrays to those that take batches: everything to `batch:all`, each kind's share to
   * its kind room, and to a station room the station's reading unless that socket already has it
   * through its kind room. Every subscribed socket thus gets each matching reading exactly once.
   */
  flush(): void {
    if (this.pending.size === 0) return
    const all: ReadingEvent[] = []
    const byKind = new Map<StationKind, ReadingEvent[]>()
    for (const { kind, reading: r, aqi } of this.pending.values()) {
      const e: ReadingEvent = { stationId: r.stationId, kind, ts: new Date(r.ts).toISOString(), values: r.values }
      if (r.flags) e.flags = r.flags
      const a = typeof aqi === 'function' ? aqi() : aqi
      if (a) e.aqi = a
      all.push(e)
      let share = byKind.get(kind)
      if (!share) byKind.set(kind, (share = []))
      share.push(e)
    }
    this.pending.clear()
    this.stats.readingsSent += all.length
    if (this.hasSingleTakers())
      for (const e of all)
        this.io
          .to([ALL, stationRoom(e.stationId), kindRoom(e.kind)])
          .except(BATCH)
          .emit('reading', e)
    if (this.maybeIn(batchRoom(ALL))) this.io.to(batchRoom(ALL)).emit('readings', all)
    for (const [kind, share] of byKind)
      if (this.maybeIn(batchRoom(kindRoom(kind)))) this.io.to(batchRoom(kindRoom(kind))).emit('readings', share)
    for (const e of all) {
      const room = batchRoom(stationRoom(e.stationId))
      if (this.maybeIn(room))
        this.io
          .to(room)
          .except(batchRoom(kindRoom(e.kind)))
          .emit('readings', [e])
    }
  }

  /** Whether a room may have sockets (always true with an adapter: other nodes' rooms are unknown). */
  private maybeIn(room: string): boolean {
    return !this.localOnly || (this.io.of('/').adapter.rooms.get(room)?.size ?? 0) > 0
  }

  /** Whether any socket may take single `reading` messages (one that did not ask for batches). */
  private hasSingleTakers(): boolean {
    if (!this.localOnly) return true
    const ns = this.io.of('/')
    return ns.sockets.size > (ns.adapter.rooms.get(BATCH)?.size ?? 0)
  }

  async close(): Promise<void> {
    clearInterval(this.timer)
    this.io.disconnectSockets(true)
    await new Promise<void>((r) => this.io.close(() => r()))
  }
}
