/**
 * The station panel beside the map (opened by clicking a marker or picking a station).
 */
import { useEffect, useRef } from 'react'
import { useStation } from '../data/hooks'
import { stationStore } from '../data/live'
import { useI18n } from '../i18n/use-i18n'
import { routeHref } from '../shell/route'
import { StationBody } from './station-body'
import { useStationDetail } from './use-station-detail'

/** Props of {@link StationPanel}. */
export interface StationPanelProps {
  stationId: string
  onClose: () => void
}

/** The side panel. */
export function StationPanel({ stationId, onClose }: StationPanelProps) {
  const { t } = useI18n()
  const s = useStation(stationId)
  const detail = useStationDetail(stationId)
  const headRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    // A new station: start at its top, and move focus into the panel for keyboard users.
    headRef.current?.closest('.map-side')?.scrollTo(0, 0)
    headRef.current?.focus({ preventScroll: true })
  }, [stationId])
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !document.querySelector('dialog[open]') && onClose()
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose])
  return (
    <section className="station-panel" aria-label={t('station.panel')} data-testid="station-panel" data-station-id={stationId}>
      <div className="panel-bar" ref={headRef} tabIndex={-1}>
        <span className="panel-title">{t('station.panel')}</span>
        <a className="btn btn-quiet btn-small" href={routeHref({ view: 'station', stationId })}>
          {t('station.openFull')}
        </a>
        <button type="button" className="btn btn-quiet btn-small" onClick={onClose} aria-label={t('station.close')}>
          ✕
        </button>
      </div>
      {s ? (
        <StationBody station={s} detail={detail} layout="panel" />
      ) : detail.state === 'not-found' || (stationStore.loaded && detail.state !== 'loading') ? (
        <p className="empty-state">{t('station.notFound', { id: stationId })}</p>
      ) : (
        <p className="muted">{t('station.loading')}</p>
      )}
    </section>
  )
}
