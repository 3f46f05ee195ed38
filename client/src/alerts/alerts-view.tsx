/**
 * The alert list: live (socket `alert` events merged by id), filterable, with acknowledge and
 * resolve. Resolved history is fetched when the operator asks for it.
 */
import { useEffect, useMemo, useState } from 'react'
import { refreshAlertAnnotations } from '../review/alert-review-badge'
import { canActOnAlerts, useSession } from '../auth/session'
import { api } from '../data/api'
import { useAlerts, useStationList } from '../data/hooks'
import { alertStore } from '../data/live'
import { reportError } from '../data/notices'
import { useI18n } from '../i18n/use-i18n'
import { DEFAULT_ALERT_FILTER, filterAlerts, type AlertFilter } from './alert-filter'
import { AlertFilterBar } from './alert-filter-bar'
import { AlertTableRow } from './alert-table-row'
import { alertHaystack } from './alert-text'

const MAX_ROWS = 500

/** The alerts page. */
export function AlertsView() {
  const { t } = useI18n()
  // Review annotations change without a new alert version (issue 13): take them anew on opening.
  useEffect(() => refreshAlertAnnotations(), [])
  const session = useSession()
  const alerts = useAlerts()
  useStationList()
  const [filter, setFilter] = useState<AlertFilter>(DEFAULT_ALERT_FILTER)
  const wantsHistory = filter.state === 'resolved' || filter.state === 'all'

  useEffect(() => {
    if (!wantsHistory) return
    const ctl = new AbortController()
    api
      .alerts('all', ctl.signal, 2000)
      .then((r) => alertStore.merge(r.alerts))
      .catch((e: unknown) => reportError(e, 'GET /api/alerts?status=all'))
    return () => ctl.abort()
  }, [wantsHistory])

  const shown = useMemo(() => filterAlerts(alerts, filter, (a) => alertHaystack(a, t)), [alerts, filter, t])
  return (
    <div className="page alerts-page">
      <div className="page-head">
        <h1>{t('alerts.title')}</h1>
        {!canActOnAlerts(session) && <span className="muted">{t('alerts.readOnly')}</span>}
      </div>
      <AlertFilterBar filter={filter} onChange={setFilter} count={shown.length} />
      {!alertStore.loaded ? (
        <p className="muted">{t('alerts.loading')}</p>
      ) : shown.length === 0 ? (
        <p className="empty-state">{t('alerts.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="alert-table">
            <thead>
              <tr>
                <th scope="col">{t('alerts.filterSeverity')}</th>
                <th scope="col">{t('alerts.station')}</th>
                <th scope="col">{t('alerts.metric')}</th>
                <th scope="col" className="num">
                  {t('alerts.value')}
                </th>
                <th scope="col" className="num">
                  {t('alerts.duration')}
                </th>
                <th scope="col">{t('alerts.state')}</th>
                <th scope="col">{t('station.note')}</th>
                <th scope="col">{t('alerts.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, MAX_ROWS).map((a) => (
                <AlertTableRow key={a.id} alert={a} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
