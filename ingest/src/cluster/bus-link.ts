/**
 * One MQTT 5 connection of a cluster node (mqtt.js wiring only): connects, (re)subscribes its
 * filters on every connect, hands each message to one handler and acknowledges it (QoS 1) only
 * when the handler has finished (sync or a resolved promise), publishes with a promise that
 * resolves at PUBACK, and can wait for a "barrier" (its own message coming back) to know that
 * every retained message of its subscriptions has arrived.
 *
 * mqtt.js owns reconnection (reconnectPeriod); this class listens and exposes `state`. Handler
 * errors are counted and emitted, never thrown out of the mqtt.js callback.
 */
import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import mqtt, { type IClientPublishOptions, type IPublishPacket, type MqttClient } from 'mqtt'

/** Connection state of a link (mqtt.js reconnects; this mirrors it). */
export type LinkState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed'

/** One subscription, renewed on every connect. */
export interface LinkSubscription {
  filter: string
  qos: 0 | 1
  /** MQTT 5 retain handling: 0 send retained on subscribe (default), 2 never. */
  rh?: 0 | 2
}

/** Broker, identity, session kind, subscriptions and the message handler. */
export interface MqttLinkOptions {
  url: string
  clientId: string
  username?: string
  password?: string
  /** true: clean session (state rebuilt from retained messages); false: persistent session (never expires). */
  clean: boolean
  subscriptions: LinkSubscription[]
  /** Filters to drop from a resumed persistent session (e.g. partitions this node no longer owns). */
  unsubscribe?: string[]
  /** Topic for barrier messages (only this client subscribes to it); enables `sync()`. */
  barrierTopic?: string
  onMessage: (topic: string, payload: Buffer, packet: IPublishPacket) => void | Promise<void>
  reconnectPeriodMs?: number
}

/** Typed events of a link. */
export interface MqttLinkEvents {
  connection: [state: LinkState]
  /** A handler or subscription error (counted; the link keeps going). Not `error`: no listener must not crash the process. */
  fault: [e: Error]
}

/**
 * One MQTT 5 connection of a cluster node.
 * @example
 * const link = new MqttLink({ url, clientId, clean: true, subscriptions: [{ filter: 'envmon/internal/v1/alert/+', qos: 1 }], onMessage })
 * await link.start()
 */
export class MqttLink extends EventEmitter<MqttLinkEvents> {
  state: LinkState = 'closed'
  readonly stats = { received: 0, handlerErrors: 0, published: 0, publishErrors: 0, subscribeErrors: 0 }
  private client?: MqttClient
  private stopped = false
  private readonly barriers = new Map<string, () => void>()

  constructor(private readonly opts: MqttLinkOptions) {
    super()
  }

  get clientId(): string {
    return this.opts.clientId
  }

  /** Connect and subscribe; resolves once subscribed the first time, rejects on refused credentials or a refused subscription. */
  async start(): Promise<void> {
    const o = this.opts
    this.stopped = false
    this.setState('connecting')
    const client = mqtt.connect(o.url, {
      clientId: o.clientId,
      clean: o.clean,
      protocolVersion: 5,
      username: o.username,
      password: o.password,
      reconnectPeriod: o.reconnectPeriodMs ?? 1000,
      connectTimeout: 10_000,
      // The broker notices a node lost with its machine within 1.5 × 15 s (mqtt.js default: 60 s).
      keepalive: 15,
      resubscribe: false,
      ...(o.clean ? {} : { properties: { sessionExpiryInterval: 0xffffffff } }),
    })
    this.client = client
    client.handleMessage = (packet, done) => this.handle(packet, done)
    let first: ((e?: Error) => void) | undefined
    const ready = new Promise<void>((resolve, reject) => {
      first = (e) => {
        first = undefined
        if (e) reject(e)
        else resolve()
      }
    })
    client.on('connect', (ack) => {
      this.setState('connected')
      this.subscribe(client, ack.sessionPresent === true).then(
        () => first?.(),
        (e: Error) => {
          this.stats.subscribeErrors++
          if (first) {
            client.end(true)
            first(e)
          } else this.emit('fault', e)
        },
      )
    })
    client.on('reconnect', () => this.setState('reconnecting'))
    client.on('offline', () => this.setState('offline'))
    client.on('close', () => {
      if (this.stopped) this.setState('closed')
      else if (this.state === 'connected') this.setState('reconnecting')
    })
    client.on('error', (e) => {
      const code = (e as { code?: number }).code
      if (first && (code === 4 || code === 5 || code === 134 || code === 135)) {
        client.end(true)
        first(new Error(`${o.clientId}: broker refused credentials for ${o.username ?? '(anonymous)'}: ${e.message}`))
      }
    })
    await ready
  }

  async stop(): Promise<void> {
    this.stopped = true
    for (const done of this.barriers.values()) done()
    this.barriers.clear()
    const c = this.client
    if (!c) return
    await new Promise<void>((r) => c.end(false, {}, () => r()))
    this.setState('closed')
  }

  /**
   * Publish; resolves when the broker has it (PUBACK for QoS 1). While disconnected mqtt.js keeps
   * the message in memory and sends it on reconnect (callers that must not wait check `state`).
   */
  publish(topic: string, payload: string | Buffer, opts: IClientPublishOptions = { qos: 1 }): Promise<void> {
    const c = this.client
    if (!c || this.stopped) {
      this.stats.publishErrors++
      return Promise.reject(new Error(`${this.opts.clientId}: closed`))
    }
    return new Promise((resolve, reject) => {
      c.publish(topic, payload, opts, (err) => {
        if (err) {
          this.stats.publishErrors++
          reject(err)
        } else {
          this.stats.published++
          resolve()
        }
      })
    })
  }

  /**
   * Resolve once every message the broker queued for this client before now has been handled:
   * publishes a barrier to this client's own barrier topic and waits for it (the broker delivers
   * a client's messages in order, retained ones first on subscribe).
   */
  sync(timeoutMs = 10_000): Promise<void> {
    const topic = this.opts.barrierTopic
    if (!topic) return Promise.reject(new Error(`${this.opts.clientId}: no barrier topic`))
    const token = randomUUID()
    return new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => {
        this.barriers.delete(token)
        reject(new Error(`${this.opts.clientId}: barrier not back within ${timeoutMs} ms`))
      }, timeoutMs)
      this.barriers.set(token, () => {
        clearTimeout(t)
        resolve()
      })
      this.publish(topic, token, { qos: 1 }).catch((e: Error) => {
        clearTimeout(t)
        this.barriers.delete(token)
        reject(e)
      })
    })
  }

  private async subscribe(client: MqttClient, sessionPresent: boolean): Promise<void> {
    const o = this.opts
    if (sessionPresent && o.unsubscribe?.length) await client.unsubscribeAsync(o.unsubscribe)
    const subs = [...o.subscriptions, ...(o.barrierTopic ? [{ filter: o.barrierTopic, qos: 1 as const, rh: 2 as const }] : [])]
    // One SUBSCRIBE per retain-handling value (the option is per filter, mqtt.js takes it per call).
    for (const rh of [0, 2] as const) {
      const filters = subs.filter((s) => (s.rh ?? 0) === rh)
      if (filters.length === 0) continue
      const map = Object.fromEntries(filters.map((s) => [s.filter, { qos: s.qos, rh }]))
      const granted = await client.subscribeAsync(map)
      const refused = granted.filter((g) => g.qos === 128 || (g.qos as number) > 2)
      if (refused.length) throw new Error(`${o.clientId}: the broker refused the subscription to ${refused.map((g) => g.topic).join(', ')}`)
    }
  }

  private handle(packet: IPublishPacket, done: () => void): void {
    this.stats.received++
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload
    if (this.opts.barrierTopic && packet.topic === this.opts.barrierTopic) {
      const token = payload.toString()
      this.barriers.get(token)?.()
      this.barriers.delete(token)
      return done()
    }
    const fail = (e: unknown) => {
      this.stats.handlerErrors++
      this.emit('fault', e instanceof Error ? e : new Error(String(e)))
    }
    let r: void | Promise<void>
    try {
      r = this.opts.onMessage(packet.topic, payload, packet)
    } catch (e) {
      fail(e)
      return done()
    }
    if (r && typeof r.then === 'function')
      r.then(
        () => done(),
        (e: unknown) => (fail(e), done()),
      )
    else done()
  }

  private setState(s: LinkState): void {
    if (s === this.state) return
    this.state = s
    this.emit('connection', s)
  }
}
