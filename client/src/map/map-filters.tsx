/**
 * The filter bar over the map: station kinds (with their marker shape, doubling as the shape
 * legend), statuses, and "alerting only". Toggle buttons with aria-pressed.
 */
import { STATION_KINDS } from '../../../shared/src/domain/station'
import { useI18n } from '../i18n/use-i18n'
import { kindLabel } from '../ui/labels'
import { STATUSES, toggled, type MapFilter } from './filters'
import { ShapeIcon } from './shape-icon'

/** Props of {@link MapFilters}. */
export interface MapFiltersProps {
  filter: MapFilter
  onChange: (f: MapFilter) => void
  shown: number
  total: number
  /** Whether towns are coloured by their worst AQI. */
  choropleth: boolean
  onChoropleth: (on: boolean) => void
}

/** The filter bar. */
export function MapFilters({ filter, onChange, shown, total, choropleth, onChoropleth }: MapFiltersProps) {
  const { t } = useI18n()
  return (
    <div className="map-filters" role="toolbar" aria-label={t('map.filters')}>
      <div className="chip-group" role="group" aria-label={t('map.filterKind')}>
        {STATION_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            className="chip"
            aria-pressed={filter.kinds.has(k)}
            onClick={() => onChange({ ...filter, kinds: toggled(filter.kinds, k) })}
          >
            <ShapeIcon kind={k} />
            {kindLabel(k, t)}
          </button>
        ))}
      </div>
      <div className="chip-group" role="group" aria-label={t('map.filterStatus')}>
        {STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            className={`chip chip-status-${s}`}
            aria-pressed={filter.statuses.has(s)}
            onClick={() => onChange({ ...filter, statuses: toggled(filter.statuses, s) })}
          >
            <span className={`status-dot status-${s}`} aria-hidden="true" />
            {t(`status.${s}`)}
          </button>
        ))}
        <button
          type="button"
          className="chip chip-alerting"
          aria-pressed={filter.alertingOnly}
          onClick={() => onChange({ ...filter, alertingOnly: !filter.alertingOnly })}
        >
          <span className="ring-dot" aria-hidden="true" />
          {t('status.alerting')}
        </button>
      </div>
      <div className="chip-group" role="group" aria-label={t('map.layers')}>
        <button
          type="button"
          className="chip chip-choropleth"
          aria-pressed={choropleth}
          onClick={() => onChoropleth(!choropleth)}
          data-testid="choropleth-toggle"
          title={t('map.choroplethTitle')}
        >
          <span className="choropleth-swatch" aria-hidden="true" />
          {t('map.choropleth')}
        </button>
      </div>
      <span className="map-count" aria-live="polite">
        {t('map.shown', { shown, total })}
      </span>
    </div>
  )
}
