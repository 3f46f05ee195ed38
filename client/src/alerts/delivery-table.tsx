/**
 * Delivery status of an alert's notifications: who, over which channel, why (the event: opened,
 * escalation step, reminder, resolution), where it stands (sent, pending with the next attempt or
 * held by quiet hours, failed with the error), attempts and times in CST.
 */
import type { DeliveryView } from '../data/api-types'
import type { Translate } from '../i18n/i18n'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'
import { formatCstShort } from '../time/cst'
import { deliveryEvent } from './delivery-text'

/** Props of {@link DeliveryTable}. */
export interface DeliveryTableProps {
  deliveries: readonly DeliveryView[]
}

const KNOWN_STATES = new Set(['pending', 'sent', 'failed', 'cancelled'])

function when(d: DeliveryView, t: Translate): string {
  if (d.state === 'sent' && d.sentAt) return t('delivery.sentAt', { time: formatCstShort(d.sentAt) })
  if (d.state === 'pending') {
    if (Date.parse(d.notBefore) > Date.parse(d.createdAt) + 1000) return t('delivery.quietUntil', { time: formatCstShort(d.notBefore) })
    if (d.nextAttemptAt) return t('delivery.nextAt', { time: formatCstShort(d.nextAttemptAt) })
  }
  return formatCstShort(d.createdAt)
}

/** The deliveries table. */
export function DeliveryTable({ deliveries }: DeliveryTableProps) {
  const { t } = useI18n()
  if (deliveries.length === 0) return <p className="muted">{t('delivery.none')}</p>
  return (
    <div className="table-wrap">
      <table className="data-table delivery-table" data-testid="delivery-table">
        <thead>
          <tr>
            <th scope="col">{t('delivery.recipient')}</th>
            <th scope="col">{t('delivery.channel')}</th>
            <th scope="col">{t('delivery.event')}</th>
            <th scope="col">{t('delivery.state')}</th>
            <th scope="col" className="num">
              {t('delivery.attempts')}
            </th>
            <th scope="col">{t('delivery.when')}</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d, i) => (
            <tr key={`${d.recipient}|${d.channel}|${d.event}|${i}`} data-testid="delivery-row" data-state={d.state}>
              <td>
                {d.recipientName ?? d.recipient}
                {d.recipientName && <div className="cell-sub mono">{d.recipient}</div>}
              </td>
              <td>
                {d.channelType === 'email' ? t('admin.n.email') : d.channelType === 'webhook' ? t('admin.n.webhook') : d.channelType}
                <div className="cell-sub">{d.channel}</div>
              </td>
              <td>{deliveryEvent(d.event, t)}</td>
              <td>
                <span className={`delivery-pill delivery-${d.state}`}>
                  {KNOWN_STATES.has(d.state) ? t(`delivery.s.${d.state}` as MessageKey) : d.state}
                </span>
                {d.lastError && <div className="cell-sub error-text">{d.lastError}</div>}
              </td>
              <td className="num">{d.attempts}</td>
              <td>{when(d, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
