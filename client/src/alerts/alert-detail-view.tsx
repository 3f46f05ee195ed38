/**
 * One alert (`#/alerts/<id>`, the link notifications carry): what, where, since when (ticking),
 * value against limit and peak, who acknowledged or resolved it with their notes, the actions,
 * and the delivery status of its notifications.
 */
import { useAlerts, useStationList } from '../data/hooks'
import { alertStore } from '../data/live'
import { useI18n } from '../i18n/use-i18n'
import { routeHref } from '../shell/route'
import { formatCstDateTime } from '../time/cst'
import { formatWithUnit, kindLabel } from '../ui/labels'
import { AlertButtons } from './alert-buttons'
import { AlertDuration } from './alert-duration'
import { AlertOriginBadge, openedLate } from './alert-origin'
import { AlertReviewBadge } from '../review/alert-review-badge'
import { alertStationName, metricAndWindow, valueVsLimit } from './alert-text'
import { DeliveryTable } from './delivery-table'
import { useAlertDetail } from './use-alert-detail'

/** Props of {@link AlertDetailView}. */
export interface AlertDetailViewProps {
  alertId: string
}

/** The alert page. */
export function AlertDetailView({ alertId }: AlertDetailViewProps) {
  const { t, lang } = useI18n()
  useAlerts()
  useStationList()
  const detail = useAlertDetail(alertId)
  const a = alertStore.get(alertId)
  const back = (
    <div className="page-head">
      <a className="back-link" href={routeHref({ view: 'alerts' })}>
        ← {t('alert.back')}
      </a>
    </div>
  )
  if (!a) {
    return (
      <div className="page alert-page">
        {back}
        <p className={detail.state === 'loading' ? 'muted' : 'empty-state'}>
          {detail.state === 'loading'
            ? t('alerts.loading')
            : detail.state === 'error'
              ? detail.message
              : t('alert.notFound', { id: alertId })}
        </p>
      </div>
    )
  }
  const actions = [
    a.acknowledged && { label: t('alert.acked'), x: a.acknowledged },
    a.resolved && { label: a.resolved.auto ? t('alert.autoResolved') : t('alert.resolvedBy'), x: a.resolved },
  ].filter(Boolean) as { label: string; x: { by: string; at: string; note?: string } }[]
  return (
    <div className={`page alert-page sev-${a.severity}`} data-testid="alert-detail" data-alert-id={a.id} data-state={a.state}>
      {back}
      <section className="card alert-detail-head">
        <div className="alert-detail-title">
          <span className={`sev-pill sev-${a.severity}`}>{t(`severity.${a.severity}`)}</span>
          <span className={`state-pill state-${a.state}`}>{t(`state.${a.state}`)}</span>
          <AlertOriginBadge alert={a} /> <AlertReviewBadge alert={a} />
          <h1>
            <a href={routeHref({ view: 'station', stationId: a.stationId })}>{alertStationName(a, lang)}</a> · {metricAndWindow(a, lang, t)}
          </h1>
        </div>
        <p className="alert-detail-message">{a.message}</p>
        {a.historical ? (
          <p className="alert-origin-note" data-testid="alert-origin-note">
            {t('alert.historicalNote')}
          </p>
        ) : openedLate(a) ? (
          <p className="alert-origin-note">{t('alert.lateNote')}</p>
        ) : null}
        <dl className="facts facts-wide">
          <dt>{t('alerts.value')}</dt>
          <dd className="alert-detail-value">{valueVsLimit(a)}</dd>
          <dt>{t('alert.peak')}</dt>
          <dd>{formatWithUnit(a.kind, a.metric, a.peak)}</dd>
          <dt>{t('alerts.duration')}</dt>
          <dd>
            <AlertDuration alert={a} />
          </dd>
          <dt>{t('alert.openedAt')}</dt>
          <dd>{formatCstDateTime(a.openedAt)}</dd>
          {a.detectedAt && (
            <div className="facts-row">
              <dt>{t('alert.detectedAt')}</dt>
              <dd>{formatCstDateTime(a.detectedAt)}</dd>
            </div>
          )}
          <dt>{t('alert.observedAt')}</dt>
          <dd>{formatCstDateTime(a.observedAt)}</dd>
          <dt>{t('alert.station')}</dt>
          <dd>
            <span className="mono">{a.stationId}</span> · {kindLabel(a.kind, t)} ·{' '}
            <a href={routeHref({ view: 'map', stationId: a.stationId })}>{t('alert.onMap')}</a>
          </dd>
          <dt>{t('alert.rule')}</dt>
          <dd className="mono">{a.rule}</dd>
          {actions.map(({ label, x }) => (
            <div key={label} className="facts-row">
              <dt>{label}</dt>
              <dd>
                {x.by} · {formatCstDateTime(x.at)}
                {x.note && (
                  <div className="alert-note" data-testid="alert-note">
                    “{x.note}”
                  </div>
                )}
              </dd>
            </div>
          ))}
        </dl>
        <AlertButtons alert={a} />
      </section>
      <section className="card" aria-labelledby="deliveries-h">
        <h2 id="deliveries-h">{t('delivery.title')}</h2>
        <p className="muted small">{t('delivery.intro')}</p>
        {detail.state === 'ready' ? (
          <DeliveryTable deliveries={detail.deliveries} />
        ) : detail.state === 'error' ? (
          <p className="form-error">{detail.message}</p>
        ) : (
          <p className="muted">{t('alerts.loading')}</p>
        )}
      </section>
    </div>
  )
}
