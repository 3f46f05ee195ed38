/**
 * The compact list of active alerts beside the map: open ones first, critical first.
 */
import { useMemo } from 'react'
import { alertStore } from '../data/live'
import { useAlerts } from '../data/hooks'
import { useI18n } from '../i18n/use-i18n'
import { routeHref } from '../shell/route'
import { AlertCard } from './alert-card'
import { DEFAULT_ALERT_FILTER, filterAlerts } from './alert-filter'

/** Props of {@link AlertSidebar}. */
export interface AlertSidebarProps {
  onOpenStation: (id: string) => void
}

const MAX_SHOWN = 30

/** Active alerts, compact. */
export function AlertSidebar({ onOpenStation }: AlertSidebarProps) {
  const { t } = useI18n()
  const alerts = useAlerts()
  const active = useMemo(() => filterAlerts(alerts, DEFAULT_ALERT_FILTER, () => ''), [alerts])
  return (
    <section className="side-section alert-sidebar" aria-labelledby="side-alerts-h">
      <h2 id="side-alerts-h" className="side-h">
        <span>{t('alerts.active')}</span>
        <span className="side-count">{t('alerts.count', { n: active.length })}</span>
      </h2>
      {!alertStore.loaded ? (
        <p className="muted">{t('alerts.loading')}</p>
      ) : active.length === 0 ? (
        <p className="muted">{t('alerts.none')}</p>
      ) : (
        <ul className="alert-cards">
          {active.slice(0, MAX_SHOWN).map((a) => (
            <AlertCard key={a.id} alert={a} onOpenStation={onOpenStation} />
          ))}
        </ul>
      )}
      <a className="side-more" href={routeHref({ view: 'alerts' })}>
        {t('alerts.viewAll')} →
      </a>
    </section>
  )
}
