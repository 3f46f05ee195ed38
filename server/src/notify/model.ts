/**
 * The notification book: recipients (with channels, subscriptions and quiet hours), escalation
 * groups and escalation policies. One zod schema per concept validates both the recipients file in
 * the data directory and the admin API, so the two can never disagree.
 *
 * Stored as `${dataDir}/notify/recipients.json`:
 * ```json
 * { "version": 1,
 *   "recipients": [{ "id": "ops", "name": "值班室", "channels": [{ "type": "email", "to": "ops@example.cn" }],
 *                    "subscriptions": [{ "kinds": ["air"], "towns": ["莞城街道"], "minSeverity": "warning" }],
 *                    "quietHours": { "start": "22:00", "end": "07:00" } }],
 *   "groups": [{ "id": "duty", "name": "Duty officers", "members": ["ops"] }],
 *   "policies": [{ "id": "default", "steps": [{ "afterMs": 0, "groups": ["duty"] }, { "afterMs": 900000, "recipients": ["chief"] }],
 *                  "reminderEveryMs": 3600000 }] }
 * ```
 */
import { z } from 'zod'
import { SEVERITIES, type Severity } from '../../../shared/src/domain/alert'
import { STATION_ID_PATTERN, STATION_KINDS } from '../../../shared/src/domain/station'
import { REPORT_KINDS } from '../../../shared/src/protocol/http/reports'

/** Ids of recipients, groups and policies: 1-64 of `A-Z a-z 0-9 _ . -`. */
export const idSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'expected 1-64 characters of A-Z a-z 0-9 _ . -')

const severity = z.enum(SEVERITIES as [Severity, ...Severity[]])
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM between 00:00 and 23:59')

/** Webhook body formats: our generic JSON, a WeCom group robot, a DingTalk group robot. */
export const WEBHOOK_FORMATS = ['generic', 'wecom', 'dingtalk'] as const
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number]

/** An e-mail address to send to. */
export const emailChannelSchema = z.object({ type: z.literal('email'), to: z.email() }).strict()

/**
 * A webhook. `secret` signs the body (`X-Envmon-Signature`) and, for DingTalk, the URL; it may
 * instead name an environment variable with `secretEnv` (`NOTIFY_SECRET_<NAME>`), so the file
 * need not hold it. On PUT, an omitted `secret` keeps the stored one of a channel with the same
 * URL; `null` removes it.
 */
export const webhookChannelSchema = z
  .object({
    type: z.literal('webhook'),
    url: z.url({ protocol: /^https?$/ }).max(2048),
    format: z.enum(WEBHOOK_FORMATS).default('generic'),
    secret: z.string().min(1).max(512).nullable().optional(),
    secretEnv: z
      .string()
      .regex(/^NOTIFY_SECRET_[A-Z0-9_]+$/, 'expected NOTIFY_SECRET_<NAME>')
      .optional(),
  })
  .strict()

export const channelSchema = z.discriminatedUnion('type', [emailChannelSchema, webhookChannelSchema])

/**
 * Which alerts a recipient wants. Every given field must match (AND); an omitted field matches
 * anything. `towns` matches the station's town in Chinese or English.
 */
export const filterSchema = z
  .object({
    stations: z.array(z.string().regex(STATION_ID_PATTERN, 'invalid station id')).max(1000).optional(),
    kinds: z.array(z.enum(STATION_KINDS)).optional(),
    towns: z.array(z.string().min(1).max(64)).max(100).optional(),
    minSeverity: severity.optional(),
  })
  .strict()

/** Quiet hours in China Standard Time (UTC+8, no DST); `start` > `end` spans midnight. */
export const quietHoursSchema = z
  .object({ start: hhmm, end: hhmm })
  .strict()
  .refine((q) => q.start !== q.end, { message: 'start and end must differ' })

/** A recipient as sent to PUT /recipients/:id (the id comes from the path). */
export const recipientInputSchema = z
  .object({
    id: idSchema.optional(),
    name: z.string().min(1).max(100),
    enabled: z.boolean().default(true),
    channels: z.array(channelSchema).min(1).max(10),
    /** Any matching subscription (OR) subscribes the recipient to an alert. */
    subscriptions: z.array(filterSchema).max(50).default([]),
    quietHours: quietHoursSchema.optional(),
    /** One digest per station per backlog of late data with historical exceedances; default `NOTIFY_LATE_DIGEST`. */
    lateDigest: z.boolean().optional(),
    /** Report kinds e-mailed to the recipient when issued (issue 14; server/src/reports/report-mailer.ts). */
    reports: z.array(z.enum(REPORT_KINDS)).max(REPORT_KINDS.length).optional(),
  })
  .strict()

/** An escalation group: recipients notified together at one step. */
export const groupInputSchema = z
  .object({ id: idSchema.optional(), name: z.string().min(1).max(100), members: z.array(idSchema).min(1).max(200) })
  .strict()

const stepSchema = z
  .object({
    /** Milliseconds after the escalation started (the alert opened) at which this step fires. */
    afterMs: z
      .number()
      .int()
      .min(0)
      .max(30 * 86_400_000),
    groups: z.array(idSchema).default([]),
    recipients: z.array(idSchema).default([]),
  })
  .strict()
  .refine((s) => s.groups.length + s.recipients.length > 0, { message: 'a step needs at least one group or recipient' })

/** An escalation policy; the first policy whose `match` fits an alert applies. */
export const policyInputSchema = z
  .object({
    id: idSchema.optional(),
    name: z.string().max(100).optional(),
    match: filterSchema.optional(),
    steps: z.array(stepSchema).min(1).max(10),
    /** Remind everyone notified so far at this interval while the alert is open and unacknowledged. */
    reminderEveryMs: z
      .number()
      .int()
      .min(60_000)
      .max(7 * 86_400_000)
      .optional(),
    maxReminders: z.number().int().min(1).max(1000).optional(),
  })
  .strict()
  .refine((p) => p.steps[0]!.afterMs === 0, {
    message: 'steps[0].afterMs must be 0 (the first step is notified at once)',
    path: ['steps', 0, 'afterMs'],
  })
  .refine((p) => p.steps.every((s, i) => i === 0 || s.afterMs > p.steps[i - 1]!.afterMs), {
    message: 'steps must have increasing afterMs',
    path: ['steps'],
  })

export type EmailChannel = z.output<typeof emailChannelSchema>
/** A stored webhook channel (never holds `null`). */
export type WebhookChannel = Omit<z.output<typeof webhookChannelSchema>, 'secret'> & { secret?: string }
export type ChannelSpec = EmailChannel | WebhookChannel
export type Filter = z.output<typeof filterSchema>
export type QuietHours = z.output<typeof quietHoursSchema>
export type RecipientInput = z.output<typeof recipientInputSchema>
/** A stored recipient. */
export type Recipient = Omit<RecipientInput, 'id' | 'channels'> & { id: string; channels: ChannelSpec[] }
export type Group = Omit<z.output<typeof groupInputSchema>, 'id'> & { id: string }
export type EscalationStep = z.output<typeof stepSchema>
export type Policy = Omit<z.output<typeof policyInputSchema>, 'id'> & { id: string }

/** The whole recipients file. */
export interface NotifyBook {
  version: 1
  recipients: Recipient[]
  groups: Group[]
  policies: Policy[]
}

/** Schema of the recipients file (ids required). */
export const bookSchema = z
  .object({
    version: z.literal(1),
    recipients: z.array(recipientInputSchema.and(z.object({ id: idSchema }))).default([]),
    groups: z.array(groupInputSchema.and(z.object({ id: idSchema }))).default([]),
    policies: z.array(policyInputSchema.and(z.object({ id: idSchema }))).default([]),
  })
  .strict()
