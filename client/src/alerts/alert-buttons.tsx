/**
 * The acknowledge / resolve buttons of one alert (`data-testid="ack-button"`).
 */
import type { AlertEvent } from '../../../shared/src/domain/alert'
import { canActOnAlerts, useSession } from '../auth/session'
import { useI18n } from '../i18n/use-i18n'
import { requestAlertAction } from './alert-actions'

/** Props of {@link AlertButtons}. */
export interface AlertButtonsProps {
  alert: AlertEvent
  compact?: boolean
}

/** Ack when open, resolve while not resolved; nothing for roles that may not act on alerts. */
export function AlertButtons({ alert, compact }: AlertButtonsProps) {
  const { t } = useI18n()
  const session = useSession()
  if (alert.state === 'resolved' || !canActOnAlerts(session)) return null
  const cls = `btn ${compact ? 'btn-small' : ''}`
  return (
    <div className="alert-buttons">
      {alert.state === 'open' && (
        <button
          type="button"
          className={`${cls} btn-primary`}
          data-testid="ack-button"
          onClick={(e) => requestAlertAction(alert, 'ack', e.currentTarget)}
        >
          {t('alerts.ack')}
        </button>
      )}
      <button
        type="button"
        className={`${cls} btn-quiet`}
        data-testid="resolve-button"
        onClick={(e) => requestAlertAction(alert, 'resolve', e.currentTarget)}
      >
        {t('alerts.resolve')}
      </button>
    </div>
  )
}
