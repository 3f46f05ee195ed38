/**
 * Ingest's in-process link to the embedded aedes broker: the broker hands each station message to
 * ingest before acknowledging it (EmbeddedBroker.accept), and ingest publishes alerts and dead
 * letters straight into the broker. No socket, no second MQTT session, no copy of each message in
 * the broker's outgoing queue; and since the station's PUBACK waits for ingest's `ack`, it follows
 * the spool write.
 */
import type { EmbeddedBroker } from '../broker/embedded-broker'
import type { ConnectionState, IngestTransport, MessageHandler } from './transport'

export class EmbeddedTransport implements IngestTransport {
  state: ConnectionState = 'closed'
  /** aedes hands over a whole socket read at once and waits for every message of it. */
  readonly groupAcks = true
  private onState: (s: ConnectionState) => void = () => undefined

  constructor(private readonly broker: Pick<EmbeddedBroker, 'accept' | 'publish'>) {}

  async start(onMessage: MessageHandler, onState: (s: ConnectionState) => void): Promise<void> {
    this.onState = onState
    this.broker.accept(onMessage)
    this.state = 'connected'
    onState('connected')
  }

  publish(topic: string, payload: string, qos: 0 | 1): void {
    if (this.state === 'connected') this.broker.publish(topic, payload, qos)
  }

  async stop(): Promise<void> {
    this.broker.accept(undefined)
    this.state = 'closed'
    this.onState('closed')
  }
}
