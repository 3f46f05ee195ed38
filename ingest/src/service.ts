/**
 * The ingest service: takes the stations' messages from its transport, parses and validates each,
 * appends accepted readings to the durable queue BEFORE acknowledging the message (QoS 1), hands
 * them to the processors (rules, live push) and rejects bad ones to the dead letter. The store
 * writer (pipeline/store-writer.ts) drains the queue into the store.
 *
 * Transports (transport/): an MQTT client session with a persistent session (external brokers;
 * mqtt.js owns reconnection), or the in-process link to the embedded broker.
 */
import { EventEmitter } from 'node:events'
import { DEFAULT_LIMITS, type Reading, type ValidationLimits } from '../../shared/src/domain/reading'
import type { Station } from '../../shared/src/domain/station'
import type { Topics } from '../../shared/src/protocol/topics'
import { DeadLetterLog, makeDeadLetter, type DeadLetter } from './decode/dead-letter'
import { parseMessage, type Hj212Decoder } from './decode/parse-message'
import type { DurableQueue } from './pipeline/durable-queue'
import { MqttTransport } from './transport/mqtt-transport'
import type { ConnectionState, IngestTransport } from './transport/transport'

export type { ConnectionState } from './transport/transport'

export interface IngestEvents {
  readings: [station: Station, readings: Reading[]]
  status: [station: Station, status: 'online' | 'offline']
  deadletter: [d: DeadLetter]
  connection: [state: ConnectionState]
}

export interface IngestOptions {
  /** Where messages come from; default an MQTT client session built from the options below. */
  transport?: IngestTransport
  brokerUrl?: string
  username?: string
  password?: string
  /** Fixed client id: the broker keeps this session's subscriptions and queued QoS 1 messages. */
  clientId?: string
  /** MQTT 5 shared subscription group (`$share/<group>/...`) to split load between ingest processes. */
  shareGroup?: string
  topics: Topics
  lookup: (stationId: string) => Station | undefined
  queue: DurableQueue
  now: () => number
  limits?: ValidationLimits
  maxPayloadBytes?: number
  hj212?: Hj212Decoder
  /** Where dead letters are counted and sampled (default one in memory; the stacks give one on disk). */
  deadLetters?: DeadLetterLog
  /** Publish dead letters on MQTT (default true). */
  publishDeadLetters?: boolean
  reconnectPeriodMs?: number
}

export class IngestService extends EventEmitter<IngestEvents> {
  readonly deadLetters: DeadLetterLog
  readonly stats = { messages: 0, accepted: 0, readings: 0, rejected: 0, warnings: 0, pressureWaits: 0, spoolErrors: 0, listenerErrors: 0 }
  private readonly transport: IngestTransport
  private stopped = false

  constructor(private readonly opts: IngestOptions) {
    super()
    this.deadLetters = opts.deadLetters ?? new DeadLetterLog()
    this.transport =
      opts.transport ??
      new MqttTransport({
        brokerUrl: opts.brokerUrl ?? required('brokerUrl'),
        clientId: opts.clientId ?? required('clientId'),
        username: opts.username,
        password: opts.password,
        shareGroup: opts.shareGroup,
        topics: opts.topics,
        reconnectPeriodMs: opts.reconnectPeriodMs,
        onSubscribeError: () => this.stats.listenerErrors++,
      })
  }

  /** The broker connection's state (the embedded broker's link is `connected` while it runs). */
  get state(): ConnectionState {
    return this.transport.state
  }

  async start(): Promise<void> {
    this.stopped = false
    await this.transport.start(
      (topic, payload, ack) => this.handle(topic, payload, ack),
      (s) => this.safeEmit('connection', s),
    )
  }

  async stop(): Promise<void> {
    this.stopped = true
    await this.transport.stop()
  }

  /** Publish an event (alerts) through the same connection. */
  publish(topic: string, payload: string, qos: 0 | 1 = 1): void {
    this.transport.publish(topic, payload, qos)
  }

  /**
   * Handle one incoming message. Whatever happens, `ack` is called exactly once: immediately
   * normally, later under back-pressure (spool over its bound) or if the spool cannot be written.
   */
  private handle(topic: string, payload: Buffer, ack: () => void): void {
    let toSpool: Reading[] | undefined
    let station: Station | undefined
    try {
      this.stats.messages++
      const now = this.opts.now()
      const out = parseMessage(topic, payload, {
        topics: this.opts.topics,
        lookup: this.opts.lookup,
        now,
        limits: this.opts.limits ?? DEFAULT_LIMITS,
        maxBytes: this.opts.maxPayloadBytes ?? 1024 * 1024,
        hj212: this.opts.hj212,
      })
      if (out.type === 'reject') {
        this.reject({ topic, stationId: out.stationId, reason: out.reason, message: out.message }, payload, now)
      } else if (out.type === 'status') {
        this.safeEmit('status', out.station, out.status)
      } else {
        for (const w of out.warnings) {
          this.stats.warnings++
          this.deadLetter({ topic, stationId: out.station.id, reason: w.reason, message: w.message, warning: true }, payload, now)
        }
        for (const r of out.rejected) {
          this.reject(
            { topic, stationId: out.station.id, reason: r.reason, message: `batch element [${r.index}]: ${r.message}` },
            payload,
            now,
          )
        }
        toSpool = out.readings
        station = out.station
      }
    } catch (e) {
      this.stats.listenerErrors++
      this.reject({ topic, reason: 'internal', message: `internal error: ${(e as Error).message}` }, payload, Date.now())
    }
    if (!toSpool || !station) return ack()
    this.appendDurably(station, toSpool, ack)
  }

  /**
   * Accept readings that arrived another way (the HJ 212 TCP listener): resolves once they are in
   * the spool, so the caller acknowledges only durable data.
   */
  accept(station: Station, readings: Reading[]): Promise<void> {
    return new Promise((resolve) => this.appendDurably(station, readings, resolve))
  }

  /**
   * Spool the readings (grouped with this turn's others when the transport allows), then hand them
   * on and acknowledge. Runs for every message, so it makes no named closure (tsx wraps each in a
   * `__name` call): the spool's callback is the one anonymous arrow.
   */
  private appendDurably(station: Station, readings: Reading[], ack: () => void): void {
    if (this.transport.groupAcks) {
      this.opts.queue.appendGrouped(readings, (r) =>
        r.ok ? this.durable(station, readings, r.pressure, ack) : this.retryAppend(station, readings, ack),
      )
      return
    }
    let pressure: boolean
    try {
      pressure = this.opts.queue.append(readings).pressure
    } catch {
      return this.retryAppend(station, readings, ack)
    }
    this.durable(station, readings, pressure, ack)
  }

  /** The spool cannot be written (disk full, I/O error): do not acknowledge; retry shortly. */
  private retryAppend(station: Station, readings: Reading[], ack: () => void): void {
    this.stats.spoolErrors++
    if (!this.stopped) setTimeout(() => this.appendDurably(station, readings, ack), 500)
  }

  /** The readings are in the spool: feed the processors, then acknowledge (later under back-pressure). */
  private durable(station: Station, readings: Reading[], pressure: boolean, ack: () => void): void {
    this.stats.accepted++
    this.stats.readings += readings.length
    this.safeEmit('readings', station, readings)
    if (!pressure) return ack()
    this.stats.pressureWaits++
    const wait = () => {
      if (this.stopped || !this.opts.queue.pressure()) ack()
      else setTimeout(wait, 100)
    }
    setTimeout(wait, 100)
  }

  private reject(info: Omit<Parameters<typeof makeDeadLetter>[0], 'warning'>, payload: Uint8Array, now: number): void {
    this.stats.rejected++
    this.deadLetter(info, payload, now)
  }

  /** Record a dead letter (also used by the HJ 212 TCP listener). */
  deadLetter(info: Parameters<typeof makeDeadLetter>[0], payload: Uint8Array, now: number): void {
    const d = makeDeadLetter(info, payload, now)
    this.deadLetters.add(d)
    if (this.opts.publishDeadLetters !== false) this.transport.publish(this.opts.topics.deadLetter(d.stationId), JSON.stringify(d), 0)
    this.safeEmit('deadletter', d)
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

function required(name: string): never {
  throw new Error(`ingest: ${name} is required without a transport`)
}
