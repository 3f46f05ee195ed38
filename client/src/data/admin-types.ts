/**
 * Wire shapes of the admin API (server/src/http/admin-stations.ts, admin-rules.ts, ops.ts,
 * server/src/auth/router.ts, server/src/notify/router.ts and model.ts) as the admin views read and
 * write them.
 */
import type { Severity } from '../../../shared/src/domain/alert'
import type { RejectReason, WarningReason } from '../../../shared/src/domain/reading'
import type { Station, StationKind } from '../../../shared/src/domain/station'
import type { Rule } from '../../../shared/src/rules/rule'
import type { RuleOverride } from '../../../shared/src/rules/standard-overrides'
import type { SessionUser } from './api'

/** GET /api/admin/stations item. */
export interface AdminStation extends Station {
  hasCredentials: boolean
  /** What its HJ 212 logger speaks and how it deviates (issue 12); absent before its first frame. */
  hj212?: AdminHj212Profile
}

/** A station's HJ 212 profile as the admin stations API serves it (ingest/src/decode/hj212-deviations.ts). */
export interface AdminHj212Profile {
  /** `HJ 212-2017`, `HJ/T 212-2005` or `Flag version N`. */
  edition: string
  flagVersion?: number
  lastFrame: number
  frames: number
  /** Deviation kind → first and last seen (epoch ms) and how many frames. */
  deviations: Record<string, { firstSeen: number; lastSeen: number; count: number }>
}

/** PUT /api/admin/stations/:id body (the id comes from the path). */
export type StationInput = Omit<Station, 'id'>

/** POST /api/admin/stations/:id/credentials answer: the password is shown once. */
export interface IssuedCredentials {
  stationId: string
  username: string
  password: string
  note: string
}

/** A user as the admin API lists it. */
export interface AdminUser extends SessionUser {
  disabled?: boolean
  createdAt: string
}

/** POST /api/admin/users body. */
export interface UserInput {
  username: string
  name?: string
  role: SessionUser['role']
  password: string
}

/** PATCH /api/admin/users/:id body. */
export interface UserPatch {
  name?: string
  role?: SessionUser['role']
  password?: string
  disabled?: boolean
}

/** A notification channel. Webhook secrets are write-only: the API answers `hasSecret`. */
export type ChannelInput =
  | { type: 'email'; to: string }
  | { type: 'webhook'; url: string; format: 'generic' | 'wecom' | 'dingtalk'; secret?: string | null; secretEnv?: string; hasSecret?: boolean }

/** Which alerts a recipient wants (all given fields must match). */
export interface SubscriptionInput {
  stations?: string[]
  kinds?: StationKind[]
  towns?: string[]
  minSeverity?: Severity
}

/** A recipient (PUT /api/admin/notify/recipients/:id). */
export interface Recipient {
  id: string
  name: string
  enabled: boolean
  channels: ChannelInput[]
  subscriptions: SubscriptionInput[]
  quietHours?: { start: string; end: string }
  /** One digest per station per backlog of late data (issue 10); absent: the server's default. */
  lateDigest?: boolean
}

/** An escalation group. */
export interface Group {
  id: string
  name: string
  members: string[]
}

/** One escalation step: `afterMs` from the alert's opening. */
export interface EscalationStep {
  afterMs: number
  groups: string[]
  recipients: string[]
}

/** An escalation policy (the first whose `match` fits an alert applies). */
export interface Policy {
  id: string
  name?: string
  match?: SubscriptionInput
  steps: EscalationStep[]
  reminderEveryMs?: number
  maxReminders?: number
}

export type { Rule, RuleOverride }

/** Station id (or `*`) → rule id → override, as GET /api/admin/rules answers it. */
export type RuleOverrideMap = Record<string, Record<string, RuleOverride>>

/** GET /api/admin/rules[?station=id]: every override, and the station's effective rules when asked. */
export interface RulesBody {
  overrides: RuleOverrideMap
  rules?: Rule[]
}

/** PUT /api/admin/rules/:stationId answer: the station's overrides now, and its effective rules (not for `*`). */
export interface RulesPutBody {
  stationId: string
  overrides: Record<string, RuleOverride>
  rules?: Rule[]
}

/** Why a message went to the dead letter (ingest/src/decode/dead-letter.ts). */
export type DeadLetterReason = RejectReason | WarningReason | 'internal'

/** One dead letter: a rejected message, or an accepted one with a warning. */
export interface DeadLetter {
  topic: string
  stationId?: string
  reason: DeadLetterReason
  message: string
  /** Accepted, with something worth telling (e.g. an unknown metric). */
  warning: boolean
  /** The payload as received, cut at the server's limit when `truncated`. */
  payloadBase64: string
  /** The original payload size in bytes. */
  size: number
  truncated: boolean
  /** ISO 8601. */
  receivedAt: string
  via: 'mqtt' | 'tcp'
}

/**
 * GET /api/deadletters: exact counts since `since` (kept across restarts), and the kept samples
 * (the last few of each reason and station), newest first.
 */
export interface DeadLettersBody {
  /** When counting began (ISO 8601). */
  since: string
  total: number
  byReason: Record<string, number>
  /** Station id (`_` for none, `(other)` beyond 5000 stations) → count. */
  byStation: Record<string, number>
  /** Station id → reason → count. */
  byStationReason: Record<string, Record<string, number>>
  /** Counted, but not kept as a sample (rate limit under a flood). */
  unsampled: number
  /** Samples kept now. */
  sampled: number
  recent: DeadLetter[]
}
