/**
 * The seam between a station and its transport: one link per station (a real data logger is its
 * own client). Implementations: {@link createMqttLink} (mqtt.js) and {@link createTcpLink} (raw
 * HJ 212 over TCP). Links never throw out of event callbacks; failures reject `send` or go to
 * `onError`.
 */

/** Connection state of a link. */
export type LinkState = 'connecting' | 'connected' | 'closed'

/** What a link tells its owner. */
export interface LinkHooks {
  /** Connected (first time or after a reconnect). */
  onConnect(): void
  /** Lost the connection; the link reconnects by itself. */
  onDisconnect(): void
  /** A transport error (counted by the owner; never fatal). */
  onError(err: Error): void
  /** A 9014 data acknowledgement arrived (HJ 212 over TCP only). */
  onAck?(): void
  /**
   * Bytes from the data centre other than a 9014 (its HJ 212 commands, issue 12): over TCP on the
   * connection, over MQTT on the station's command topic.
   */
  onCommand?(frames: string): void
}

/** One station's connection. */
export interface StationLink {
  readonly state: LinkState
  /** Send one message body on a channel; resolves when the transport accepted it (MQTT: PUBACK). */
  send(channel: 'reading' | 'hj212', body: Buffer): Promise<void>
  /** Publish the station's retained status (MQTT); a no-op where the transport has none. */
  status(status: 'online' | 'offline'): Promise<void>
  /** Close: give in-flight messages up to `graceMs`, then force. Idempotent. */
  close(graceMs?: number): Promise<void>
}

/** Resolve after `ms`, without keeping the process alive. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}
