/**
 * The ingest's MQTT client session (mqtt.js) on an external broker (mosquitto, EMQX) or any broker
 * reached by URL. mqtt.js owns reconnection (reconnectPeriod); the session is persistent
 * (clean=false, fixed client id) so messages published while ingest is down are delivered when it
 * returns, and a QoS 1 message is acknowledged to the broker only when ingest calls its `ack`.
 */
import mqtt, { type MqttClient } from 'mqtt'
import type { Topics } from '../../../shared/src/protocol/topics'
import type { ConnectionState, IngestTransport, MessageHandler } from './transport'

/** Broker URL, credentials and the session's identity. */
export interface MqttTransportOptions {
  brokerUrl: string
  username?: string
  password?: string
  /** Fixed client id: the broker keeps this session's subscriptions and queued QoS 1 messages. */
  clientId: string
  /** MQTT 5 shared subscription group (`$share/<group>/...`) to split load between ingest processes. */
  shareGroup?: string
  topics: Topics
  reconnectPeriodMs?: number
  /** Told when the broker refuses the subscription (counted by the ingest service). */
  onSubscribeError?: (e: Error) => void
}

/** CONNACK return codes (3.1.1) and reason code (5) that mean "wrong credentials / not authorized". */
const REFUSED = new Set([4, 5, 135])

export class MqttTransport implements IngestTransport {
  state: ConnectionState = 'closed'
  /** mqtt.js hands over one message at a time and waits for its acknowledgement. */
  readonly groupAcks = false
  private client?: MqttClient
  private stopped = false
  private onState: (s: ConnectionState) => void = () => undefined

  constructor(private readonly o: MqttTransportOptions) {}

  async start(onMessage: MessageHandler, onState: (s: ConnectionState) => void): Promise<void> {
    const o = this.o
    this.onState = onState
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
    client.handleMessage = (packet, cb) => {
      const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload
      onMessage(packet.topic, payload, () => cb())
    }
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
        if (REFUSED.has((e as { code?: number }).code ?? -1)) {
          client.off('connect', onConnect)
          client.end(true)
          reject(new Error(`ingest: broker refused credentials for ${o.username ?? '(anonymous)'}: ${e.message}`))
        }
      }
      client.once('connect', onConnect)
      client.on('error', onError)
    })
  }

  publish(topic: string, payload: string, qos: 0 | 1): void {
    if (qos === 0 && !this.client?.connected) return
    this.client?.publish(topic, payload, { qos }, () => undefined)
  }

  async stop(): Promise<void> {
    this.stopped = true
    const c = this.client
    if (!c) return
    await new Promise<void>((r) => c.end(false, {}, () => r()))
    this.setState('closed')
  }

  private subscribe(client: MqttClient): void {
    const share = this.o.shareGroup ? `$share/${this.o.shareGroup}/` : ''
    const t = this.o.topics
    const filters = [t.allStations('reading'), t.allStations('hj212'), t.allStations('status')].map((f) => share + f)
    client.subscribe(filters, { qos: 1 }, (err) => {
      if (err) this.o.onSubscribeError?.(err)
    })
  }

  private setState(s: ConnectionState): void {
    if (s === this.state) return
    this.state = s
    this.onState(s)
  }
}
