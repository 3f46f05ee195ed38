/**
 * Forms of the notification book (recipients, groups, escalation policies) and the API bodies they
 * become, with the checks the server's schemas make (server/src/notify/model.ts) so the form can
 * say what is wrong before sending. Times are edited in minutes, sent in ms. Pure.
 */
import type { ReportKind } from '../../../shared/src/protocol/http/reports'
import type { Severity } from '../../../shared/src/domain/alert'
import type { StationKind } from '../../../shared/src/domain/station'
import type { ChannelInput, Policy, Recipient, SubscriptionInput } from '../data/admin-types'

/** Ids of recipients, groups and policies. */
export const NOTIFY_ID = /^[A-Za-z0-9_.-]{1,64}$/

/** A subscription or policy match as edited. */
export interface FilterForm {
  kinds: StationKind[]
  towns: string
  stations: string
  minSeverity: Severity | ''
}

/** A recipient as edited. */
export interface RecipientForm {
  id: string
  name: string
  enabled: boolean
  channels: ChannelInput[]
  subscriptions: FilterForm[]
  quiet: boolean
  quietStart: string
  quietEnd: string
  /** Late-data digest: the server's default (`NOTIFY_LATE_DIGEST`), on or off. */
  lateDigest: 'default' | 'on' | 'off'
  /** Report kinds e-mailed when issued (issue 14); absent = none. */
  reports?: ReportKind[]
}

/** One escalation step as edited. */
export interface StepForm {
  afterMin: string
  groups: string[]
  recipients: string[]
}

/** A policy as edited. */
export interface PolicyForm {
  id: string
  name: string
  match: FilterForm
  steps: StepForm[]
  reminderMin: string
  maxReminders: string
}

/** `a, b，c` → ['a', 'b', 'c'] (ASCII and full-width commas, blanks dropped). */
export function splitList(s: string): string[] {
  return s
    .split(/[,，\s]+/)
    .map((x) => x.trim())
    .filter(Boolean)
}

/** An empty filter (matches everything). */
export const EMPTY_FILTER: FilterForm = { kinds: [], towns: '', stations: '', minSeverity: '' }

/** A filter form to the API shape (omitted fields match anything). */
export function filterToApi(f: FilterForm): SubscriptionInput {
  const out: SubscriptionInput = {}
  if (f.kinds.length) out.kinds = [...f.kinds]
  if (splitList(f.towns).length) out.towns = splitList(f.towns)
  if (splitList(f.stations).length) out.stations = splitList(f.stations)
  if (f.minSeverity) out.minSeverity = f.minSeverity
  return out
}

/** The API filter as a form. */
export function filterToForm(s: SubscriptionInput | undefined): FilterForm {
  return {
    kinds: [...(s?.kinds ?? [])],
    towns: (s?.towns ?? []).join(', '),
    stations: (s?.stations ?? []).join(', '),
    minSeverity: s?.minSeverity ?? '',
  }
}

/** A recipient's form. */
export function recipientToForm(r: Recipient): RecipientForm {
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    channels: r.channels.map((c) => ({ ...c })),
    subscriptions: r.subscriptions.map(filterToForm),
    quiet: !!r.quietHours,
    quietStart: r.quietHours?.start ?? '22:00',
    quietEnd: r.quietHours?.end ?? '07:00',
    lateDigest: r.lateDigest === undefined ? 'default' : r.lateDigest ? 'on' : 'off',
    reports: [...(r.reports ?? [])],
  }
}

/** Problems of a form, as dictionary suffixes (`admin.err.<x>`). */
export type NotifyProblem =
  'id' | 'name' | 'channels' | 'email' | 'url' | 'quiet' | 'steps' | 'firstStep' | 'stepOrder' | 'stepEmpty' | 'reminder'

/**
 * The PUT body of a recipient, or what is wrong. A webhook's blank secret is left out (the server
 * keeps the stored one).
 */
export function formToRecipient(f: RecipientForm): { ok: true; value: Recipient } | { ok: false; problems: NotifyProblem[] } {
  const p: NotifyProblem[] = []
  if (!NOTIFY_ID.test(f.id)) p.push('id')
  if (!f.name.trim()) p.push('name')
  if (f.channels.length === 0) p.push('channels')
  for (const c of f.channels) {
    if (c.type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(c.to)) p.push('email')
    if (c.type === 'webhook' && !/^https?:\/\/\S+$/.test(c.url)) p.push('url')
  }
  const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/
  if (f.quiet && (!hhmm.test(f.quietStart) || !hhmm.test(f.quietEnd) || f.quietStart === f.quietEnd)) p.push('quiet')
  if (p.length) return { ok: false, problems: [...new Set(p)] }
  const channels: ChannelInput[] = f.channels.map((c) => {
    if (c.type === 'email') return { type: 'email', to: c.to.trim() }
    const w: ChannelInput = { type: 'webhook', url: c.url.trim(), format: c.format }
    if (c.secret) w.secret = c.secret
    if (c.secretEnv) w.secretEnv = c.secretEnv
    return w
  })
  const value: Recipient = { id: f.id, name: f.name.trim(), enabled: f.enabled, channels, subscriptions: f.subscriptions.map(filterToApi) }
  if (f.quiet) value.quietHours = { start: f.quietStart, end: f.quietEnd }
  if (f.lateDigest !== 'default') value.lateDigest = f.lateDigest === 'on'
  if (f.reports && f.reports.length > 0) value.reports = [...f.reports]
  return { ok: true, value }
}

/** A policy's form. */
export function policyToForm(x: Policy): PolicyForm {
  return {
    id: x.id,
    name: x.name ?? '',
    match: filterToForm(x.match),
    steps: x.steps.map((s) => ({ afterMin: String(s.afterMs / 60_000), groups: [...s.groups], recipients: [...s.recipients] })),
    reminderMin: x.reminderEveryMs ? String(x.reminderEveryMs / 60_000) : '',
    maxReminders: x.maxReminders ? String(x.maxReminders) : '',
  }
}

/** The PUT body of a policy, or what is wrong (steps start at 0 and increase; each names someone). */
export function formToPolicy(f: PolicyForm): { ok: true; value: Policy } | { ok: false; problems: NotifyProblem[] } {
  const p: NotifyProblem[] = []
  if (!NOTIFY_ID.test(f.id)) p.push('id')
  const after = f.steps.map((s) => Number(s.afterMin))
  if (f.steps.length === 0) p.push('steps')
  else if (after[0] !== 0) p.push('firstStep')
  if (after.some((a, i) => !Number.isFinite(a) || a < 0 || (i > 0 && a <= after[i - 1]!))) p.push('stepOrder')
  if (f.steps.some((s) => s.groups.length + s.recipients.length === 0)) p.push('stepEmpty')
  const reminder = f.reminderMin.trim() ? Number(f.reminderMin) : undefined
  if (reminder !== undefined && !(reminder >= 1)) p.push('reminder')
  if (p.length) return { ok: false, problems: p }
  const match = filterToApi(f.match)
  const value: Policy = {
    id: f.id,
    steps: f.steps.map((s, i) => ({ afterMs: Math.round(after[i]! * 60_000), groups: s.groups, recipients: s.recipients })),
  }
  if (f.name.trim()) value.name = f.name.trim()
  if (Object.keys(match).length) value.match = match
  if (reminder !== undefined) value.reminderEveryMs = Math.round(reminder * 60_000)
  if (f.maxReminders.trim()) value.maxReminders = Number(f.maxReminders)
  return { ok: true, value }
}
