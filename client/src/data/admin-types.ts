/**
 * Wire shapes of the admin API (server/src/http/admin-stations.ts, server/src/auth/router.ts,
 * server/src/notify/router.ts and model.ts) as the admin views read and write them.
 */
import type { Severity } from '../../../shared/src/domain/alert'
import type { Station, StationKind } from '../../../shared/src/domain/station'
import type { SessionUser } from './api'

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
