/**
 * One row of the alert table (`data-testid="alert-row"`).
 */
import { memo } from 'react'
import type { AlertEvent } from '../../../shared/src/domain/alert'
import { useI18n } from '../i18n/use-i18n'
import { routeHref } from '../shell/route'
import { formatCstShort } from '../time/cst'
import { formatValue, kindLabel, metricLabel, windowLabel } from '../ui/labels'
import { AlertButtons } from './alert-buttons'
import { AlertDuration } from './alert-duration'
import { AlertOriginBadge } from './alert-origin'
import { AlertReviewBadge } from '../review/alert-review-badge'
import { alertStationName, valueVsLimit } from './alert-text'

/** Props of {@link AlertTableRow}. */
export interface AlertTableRowProps {
  alert: AlertEvent
}

/** A table row; re-renders only when its alert or the language changes (the duration ticks alone). */
export const AlertTableRow = memo(function AlertTableRow({ alert: a }: AlertTableRowProps) {
  const { t, lang } = useI18n()
  const by = a.acknowledged ?? a.resolved
  return (
    <tr
      className={`alert-tr sev-${a.severity} state-${a.state}`}
      data-testid="alert-row"
      data-alert-id={a.id}
      data-state={a.state}
      data-severity={a.severity}
      data-historical={a.historical ? '1' : undefined}
    >
      <td>
        <span className={`sev-pill sev-${a.severity}`}>{t(`severity.${a.severity}`)}</span>
      </td>
      <td>
        <a href={routeHref({ view: 'station', stationId: a.stationId })} className="alert-station">
          {alertStationName(a, lang)}
        </a>
        <div className="cell-sub">{kindLabel(a.kind, t)}</div>
      </td>
      <td>
        {metricLabel(a.kind, a.metric, lang, t)}
        <div className="cell-sub">{windowLabel(a.window, t)}</div>
      </td>
      <td className="num">
        {valueVsLimit(a)}
        {a.peak !== a.value && <div className="cell-sub">{t('alerts.peak', { v: formatValue(a.kind, a.metric, a.peak) })}</div>}
      </td>
      <td className="num">
        <AlertDuration alert={a} />
        <div className="cell-sub">{formatCstShort(a.openedAt)}</div>
      </td>
      <td>
        <span className={`state-pill state-${a.state}`}>{t(`state.${a.state}`)}</span> <AlertOriginBadge alert={a} />{' '}
        <AlertReviewBadge alert={a} />
        {by && (
          <div className="cell-sub" title={by.note}>
            {by.by} · {formatCstShort(by.at)}
            {by.note ? ` · ${by.note}` : ''}
          </div>
        )}
      </td>
      <td className="cell-message" title={a.message}>
        <a href={routeHref({ view: 'alerts', alertId: a.id })} className="alert-detail-link" data-testid="alert-detail-link">
          {a.message}
        </a>
      </td>
      <td>
        <AlertButtons alert={a} compact />
      </td>
    </tr>
  )
})
