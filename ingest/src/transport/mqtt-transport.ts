/**
 * The ingest's MQTT client session (mqtt.js) on an external broker (mosquitto, EMQX) or any broker
 * reached by URL. mqtt.js owns reconnection (reconnectPeriod); the session is persistent
 * (clean=false, fixed client id) so messages published while ingest is down are delivered when it
 * returns, and a QoS 1 message is acknowledged to the broker only when ingest calls its `ack`.
 *
 * Acknowledgements are decoupled from mqtt.js's message loop (issue 16): mqtt.js handles one
 * PUBLISH at a time and sends its PUBACK, then takes the next, only when `handleMessage` calls
 * back. Waiting there for the spool would cost one spool write per message. Instead the callback
 * is told "not acknowledged here" (an error, on which mqtt.js sends no PUBACK and moves on to the
 * next packet) and the PUBACK is sent by `ack`, after the turn's group commit. At most
 * `MAX_UNACKED` messages are held unacknowledged: at that bound the message loop waits for an ack
 * (mqtt.js's callback is held), so withholding acks under back-pressure stops the flow as before,
 * with at most that many messages taken in, whatever the broker's in-flight window.
 */
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt'
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

/**
 * Given to mqtt.js's `handleMessage` callback for a QoS 1 message: on an error mqtt.js sends no
 * PUBACK and goes on to the next packet (mqtt.js 5 handlers/publish.js); `ack` sends it later.
 */
const ACKED_BY_TRANSPORT = new Error('acknowledged by the ingest transport after the spool write')

/**
 * Messages received and not yet acknowledged before the message loop waits: large enough that a
 * turn's messages share one spool write (one socket read holds a few hundred), small enough that
 * ingest takes little in once it withholds acknowledgements (back-pressure, test/back-pressure).
 */
const MAX_UNACKED = 128

type SendPacket = (packet: { cmd: 'puback'; messageId: number; reasonCode: 0 }) => void

/**
 * mqtt.js's own packet sender, which queues the packet while the connection is down and sends it
 * after a reconnect, as mqtt.js does for its own PUBACKs. mqtt.js exposes no public manual-ack
 * call (MQTT.js issues 691, 1299), so this reaches its `_sendPacket`, checked here at start.
 */
function sendPacketOf(client: MqttClient): SendPacket | undefined {
  const send = (client as unknown as { _sendPacket?: (p: object, cb?: () => void) => void })._sendPacket
  return typeof send === 'function' ? (p) => send.call(client, p) : undefined
}

function pubackOf(packet: IPublishPacket): { cmd: 'puback'; messageId: number; reasonCode: 0 } {
  return { cmd: 'puback', messageId: packet.messageId!, reasonCode: 0 }
}

/** CONNACK return codes (3.1.1) and reason code (5) that mean "wrong credentials / not authorized". */
const REFUSED = new Set([4, 5, 135])

export class MqttTransport implements IngestTransport {
  state: ConnectionState = 'closed'
  /** Acknowledgements are sent by `ack`, apart from mqtt.js's message loop (see the file comment). */
  readonly groupAcks = true
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
    const sendPacket = sendPacketOf(client)
    if (!sendPacket) {
      client.end(true)
      throw new Error('ingest: this mqtt.js has no _sendPacket; acknowledging after the spool write needs mqtt.js 5')
    }
    this.client = client
    let unacked = 0
    /** mqtt.js's callback held at the bound: the message loop resumes when an ack brings it under. */
    let held: (() => void) | undefined
    client.handleMessage = (packet, cb) => {
      const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload
      if (packet.qos !== 1) return onMessage(packet.topic, payload, () => cb())
      unacked++
      onMessage(packet.topic, payload, () => {
        sendPacket(pubackOf(packet))
        unacked--
        const resume = held
        held = undefined
        resume?.()
      })
      if (unacked < MAX_UNACKED) cb(ACKED_BY_TRANSPORT)
      else held = () => cb(ACKED_BY_TRANSPORT)
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
