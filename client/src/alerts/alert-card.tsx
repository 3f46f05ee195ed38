/**
 * A compact alert (sidebar, station panel): severity stripe, station, metric, value vs limit,
 * ticking duration, state and actions. `data-testid="alert-row"`.
 */
import { memo } from 'react'
import type { AlertEvent } from '../../../shared/src/domain/alert'
import { useI18n } from '../i18n/use-i18n'
import { formatCstShort } from '../time/cst'
import { AlertButtons } from './alert-buttons'
import { AlertDuration } from './alert-duration'
import { AlertOriginBadge } from './alert-origin'
import { AlertReviewBadge } from '../review/alert-review-badge'
import { alertStationName, metricAndWindow, valueVsLimit } from './alert-text'

/** Props of {@link AlertCard}. */
export interface AlertCardProps {
  alert: AlertEvent
  /** Show the station name as a button that opens it (omit inside the station's own panel). */
  onOpenStation?: (id: string) => void
}

/** One compact alert; re-renders only when its alert changes (the duration ticks alone). */
export const AlertCard = memo(function AlertCard({ alert: a, onOpenStation }: AlertCardProps) {
  const { t, lang } = useI18n()
  return (
    <li
      className={`alert-card sev-${a.severity} state-${a.state}`}
      data-testid="alert-row"
      data-alert-id={a.id}
      data-state={a.state}
      data-severity={a.severity}
    >
      <div className="alert-card-head">
        <span className={`sev-pill sev-${a.severity}`}>{t(`severity.${a.severity}`)}</span>
        {onOpenStation ? (
          <button type="button" className="link-button alert-station" onClick={() => onOpenStation(a.stationId)}>
            {alertStationName(a, lang)}
          </button>
        ) : (
          <span className="alert-station">{metricAndWindow(a, lang, t)}</span>
        )}
        <span className="alert-duration" title={t('alerts.opened', { time: formatCstShort(a.openedAt) })}>
          <AlertDuration alert={a} />
        </span>
      </div>
      <div className="alert-card-body">
        {onOpenStation && <span className="alert-metric">{metricAndWindow(a, lang, t)}</span>}
        <span className="alert-value">{valueVsLimit(a)}</span>
        <span className={`state-pill state-${a.state}`}>{t(`state.${a.state}`)}</span>
        <AlertOriginBadge alert={a} /> <AlertReviewBadge alert={a} />
      </div>
      <AlertButtons alert={a} compact />
    </li>
  )
})
