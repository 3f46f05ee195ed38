/**
 * The ingest service: subscribes to station topics, parses and validates each message, appends
 * accepted readings to the durable queue BEFORE acknowledging the MQTT message (QoS 1), hands them
 * to the processors (rules, live push) and rejects bad ones to the dead letter. The store writer
 * (pipeline/store-writer.ts) drains the queue into the store.
 *
 * mqtt.js owns reconnection (reconnectPeriod); the session is persistent (clean=false, fixed
 * client id) so messages published while ingest is down are delivered when it returns.
 */
import { EventEmitter } from 'node:events'
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt'
import { DEFAULT_LIMITS, type Reading, type ValidationLimits } from '../../shared/src/domain/reading'
import type { Station } from '../../shared/src/domain/station'
import type { Topics } from '../../shared/src/protocol/topics'
import { DeadLetterLog, makeDeadLetter, type DeadLetter } from './dead-letter'
import { parseMessage, type Hj212Decoder } from './mqtt/parse-message'
import type { DurableQueue } from './pipeline/durable-queue'

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed'

export interface IngestEvents {
  readings: [station: Station, readings: Reading[]]
  status: [station: Station, status: 'online' | 'offline']
  deadletter: [d: DeadLetter]
  connection: [state: ConnectionState]
}

export interface IngestOptions {
  brokerUrl: string
  username?: string
  password?: string
  /** Fixed client id: the broker keeps this session's subscriptions and queued QoS 1 messages. */
  clientId: string
  /** MQTT 5 shared subscription group (`$share/<group>/...`) to split load between ingest processes. */
  shareGroup?: string
  topics: Topics
  lookup: (stationId: string) => Station | undefined
  queue: DurableQueue
  now: () => number
  limits?: ValidationLimits
  maxPayloadBytes?: number
  hj212?: Hj212Decoder
  /** Publish dead letters on MQTT (default true). */
  publishDeadLetters?: boolean
  reconnectPeriodMs?: number
}

export class IngestService extends EventEmitter<IngestEvents> {
  state: ConnectionState = 'closed'
  readonly deadLetters = new DeadLetterLog()
  readonly stats = { messages: 0, accepted: 0, readings: 0, rejected: 0, warnings: 0, pressureWaits: 0, spoolErrors: 0, listenerErrors: 0 }
  private client?: MqttClient
  private stopped = false

  constructor(private readonly opts: IngestOptions) {
    super()
  }

  async start(): Promise<void> {
    const o = this.opts
    this.stopped = false
    this.setState('connecting')
    const client = mqtt.connect(o.brokerUrl, {
      clientId: o.clientId,
      clean: false,
      protocolVersion: o.shareGroup ? 5 : 4,
      username: o.username,
      password: o.password,
      reconnectPeriod: o.reconnectPeriodMs ?? 1000,
      connectTimeout: 10_000,
      resubscribe: true,
      ...(o.shareGroup ? { properties: { sessionExpiryInterval: 0xffffffff } } : {}),
    })
    this.client = client
    client.handleMessage = (packet, cb) => this.handle(packet, cb)
    client.on('connect', (ack) => {
      this.setState('connected')
      // A resumed session keeps its subscriptions; subscribe anyway (idempotent) for a new one.
      if (!ack.sessionPresent) this.subscribe(client)
    })
    client.on('reconnect', () => this.setState('reconnecting'))
    client.on('offline', () => this.setState('offline'))
    client.on('close', () => {
      if (this.stopped) this.setState('closed')
      else if (this.state === 'connected') this.setState('reconnecting')
    })
    client.on('error', () => undefined) // state changes above; mqtt.js retries by itself
    await new Promise<void>((resolve, reject) => {
      const onConnect = () => {
        client.off('error', onError)
        resolve()
      }
      const onError = (e: Error) => {
        // Bad credentials are fatal at start-up; transport errors are retried by mqtt.js.
        if ((e as { code?: number }).code === 4 || (e as { code?: number }).code === 5 || (e as { code?: number }).code === 135) {
          client.off('connect', onConnect)
          client.end(true)
          reject(new Error(`ingest: broker refused credentials for ${o.username ?? '(anonymous)'}: ${e.message}`))
        }
      }
      client.once('connect', onConnect)
      client.on('error', onError)
    })
  }

  async stop(): Promise<void> {
    this.stopped = true
    const c = this.client
    if (!c) return
    await new Promise<void>((r) => c.end(false, {}, () => r()))
    this.setState('closed')
  }

  /** Publish an event (alerts) through the same connection. */
  publish(topic: string, payload: string, qos: 0 | 1 = 1): void {
    this.client?.publish(topic, payload, { qos }, () => undefined)
  }

  /**
   * Handle one incoming message. Whatever happens, `ack` is called exactly once: immediately
   * normally, later under back-pressure (spool over its bound) or if the spool cannot be written.
   */
  private handle(packet: IPublishPacket, ack: (err?: Error) => void): void {
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload
    let toSpool: Reading[] | undefined
    let onDurable: (() => void) | undefined
    try {
      this.stats.messages++
      const now = this.opts.now()
      const out = parseMessage(packet.topic, payload, {
        topics: this.opts.topics,
        lookup: this.opts.lookup,
        now,
        limits: this.opts.limits ?? DEFAULT_LIMITS,
        maxBytes: this.opts.maxPayloadBytes ?? 1024 * 1024,
        hj212: this.opts.hj212,
      })
      if (out.type === 'reject') {
        this.reject({ topic: packet.topic, stationId: out.stationId, reason: out.reason, message: out.message }, payload, now)
      } else if (out.type === 'status') {
        this.safeEmit('status', out.station, out.status)
      } else {
        for (const w of out.warnings) {
          this.stats.warnings++
          this.deadLetter({ topic: packet.topic, stationId: out.station.id, reason: w.reason, message: w.message, warning: true }, payload, now)
        }
        for (const r of out.rejected) {
          this.reject({ topic: packet.topic, stationId: out.station.id, reason: r.reason, message: `batch element [${r.index}]: ${r.message}` }, payload, now)
        }
        toSpool = out.readings
        const station = out.station
        onDurable = () => {
          this.stats.accepted++
          this.stats.readings += out.readings.length
          this.safeEmit('readings', station, out.readings)
        }
      }
    } catch (e) {
      this.stats.listenerErrors++
      this.reject({ topic: packet.topic, reason: 'internal', message: `internal error: ${(e as Error).message}` }, payload, Date.now())
    }
    if (!toSpool) return ack()
    this.appendDurably(toSpool, onDurable!, ack)
  }

  /**
   * Accept readings that arrived another way (the HJ 212 TCP listener): resolves once they are in
   * the spool, so the caller acknowledges only durable data.
   */
  accept(station: Station, readings: Reading[]): Promise<void> {
    return new Promise((resolve) =>
      this.appendDurably(
        readings,
        () => {
          this.stats.accepted++
          this.stats.readings += readings.length
          this.safeEmit('readings', station, readings)
        },
        () => resolve(),
      ),
    )
  }

  private appendDurably(readings: Reading[], onDurable: () => void, ack: (err?: Error) => void): void {
    let pressure: boolean
    try {
      pressure = this.opts.queue.append(readings).pressure
    } catch {
      // The spool cannot be written (disk full, I/O error): do not acknowledge; retry shortly.
      this.stats.spoolErrors++
      if (this.stopped) return
      setTimeout(() => this.appendDurably(readings, onDurable, ack), 500)
      return
    }
    onDurable()
    if (!pressure) return ack()
    this.stats.pressureWaits++
    const wait = () => {
      if (this.stopped || !this.opts.queue.pressure()) ack()
      else setTimeout(wait, 100)
    }
    setTimeout(wait, 100)
  }

  private subscribe(client: MqttClient): void {
    const share = this.opts.shareGroup ? `$share/${this.opts.shareGroup}/` : ''
    const t = this.opts.topics
    const filters = [t.allStations('reading'), t.allStations('hj212'), t.allStations('status')].map((f) => share + f)
    client.subscribe(filters, { qos: 1 }, (err) => {
      if (err) this.stats.listenerErrors++
    })
  }

  private reject(info: Omit<Parameters<typeof makeDeadLetter>[0], 'warning'>, payload: Uint8Array, now: number): void {
    this.stats.rejected++
    this.deadLetter(info, payload, now)
  }

  /** Record a dead letter (also used by the HJ 212 TCP listener). */
  deadLetter(info: Parameters<typeof makeDeadLetter>[0], payload: Uint8Array, now: number): void {
    const d = makeDeadLetter(info, payload, now)
    this.deadLetters.add(d)
    if (this.opts.publishDeadLetters !== false && this.client?.connected) {
      this.client.publish(this.opts.topics.deadLetter(d.stationId), JSON.stringify(d), { qos: 0 }, () => undefined)
    }
    this.safeEmit('deadletter', d)
  }

  private setState(s: ConnectionState): void {
    if (s === this.state) return
    this.state = s
    this.safeEmit('connection', s)
  }

  /** Listener errors are counted, never allowed to stop the stream. */
  private safeEmit<K extends keyof IngestEvents>(event: K, ...args: IngestEvents[K]): void {
    try {
      this.emit(event, ...(args as never))
    } catch {
      this.stats.listenerErrors++
    }
  }
}
