/**
 * The active alerts of one station, live from the alert store, with their actions.
 */
import { useMemo } from 'react'
import { AlertCard } from '../alerts/alert-card'
import { compareAlerts } from '../alerts/alert-filter'
import { useAlerts } from '../data/hooks'
import { useI18n } from '../i18n/use-i18n'

/** Props of {@link StationAlerts}. */
export interface StationAlertsProps {
  stationId: string
}

/** Active alerts of a station. */
export function StationAlerts({ stationId }: StationAlertsProps) {
  const { t } = useI18n()
  const alerts = useAlerts()
  const mine = useMemo(() => alerts.filter((a) => a.stationId === stationId && a.state !== 'resolved').sort(compareAlerts), [alerts, stationId])
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
    </section>
  )
}
