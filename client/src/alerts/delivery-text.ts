/**
 * Notification events in words (server/src/notify: `opened`, `severity:<s>`, `step:<k>`,
 * `reminder:<n>`, `resolved`, `digest` for a late-data digest).
 */
import type { MessageKey } from '../i18n/dict'
import type { Translate } from '../i18n/i18n'

const KNOWN_SEV = new Set(['info', 'warning', 'critical'])

/**
 * The reason of a notice in words: `opened`, `severity:critical`, `step:2`, `reminder:3`, `resolved`.
 * @example deliveryEvent('step:2', t) // 'Escalation step 2'
 */
export function deliveryEvent(event: string, t: Translate): string {
  const [head, arg = ''] = event.split(':')
  switch (head) {
    case 'opened':
      return t('delivery.event.opened')
    case 'resolved':
      return t('delivery.event.resolved')
    case 'digest':
      return t('delivery.event.digest')
    case 'severity':
      return t('delivery.event.severity', { s: KNOWN_SEV.has(arg) ? t(`severity.${arg}` as MessageKey) : arg })
    case 'step':
      return t('delivery.event.step', { n: arg })
    case 'reminder':
      return t('delivery.event.reminder', { n: arg })
    default:
      return event
  }
}
