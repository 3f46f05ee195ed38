/**
 * The planner turns "who must hear about this alert event" into outbox items, one per recipient
 * channel, keyed `${alertId}|${event}|${recipientId}|${channelKey}` (the dedupe), with quiet
 * hours applied as `notBefore`.
 *
 * Audiences:
 * - opened: every enabled recipient with a matching subscription, plus step 0 of the escalation
 *   policy (same event id, so someone in both hears once).
 * - escalated (severity rose): subscribers matching the new severity, plus everyone notified so far.
 * - step k ≥ 1: the step's groups and recipients. Naming someone in a policy step is a
 *   subscription in itself: the policy's `match` decides which alerts it covers.
 * - reminder: everyone notified so far.
 * - resolved: everyone notified so far, once; notices still deferred by quiet hours are cancelled
 *   first (nobody needs to wake to a warning that is already over) and those recipients skipped.
 * "Notified so far" = (recipient, channel) pairs with a pending or sent item for the alert.
 */
import type { Alert } from '../../../shared/src/domain/alert'
import type { Station } from '../../../shared/src/domain/station'
import type { TransitionType } from '../../../shared/src/rules/alert-book'
import { channelKey, channelLabel } from './channel-key'
import type { Recipient } from './model'
import type { NoticeKind, Outbox } from './outbox'
import { deliverAt } from './quiet-hours'
import type { RecipientStore } from './recipients'
import { isSubscribed, type AlertFacts } from './subscriptions'

/** The facts filters look at. */
export function factsOf(a: Alert, station: Station | undefined): AlertFacts {
  return { stationId: a.stationId, kind: a.kind, severity: a.severity, town: station?.town, townEn: station?.townEn }
}

/** One notice to plan. */
export interface NoticeSpec {
  kind: NoticeKind
  event: string
  step: number
  transition?: TransitionType
}

export class Planner {
  constructor(
    private readonly store: RecipientStore,
    private readonly outbox: Outbox,
    private readonly now: () => number,
  ) {}

  /** Enabled recipients subscribed to the alert. */
  subscribers(a: Alert, station: Station | undefined): Recipient[] {
    const facts = factsOf(a, station)
    return this.store.recipients().filter((r) => isSubscribed(r, facts))
  }

  /** Plan a notice to every channel of each recipient. Returns how many items were added. */
  toRecipients(a: Alert, recipients: readonly Recipient[], spec: NoticeSpec): number {
    let n = 0
    for (const r of recipients) {
      if (!r.enabled) continue
      for (const c of r.channels) n += this.add(a, r, channelKey(c), channelLabel(c), c.type, spec)
    }
    return n
  }

  /** Plan a notice to every (recipient, channel) notified so far about the alert. */
  toNotified(a: Alert, spec: NoticeSpec): number {
    let n = 0
    for (const { recipientId, channelKey: key } of this.notified(a.id)) {
      const ref = this.store.channel(recipientId, key)
      if (ref && ref.recipient.enabled) n += this.add(a, ref.recipient, key, channelLabel(ref.channel), ref.channel.type, spec)
    }
    return n
  }

  /** Cancel the alert's notices still deferred by quiet hours (never attempted). */
  cancelDeferred(alertId: string, reason: string): void {
    const now = this.now()
    for (const it of this.outbox.forAlert(alertId)) {
      if (it.state === 'pending' && it.attempts === 0 && it.notBefore > now)
        this.outbox.update(it.key, { state: 'cancelled', lastError: `cancelled: ${reason}` })
    }
  }

  /** (recipient, channel) pairs with a pending or sent notice (other than a resolution) for the alert. */
  notified(alertId: string): { recipientId: string; channelKey: string }[] {
    const seen = new Map<string, { recipientId: string; channelKey: string }>()
    for (const it of this.outbox.forAlert(alertId)) {
      if ((it.state === 'pending' || it.state === 'sent') && it.kind !== 'resolved')
        seen.set(`${it.recipientId}\u0000${it.channelKey}`, { recipientId: it.recipientId, channelKey: it.channelKey })
    }
    return [...seen.values()]
  }

  private add(a: Alert, r: Recipient, key: string, label: string, type: 'email' | 'webhook', spec: NoticeSpec): number {
    const itemKey = `${a.id}|${spec.event}|${r.id}|${key}`
    if (this.outbox.has(itemKey)) return 0
    const now = this.now()
    // A newer notice overtakes a deferred one for the same alert and channel: one message, current.
    for (const it of this.outbox.forAlert(a.id)) {
      if (it.state === 'pending' && it.recipientId === r.id && it.channelKey === key && it.attempts === 0 && it.notBefore > now) {
        this.outbox.update(it.key, { state: 'cancelled', lastError: `cancelled: superseded by ${spec.event}` })
      }
    }
    this.outbox.add({
      key: itemKey,
      alertId: a.id,
      recipientId: r.id,
      channelKey: key,
      channelType: type,
      channelLabel: label,
      kind: spec.kind,
      event: spec.event,
      step: spec.step,
      transition: spec.transition,
      alert: a,
      createdAt: now,
      notBefore: deliverAt(now, a.severity, r.quietHours),
    })
    return 1
  }
}
