/**
 * Notifications: alert transitions → planner → durable outbox → e-mail / webhook senders, with
 * subscriptions, quiet hours, escalation and reminders. This file only wires the parts together.
 *
 * Files in `${dataDir}/notify/`: `recipients.json` (recipients, groups, policies; edited through
 * the admin router; mode 0600), `outbox.jsonl` (every notice and its delivery state),
 * `escalations.json` (active escalations).
 *
 * @example
 * const notifier = createNotifier({
 *   dataDir: config.dataDir, now, publicUrl: url, config: notifyConfigFromEnv(process.env), log,
 *   lookupStation: (id) => registry.get(id), getAlert: (id) => alerts.get(id),
 * })
 * alerts.on('transition', (t) => notifier.onTransition(t))
 * app.use('/api/admin/notify', requireRole('admin'), notifier.router)
 * notifier.start()
 * // on shutdown: await notifier.stop()
 */
import { join } from 'node:path'
import type { Router } from 'express'
import type { Alert } from '../../../shared/src/domain/alert'
import type { Station } from '../../../shared/src/domain/station'
import type { AlertTransition } from '../../../shared/src/rules/alert-book'
import type { BacklogSummary } from '../../../shared/src/rules/backlog'
import type { ReportKind } from '../../../shared/src/protocol/http/reports'
import { createEmailSender, type EmailSender } from './channels/email'
import { createWebhookSender } from './channels/webhook'
import type { NotifyConfig } from './config'
import { createDeliver } from './deliver'
import { Dispatcher } from './dispatcher'
import { EscalationStore } from './escalation-store'
import { Notifier, type NotifyLog, type NotifyStats, type Timers } from './notifier'
import type { DeliveryStatus } from './status'
import { Outbox } from './outbox'
import { Planner } from './planner'
import { RecipientStore } from './recipients'
import { notifyAdminRouter } from './router'

export { notifyConfigFromEnv, type NotifyConfig, type SmtpConfig } from './config'
export type { NotifyLog, NotifyStats, Timers } from './notifier'
export type { DeliveryStatus } from './status'
export type { DeliveryState } from './outbox'

export interface NotifierOptions {
  /** The data directory; notification files live in its `notify/` subdirectory. */
  dataDir: string
  now: () => number
  /** Base URL of the UI for alert links (`${publicUrl}/#/alerts/<id>`). */
  publicUrl: string
  /** The station registry lookup. */
  lookupStation: (stationId: string) => Station | undefined
  /** The alert service lookup (current state, to stop escalations and reconcile after a restart). */
  getAlert: (alertId: string) => Alert | undefined
  config: NotifyConfig
  log: NotifyLog
  /** Timer functions for the send loop (default: global setTimeout / clearTimeout). */
  timers?: Timers
}

/** What the composition root gets. */
export interface NotifierHandle {
  /** Feed every alert transition here (synchronously from the alert service's `transition` event). Never throws. */
  onTransition(t: AlertTransition): void
  /** Feed every end of a station's backlog of late data here (the late-data digest). Never throws. */
  onBacklog(b: BacklogSummary): void
  /** Delivery status of an alert's notices. */
  statusFor(alertId: string): DeliveryStatus[]
  /** Admin API for recipients, groups, policies and deliveries; mount behind the admin role. */
  router: Router
  /** Start the send loop; pending items from before a restart go out now. */
  start(): void
  /** Run everything due at `now()` to completion (tests, manual clocks). */
  tick(): Promise<void>
  /** Counts for /metrics (items by state, active escalations, sends in flight). */
  stats(): NotifyStats
  /** Stop the loop, let sends in flight finish (bounded by the timeout), close files and the SMTP transport. */
  stop(): Promise<void>
  /** Enabled recipients subscribed to a report kind, with their e-mail addresses (issue 14). */
  reportRecipients(kind: ReportKind): { id: string; name: string; emails: string[] }[]
  /** The e-mail channel (reports are mailed through it). */
  email: EmailSender
}

/**
 * Build the notifier. Throws (at start-up) when the recipients file is invalid.
 */
export function createNotifier(o: NotifierOptions): NotifierHandle {
  const dir = join(o.dataDir, 'notify')
  const store = RecipientStore.load(join(dir, 'recipients.json'))
  const outbox = new Outbox(join(dir, 'outbox.jsonl'), { now: o.now, retentionMs: o.config.retentionMs })
  if (outbox.corruptLines) o.log.warn(`notify: skipped ${outbox.corruptLines} torn line(s) in the outbox`)
  const escalations = new EscalationStore(join(dir, 'escalations.json'))
  const email = createEmailSender(o.config.smtp, o.config.timeoutMs)
  const webhook = createWebhookSender({ timeoutMs: o.config.timeoutMs })
  for (const r of store.recipients()) {
    for (const c of r.channels) {
      if (c.type === 'webhook' && c.secretEnv && !o.config.secrets[c.secretEnv])
        o.log.warn(`notify: recipient ${r.id}: ${c.secretEnv} is not set; its webhook will fail`)
      if (c.type === 'email' && !o.config.smtp) o.log.warn(`notify: recipient ${r.id} has e-mail but SMTP is not configured`)
    }
  }
  const deliver = createDeliver({
    store,
    station: o.lookupStation,
    publicUrl: o.publicUrl,
    now: o.now,
    email,
    webhook,
    secrets: o.config.secrets,
  })
  // The dispatcher reports settled deliveries to the notifier built just below: it only does so from a
  // delivery's promise (never synchronously while either is constructed), so the closure may name it.
  const dispatcher = new Dispatcher(outbox, deliver, {
    now: o.now,
    maxAttempts: o.config.maxAttempts,
    backoffBaseMs: o.config.backoffBaseMs,
    backoffMaxMs: o.config.backoffMaxMs,
    concurrency: o.config.concurrency,
    log: o.log,
    onSettled: () => notifier.onSettled(),
  })
  const notifier: Notifier = new Notifier({
    store,
    outbox,
    escalations,
    planner: new Planner(store, outbox, o.now),
    dispatcher,
    lookupStation: o.lookupStation,
    getAlert: o.getAlert,
    now: o.now,
    log: o.log,
    lateDigest: o.config.lateDigest,
    timers: o.timers ?? {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    },
    close: () => {
      email.close()
      outbox.close()
    },
  })
  const n = notifier
  return {
    onTransition: (t) => n.onTransition(t),
    onBacklog: (b) => n.onBacklog(b),
    statusFor: (id) => n.statusFor(id),
    router: notifyAdminRouter({ store, statusFor: (id) => n.statusFor(id), log: (m) => o.log.error(m) }),
    start: () => n.start(),
    tick: () => n.tick(),
    stats: () => n.stats(),
    stop: () => n.stop(),
    reportRecipients: (kind) =>
      store
        .recipients()
        .filter((r) => r.enabled && r.reports?.includes(kind))
        .map((r) => ({ id: r.id, name: r.name, emails: r.channels.flatMap((c) => (c.type === 'email' ? [c.to] : [])) }))
        .filter((r) => r.emails.length > 0),
    email,
  }
}
