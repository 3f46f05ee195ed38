/**
 * The alerts of one station: the active ones live from the alert store, with their actions, and
 * the recent past (resolved) ones fetched from the API, each linking to its detail page.
 */
import { useEffect, useMemo, useState } from 'react'
import type { AlertEvent } from '../../../shared/src/domain/alert'
import { AlertCard } from '../alerts/alert-card'
import { AlertOriginBadge } from '../alerts/alert-origin'
import { AlertReviewBadge } from '../review/alert-review-badge'
import { compareAlerts } from '../alerts/alert-filter'
import { alertDuration } from '../alerts/alert-duration'
import { metricAndWindow, valueVsLimit } from '../alerts/alert-text'
import { api } from '../data/api'
import { useAlerts } from '../data/hooks'
import { reportError } from '../data/notices'
import { useI18n } from '../i18n/use-i18n'
import { routeHref } from '../shell/route'
import { formatCstShort } from '../time/cst'
import { refreshStationAnnotations } from './station-annotations'

/** Props of {@link StationAlerts}. */
export interface StationAlertsProps {
  stationId: string
}

const PAST = 10

/** Active and recent alerts of a station. */
export function StationAlerts({ stationId }: StationAlertsProps) {
  const { t, lang } = useI18n()
  const alerts = useAlerts()
  // Review annotations change without a new alert version (issue 13): take them anew on opening.
  useEffect(() => {
    const ctl = new AbortController()
    refreshStationAnnotations(stationId, ctl.signal)
    return () => ctl.abort()
  }, [stationId])
  const mine = useMemo(
    () => alerts.filter((a) => a.stationId === stationId && a.state !== 'resolved').sort(compareAlerts),
    [alerts, stationId],
  )
  const [past, setPast] = useState<AlertEvent[]>()
  const resolvedHere = useMemo(() => alerts.filter((a) => a.stationId === stationId && a.state === 'resolved').length, [alerts, stationId])
  useEffect(() => {
    const ctl = new AbortController()
    api
      .stationAlerts(stationId, 'resolved', PAST, ctl.signal)
      .then((r) => setPast(r.alerts.sort((a, b) => Date.parse(b.openedAt) - Date.parse(a.openedAt))))
      .catch((e: unknown) => reportError(e, `GET /api/alerts?station=${stationId}`))
    return () => ctl.abort()
    // A newly resolved alert of this station refreshes the past list.
  }, [stationId, resolvedHere])
  return (
    <section className="station-alerts" aria-labelledby="st-alerts-h">
      <h3 id="st-alerts-h">
        {t('station.openAlerts')} <span className="side-count">{mine.length}</span>
      </h3>
      {mine.length === 0 ? (
        <p className="muted">{t('station.noAlerts')}</p>
      ) : (
        <ul className="alert-cards">
          {mine.map((a) => (
            <AlertCard key={a.id} alert={a} />
          ))}
        </ul>
      )}
      <details className="past-alerts" data-testid="past-alerts">
        <summary>
          {t('station.pastAlerts')} <span className="side-count">{past ? past.length : '…'}</span>
        </summary>
        {past && past.length === 0 && <p className="muted small">{t('station.noPastAlerts')}</p>}
        <ul className="past-list">
          {past?.map((a) => (
            <li key={a.id}>
              <span className={`sev-dot sev-${a.severity}`} aria-hidden="true" />
              <a href={routeHref({ view: 'alerts', alertId: a.id })}>{metricAndWindow(a, lang, t)}</a>
              <span className="muted">{valueVsLimit(a)}</span>
              <span className="muted">
                {formatCstShort(a.openedAt)} · {alertDuration(a, Date.now(), t)}
              </span>
              <AlertOriginBadge alert={a} /> <AlertReviewBadge alert={a} />
            </li>
          ))}
        </ul>
      </details>
    </section>
  )
}
