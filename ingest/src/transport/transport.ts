/**
 * How the ingest service meets the broker: it receives the stations' messages and publishes its own
 * (alerts, dead letters). Two transports: an MQTT client session (mqtt.js; mosquitto, EMQX or any
 * external broker) and the in-process link to the embedded aedes broker (no socket in between).
 */

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed'

/**
 * One message from a station. `ack` must be called exactly once, when the message's readings are
 * durable (or it was rejected): the broker acknowledges the message (QoS 1) only then.
 */
export type MessageHandler = (topic: string, payload: Buffer, ack: () => void) => void

/** Where ingest receives station messages and publishes its own. */
export interface IngestTransport {
  readonly state: ConnectionState
  /**
   * Whether acknowledgements may wait for a group commit (several messages' readings written to the
   * spool at once) without stalling the stream. True for both transports; a transport that must
   * acknowledge each message before it receives the next would say false (one write per message).
   */
  readonly groupAcks: boolean
  /** Start receiving; `onState` hears every connection state change. Rejects on refused credentials. */
  start(onMessage: MessageHandler, onState: (s: ConnectionState) => void): Promise<void>
  /** Publish a message of the system's (alerts, dead letters); dropped when not connected. */
  publish(topic: string, payload: string, qos: 0 | 1): void
  stop(): Promise<void>
}
