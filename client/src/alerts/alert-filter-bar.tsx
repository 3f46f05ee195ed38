/**
 * The alert list's filter bar: state, severity, kind, origin (live / historical) and text search.
 */
import { SEVERITIES } from '../../../shared/src/domain/alert'
import { STATION_KINDS } from '../../../shared/src/domain/station'
import { useI18n } from '../i18n/use-i18n'
import { kindLabel } from '../ui/labels'
import { STATE_FILTERS, type AlertFilter } from './alert-filter'
import { ORIGIN_FILTERS } from './alert-origin'

/** Props of {@link AlertFilterBar}. */
export interface AlertFilterBarProps {
  filter: AlertFilter
  onChange: (f: AlertFilter) => void
  count: number
}

/** Filters of the alert table. */
export function AlertFilterBar({ filter, onChange, count }: AlertFilterBarProps) {
  const { t } = useI18n()
  return (
    <div className="alert-filters" role="search">
      <div className="chip-group" role="group" aria-label={t('alerts.filterState')}>
        {STATE_FILTERS.map((s) => (
          <button
            key={s}
            type="button"
            className="chip"
            aria-pressed={filter.state === s}
            onClick={() => onChange({ ...filter, state: s })}
          >
            {t(`state.${s}`)}
          </button>
        ))}
      </div>
      <label className="field-inline">
        <span>{t('alerts.filterSeverity')}</span>
        <select
          className="input"
          value={filter.severity}
          onChange={(e) => onChange({ ...filter, severity: e.target.value as AlertFilter['severity'] })}
        >
          <option value="all">{t('alerts.any')}</option>
          {[...SEVERITIES].reverse().map((s) => (
            <option key={s} value={s}>
              {t(`severity.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field-inline">
        <span>{t('alerts.filterKind')}</span>
        <select
          className="input"
          value={filter.kind}
          onChange={(e) => onChange({ ...filter, kind: e.target.value as AlertFilter['kind'] })}
        >
          <option value="all">{t('alerts.any')}</option>
          {STATION_KINDS.map((k) => (
            <option key={k} value={k}>
              {kindLabel(k, t)}
            </option>
          ))}
        </select>
      </label>
      <label className="field-inline">
        <span>{t('alerts.filterOrigin')}</span>
        <select
          className="input"
          data-testid="alert-origin-filter"
          value={filter.origin}
          onChange={(e) => onChange({ ...filter, origin: e.target.value as AlertFilter['origin'] })}
        >
          {ORIGIN_FILTERS.map((o) => (
            <option key={o} value={o}>
              {o === 'all' ? t('alerts.any') : t(`alerts.origin.${o}`)}
            </option>
          ))}
        </select>
      </label>
      <input
        className="input alert-search"
        type="search"
        value={filter.text}
        placeholder={t('alerts.search')}
        aria-label={t('alerts.search')}
        onChange={(e) => onChange({ ...filter, text: e.target.value })}
      />
      <span className="side-count" aria-live="polite">
        {t('alerts.count', { n: count })}
      </span>
    </div>
  )
}
