/**
 * The full station page (`#/station/:id`): a wider trend, latest values, summary, alerts, rules.
 */
import { useStation } from '../data/hooks'
import { stationStore } from '../data/live'
import { useI18n } from '../i18n/use-i18n'
import { routeHref } from '../shell/route'
import { StationBody } from './station-body'
import { useStationDetail } from './use-station-detail'

/** Props of {@link StationPage}. */
export interface StationPageProps {
  stationId: string
}

/** The station page. */
export function StationPage({ stationId }: StationPageProps) {
  const { t } = useI18n()
  const s = useStation(stationId)
  const detail = useStationDetail(stationId)
  return (
    <div className="page station-page" data-testid="station-page" data-station-id={stationId}>
      <div className="page-head">
        <a className="back-link" href={routeHref({ view: 'map', stationId })}>
          ← {t('station.backToMap')}
        </a>
      </div>
      {s ? (
        <StationBody station={s} detail={detail} layout="page" />
      ) : detail.state === 'not-found' || (stationStore.loaded && detail.state !== 'loading') ? (
        <p className="empty-state">{t('station.notFound', { id: stationId })}</p>
      ) : (
        <p className="muted">{t('station.loading')}</p>
      )}
    </div>
  )
}
