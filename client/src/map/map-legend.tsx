/**
 * The map legend: AQI levels (HJ 633-2012 colours from the shared table), water and wastewater
 * alert colours, energy, offline, stale (outlined) and the alert ring. Collapsible.
 */
import { useState } from 'react'
import { AQI_LEVELS } from '../../../shared/src/standards/aqi-table'
import { useI18n } from '../i18n/use-i18n'
import { MARKER_COLORS, RING_COLORS } from './marker-style'
import { ShapeIcon } from './shape-icon'

/** Props of {@link MapLegend}. */
export interface MapLegendProps {
  /** Towns are coloured by their worst AQI: say so under the AQI scale. */
  choropleth?: boolean
}

/** The legend box. */
export function MapLegend({ choropleth }: MapLegendProps) {
  const { t, lang } = useI18n()
  // Open by default where it fits beside the city without covering stations (tall screens).
  const [open, setOpen] = useState(() => typeof window === 'undefined' || window.innerHeight >= 900)
  return (
    <section className={`map-legend${open ? '' : ' collapsed'}`} aria-label={t('legend.title')}>
      <button type="button" className="legend-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('legend.title')}
        <span aria-hidden="true">{open ? '▾' : '▸'}</span>
      </button>
      {open && (
        <div className="legend-body">
          <div className="legend-head">
            <ShapeIcon kind="air" /> {t('legend.aqi')}
          </div>
          <ul className="legend-aqi">
            {AQI_LEVELS.map((l) => (
              <li key={l.level}>
                <span className="swatch" style={{ background: l.hex }} />
                <span>{l.max === Infinity ? `>${l.min - 1}` : `${l.min}–${l.max}`}</span>
                <span className="legend-cat">{lang === 'zh' ? l.zh : l.en}</span>
              </li>
            ))}
            <li>
              <span className="swatch" style={{ background: MARKER_COLORS.airNoAqi }} />
              <span className="legend-cat">{t('legend.noAqi')}</span>
            </li>
          </ul>
          {choropleth && <p className="legend-note">{t('legend.choropleth')}</p>}
          <div className="legend-head">
            <ShapeIcon kind="water" /> <ShapeIcon kind="wastewater" /> {t('kind.water')} / {t('kind.wastewater')}
          </div>
          <ul className="legend-list">
            <li>
              <span className="swatch" style={{ background: MARKER_COLORS.ok }} />
              {t('legend.waterOk')}
            </li>
            <li>
              <span className="swatch" style={{ background: MARKER_COLORS.warning }} />
              {t('legend.waterWarn')}
            </li>
            <li>
              <span className="swatch" style={{ background: MARKER_COLORS.critical }} />
              {t('legend.waterCritical')}
            </li>
          </ul>
          <ul className="legend-list">
            <li>
              <ShapeIcon kind="energy" fill={MARKER_COLORS.energy} />
              {t('legend.energy')}
            </li>
            <li>
              <span className="swatch" style={{ background: MARKER_COLORS.offline }} />
              {t('legend.offline')}
            </li>
            <li>
              <ShapeIcon kind="air" fill={MARKER_COLORS.hollowFill} stroke={MARKER_COLORS.airNoAqi} />
              {t('legend.stale')}
            </li>
            <li>
              <span className="swatch swatch-ring" style={{ borderColor: RING_COLORS.critical }} />
              {t('legend.alertRing')}
            </li>
          </ul>
        </div>
      )}
    </section>
  )
}
