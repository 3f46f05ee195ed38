/**
 * Dead letters: every rejected message (and every accepted one with a warning) is counted by
 * reason, published on `<prefix>/v1/deadletter/<stationId or _>`, and kept in a bounded ring for
 * the admin API. Payloads are kept as base64, truncated beyond `maxPayloadBytes`.
 */
import type { RejectReason, WarningReason } from '../../shared/src/domain/reading'

export interface DeadLetter {
  topic: string
  stationId?: string
  reason: RejectReason | WarningReason | 'internal'
  message: string
  /** True for an accepted message that carried something worth telling (e.g. unknown metric). */
  warning: boolean
  payloadBase64: string
  /** Original payload size in bytes (payloadBase64 may be truncated). */
  size: number
  truncated: boolean
  receivedAt: string
  /** Where it came from: mqtt or the HJ 212 TCP listener. */
  via: 'mqtt' | 'tcp'
}

export function makeDeadLetter(
  info: { topic: string; stationId?: string; reason: DeadLetter['reason']; message: string; warning?: boolean; via?: 'mqtt' | 'tcp' },
  payload: Uint8Array,
  receivedAt: number,
  maxPayloadBytes = 4096,
): DeadLetter {
  const truncated = payload.byteLength > maxPayloadBytes
  const d: DeadLetter = {
    topic: info.topic,
    reason: info.reason,
    message: info.message,
    warning: info.warning ?? false,
    payloadBase64: Buffer.from(payload.buffer, payload.byteOffset, Math.min(payload.byteLength, maxPayloadBytes)).toString('base64'),
    size: payload.byteLength,
    truncated,
    receivedAt: new Date(receivedAt).toISOString(),
    via: info.via ?? 'mqtt',
  }
  if (info.stationId !== undefined) d.stationId = info.stationId
  return d
}

/** Counts by reason plus a bounded ring of the latest dead letters. */
export class DeadLetterLog {
  readonly byReason = new Map<string, number>()
  private readonly ring: DeadLetter[] = []
  total = 0

  constructor(private readonly capacity = 500) {}

  add(d: DeadLetter): void {
    this.total++
    this.byReason.set(d.reason, (this.byReason.get(d.reason) ?? 0) + 1)
    this.ring.push(d)
    if (this.ring.length > this.capacity) this.ring.shift()
  }

  /** Newest first. */
  recent(limit = 100): DeadLetter[] {
    return this.ring.slice(-limit).reverse()
  }
}
