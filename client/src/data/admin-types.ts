/**
 * Wire shapes of the admin API (server/src/http/admin-stations.ts, admin-rules.ts, ops.ts,
 * server/src/auth/router.ts, server/src/notify/router.ts and model.ts) as the admin views read and
 * write them.
 */
import type { ReportKind } from '../../../shared/src/protocol/http/reports'
import type { Severity } from '../../../shared/src/domain/alert'
import type { Station, StationKind } from '../../../shared/src/domain/station'
import type { Rule } from '../../../shared/src/rules/rule'
import type { RuleOverride } from '../../../shared/src/rules/standard-overrides'
import type { SessionUser, UserView } from '../../../shared/src/protocol/http/users'

/** GET /api/admin/stations item. */
export interface AdminStation extends Station {
  hasCredentials: boolean
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

/** A user as the admin API lists it (the wire type, shared with the server). */
export type AdminUser = UserView

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
  /** Report kinds e-mailed to the recipient when issued (issue 14). */
  reports?: ReportKind[]
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

// The dead letter's wire shapes (GET /api/deadletters): one definition, shared with ingest.
export type { DeadLetter, DeadLetterReason, DeadLettersBody } from '../../../shared/src/protocol/http/dead-letters'
