/**
 * The dead letter as `GET /api/deadletters` serves it (server/src/http/ops.ts), and as the MQTT
 * topic `<prefix>/v1/deadletter/<stationId or _>` publishes each letter. Built by
 * ingest/src/decode/dead-letter.ts; read by the admin's dead-letter view (client/src/admin).
 */
import type { RejectReason, WarningReason } from '../../domain/reading'

/** Why a message went to the dead letter. */
export type DeadLetterReason = RejectReason | WarningReason | 'internal'

/** One dead letter: a rejected message, or an accepted one with a warning. */
export interface DeadLetter {
  topic: string
  stationId?: string
  reason: DeadLetterReason
  message: string
  /** True for an accepted message that carried something worth telling (e.g. unknown metric). */
  warning: boolean
  /** The payload as received, cut at the server's limit when `truncated`. */
  payloadBase64: string
  /** Original payload size in bytes (payloadBase64 may be truncated). */
  size: number
  truncated: boolean
  /** ISO 8601. */
  receivedAt: string
  /** Where it came from: mqtt or the HJ 212 TCP listener. */
  via: 'mqtt' | 'tcp'
}

/** The exact counts, kept across restarts. */
export interface DeadLetterCounts {
  /** When counting began (the directory's first use, or the start when in memory only), ISO 8601. */
  since: string
  total: number
  byReason: Record<string, number>
  /** Station id (`_` for none, `(other)` beyond 5000 stations) → count. */
  byStation: Record<string, number>
  /** Station id → reason → count. */
  byStationReason: Record<string, Record<string, number>>
  /** Letters counted but not kept as a sample (rate limit under a flood). */
  unsampled: number
  /** Samples kept now. */
  sampled: number
}

/**
 * GET /api/deadletters: exact counts since `since`, and the kept samples (the last few of each
 * reason and station), newest first.
 */
export interface DeadLettersBody extends DeadLetterCounts {
  recent: DeadLetter[]
}
