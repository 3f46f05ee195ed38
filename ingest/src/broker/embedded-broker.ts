/**
 * The embedded MQTT broker (aedes) for the one-command setup: TCP listener, station
 * authentication, topic ACL, and a packet size guard. Production uses mosquitto or EMQX with the
 * equivalent password file and ACL (docs/deployment.md).
 *
 * Ingest runs in the same process, so it does not subscribe over a socket: messages on the
 * topics ingest takes (`intercept`) are handed to its accept hook after the ACL check and before
 * the broker acknowledges them (aedes' authorizePublish runs before its QoS 1 PUBACK, for wills
 * too). The station's PUBACK therefore follows the spool write, and a broker that cannot go on
 * (ingest under back-pressure) stops reading that station's socket. Until the hook is attached,
 * such messages wait unacknowledged.
 */
import { createServer, type Server, type Socket } from 'node:net'
import { Duplex } from 'node:stream'
import { Aedes, type Client } from 'aedes'
import type { Topics } from '../../../shared/src/protocol/topics'
import { mayConnect, mayPublish, maySubscribe, type Principal } from './acl'
import { PacketGuard, PacketTooLarge } from './packet-guard'

export interface EmbeddedBrokerOptions {
  host: string
  /** 0 = ephemeral. */
  port: number
  topics: Topics
  /** Resolve credentials to a principal; undefined refuses the connection. When omitted, auth is off. */
  authenticate?: (username: string, password: string) => Principal | undefined
  /** Largest MQTT packet accepted (default 1 MiB). */
  maxPacketBytes?: number
  /** Called when a publish or subscribe is refused (for the dead letter / metrics). */
  onRefused?: (info: RefusalInfo) => void
  /** The topics whose messages go to the accept hook (see the file comment); none when omitted. */
  intercept?: (topic: string) => boolean
}

/** A refused connect, subscribe, publish or oversized packet. */
export interface RefusalInfo {
  clientId: string
  username?: string
  topic: string
  why: string
  /** `packet`: an oversized packet other than a PUBLISH (its connection is closed). */
  action: 'publish' | 'subscribe' | 'connect' | 'packet'
  /** The dead letter's reason: refused messages (publish, oversized packet) and refused connects (`unauthorized`). */
  reason?: 'unauthorized' | 'kind-mismatch' | 'too-large'
  /** The station the client authenticated as (not the one the topic names). */
  stationId?: string
  /** What arrived of the message (the whole payload, or an oversized packet's first bytes). */
  payload?: Buffer
  /** The message's size in bytes (an oversized packet's declared length). */
  size?: number
}

/**
 * Takes an intercepted message; `done` lets the broker acknowledge it (QoS 1) and route it to any
 * subscribers. Called at most once per message and never throws into the broker.
 */
export type AcceptHook = (topic: string, payload: Buffer, done: () => void) => void

/** Intercepted messages waiting for a hook beyond this many are refused (the client reconnects and resends). */
const MAX_HELD = 100_000

export interface EmbeddedBroker {
  url: string
  port: number
  aedes: Aedes
  /** `refusedConnects` counts bad credentials, `refusedClientIds` good credentials with another's client id. */
  stats: {
    connections: number
    refusedConnects: number
    refusedClientIds: number
    refusedPublishes: number
    refusedSubscribes: number
    oversized: number
    held: number
  }
  /** Attach (or detach, with undefined) the accept hook; messages held meanwhile go to it in order. */
  accept(hook: AcceptHook | undefined): void
  /** Publish from inside the process (no socket, no ACL): the system's alerts and dead letters. */
  publish(topic: string, payload: string, qos: 0 | 1): void
  close(): Promise<void>
}

type AuthedClient = Client & { envmonPrincipal?: Principal; envmonUser?: string }

export async function startEmbeddedBroker(opts: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const aedes = await Aedes.createBroker({ heartbeatInterval: 60_000, drainTimeout: 10_000, maxClientsIdLength: 128 })
  const stats = {
    connections: 0,
    refusedConnects: 0,
    refusedClientIds: 0,
    refusedPublishes: 0,
    refusedSubscribes: 0,
    oversized: 0,
    held: 0,
  }
  const auth = opts.authenticate
  let hook: AcceptHook | undefined
  let held: { topic: string; payload: Buffer; done: () => void }[] = []
  const intercept = opts.intercept ?? (() => false)
  /** After the ACL: hand an intercepted message to the hook (or hold it), then let aedes go on. */
  const accepted = (packet: { topic: string; payload: string | Buffer }, cb: (err: Error | null) => void) => {
    if (!intercept(packet.topic)) return cb(null)
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload
    if (hook) return hook(packet.topic, payload, () => cb(null))
    if (held.length >= MAX_HELD) return cb(new Error('ingest is not accepting messages yet'))
    stats.held++
    held.push({ topic: packet.topic, payload, done: () => cb(null) })
  }
  /** A refused publish goes to onRefused with its payload (the dead letter), then closes the connection. */
  const refusePublish = (
    c: AuthedClient | null,
    packet: { topic: string; payload: string | Buffer },
    why: string,
    reason: 'unauthorized' | 'kind-mismatch',
    cb: (err: Error | null) => void,
  ) => {
    stats.refusedPublishes++
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload
    const p = c?.envmonPrincipal
    opts.onRefused?.({
      clientId: c?.id ?? '',
      username: c?.envmonUser,
      topic: packet.topic,
      why,
      action: 'publish',
      reason,
      stationId: p?.type === 'station' ? p.station.id : undefined,
      payload,
      size: payload.byteLength,
    })
    cb(new Error(why))
  }
  aedes.authorizePublish = (client, packet, cb) => {
    const c = client as AuthedClient | null
    if (packet.topic.startsWith('$SYS')) return refusePublish(c, packet, '$SYS is reserved', 'unauthorized', cb)
    if (!auth) return accepted(packet, cb)
    if (!c?.envmonPrincipal) return cb(new Error('not authenticated'))
    const d = mayPublish(c.envmonPrincipal, packet.topic, opts.topics)
    if (!d.ok) return refusePublish(c, packet, d.why, d.reason ?? 'unauthorized', cb)
    accepted(packet, cb)
  }
  if (auth) {
    aedes.authenticate = (client, username, password, cb) => {
      const c = client as AuthedClient
      const p = username !== undefined && password !== undefined ? safe(() => auth(username, password.toString('utf8'))) : undefined
      if (!p) {
        stats.refusedConnects++
        opts.onRefused?.({
          clientId: client.id,
          username,
          topic: '(connect)',
          why: 'bad credentials',
          action: 'connect',
          reason: 'unauthorized',
        })
        const err = Object.assign(new Error('bad username or password'), { returnCode: 4 })
        cb(err as never, false)
        return
      }
      // Before aedes registers the client, i.e. before it would close an existing session with
      // the same id: a station with another station's client id must not knock it off (issue 15).
      const d = mayConnect(p, client.id)
      if (!d.ok) {
        stats.refusedClientIds++
        opts.onRefused?.({
          clientId: client.id,
          username,
          topic: '(connect)',
          why: d.why,
          action: 'connect',
          reason: 'unauthorized',
          ...(p.type === 'station' ? { stationId: p.station.id } : {}),
        })
        // MQTT 3.1.1 §3.2.2.3: 0x02 "identifier rejected", the client id is not allowed.
        const err = Object.assign(new Error('identifier rejected'), { returnCode: 2 })
        cb(err as never, false)
        return
      }
      c.envmonPrincipal = p
      c.envmonUser = username
      cb(null, true)
    }
    aedes.authorizeSubscribe = (client, sub, cb) => {
      const c = client as AuthedClient
      const p = c.envmonPrincipal
      const d = p ? maySubscribe(p, sub.topic, opts.topics) : { ok: false as const, why: 'not authenticated' }
      if (!d.ok) {
        stats.refusedSubscribes++
        opts.onRefused?.({ clientId: c.id, username: c.envmonUser, topic: sub.topic, why: d.why, action: 'subscribe' })
        return cb(new Error(d.why), null)
      }
      cb(null, sub)
    }
  }
  // A refused publish closes the client's connection (MQTT-3.3.5-2); errors are expected here.
  aedes.on('clientError', () => undefined)
  aedes.on('connectionError', () => undefined)
  const maxPacket = opts.maxPacketBytes ?? 1024 * 1024
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    stats.connections++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    const guard = new PacketGuard(maxPacket)
    socket.pipe(guard)
    // aedes reads through the guard and writes straight back to the socket; writes corked by
    // mqtt-packet within a tick reach the socket as one writev (Duplex.from has no _writev, so
    // every packet was its own write syscall).
    const duplex = new GuardedSocket(socket, guard)
    duplex.on('error', () => socket.destroy())
    socket.on('close', () => duplex.destroy())
    const client = aedes.handle(duplex as never) as AuthedClient
    // In the same tick as the pipe: no byte has reached the guard yet.
    guard.on('error', (e) => {
      stats.oversized++
      // To the dead letter (too-large) with the client's station and what arrived of the packet.
      if (e instanceof PacketTooLarge) {
        const p = client.envmonPrincipal
        const topic = e.topic ?? (e.packetType === 3 ? '(mqtt publish)' : `(mqtt packet type ${e.packetType})`)
        opts.onRefused?.({
          clientId: client.id ?? '',
          username: client.envmonUser,
          topic,
          why: e.message,
          action: e.packetType === 3 ? 'publish' : 'packet',
          reason: 'too-large',
          stationId: p?.type === 'station' ? p.station.id : undefined,
          payload: e.payload,
          size: e.declared,
        })
      }
      socket.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host, () => resolve())
  })
  const port = (server.address() as { port: number }).port
  return {
    url: `mqtt://${opts.host}:${port}`,
    port,
    aedes,
    stats,
    accept(h) {
      hook = h
      if (!h) return
      const waiting = held
      held = []
      for (const m of waiting) h(m.topic, m.payload, m.done)
    },
    publish(topic, payload, qos) {
      aedes.publish({ cmd: 'publish', topic, payload: Buffer.from(payload), qos, retain: false, dup: false }, () => undefined)
    },
    async close() {
      hook = undefined
      held = []
      for (const s of sockets) s.destroy()
      await new Promise<void>((r) => server.close(() => r()))
      await new Promise<void>((r) => aedes.close(() => r()))
    },
  }
}

/** The guard's output as the readable side, the socket as the writable side (with writev). */
class GuardedSocket extends Duplex {
  constructor(
    private readonly socket: Socket,
    private readonly guard: PacketGuard,
  ) {
    super()
    guard.on('data', (c: Buffer) => {
      if (!this.push(c)) guard.pause()
    })
    guard.on('end', () => this.push(null))
    guard.on('error', (e) => this.destroy(e))
    socket.on('error', (e) => this.destroy(e))
  }

  override _read(): void {
    this.guard.resume()
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.socket.write(chunk, cb)
  }

  override _writev(chunks: { chunk: Buffer }[], cb: (err?: Error | null) => void): void {
    this.socket.write(chunks.length === 1 ? chunks[0]!.chunk : Buffer.concat(chunks.map((c) => c.chunk)), cb)
  }

  override _final(cb: (err?: Error | null) => void): void {
    this.socket.end(cb)
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.socket.destroy()
    cb(err)
  }
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f()
  } catch {
    return undefined
  }
}
