/**
 * Editor of a notification filter (a recipient's subscription or a policy's match): station kinds,
 * towns, station ids and the minimum severity. Empty fields match anything.
 */
import { SEVERITIES } from '../../../shared/src/domain/alert'
import { STATION_KINDS } from '../../../shared/src/domain/station'
import { useI18n } from '../i18n/use-i18n'
import { kindLabel } from '../ui/labels'
import type { FilterForm } from './notify-model'

/** Props of {@link FilterFields}. */
export interface FilterFieldsProps {
  value: FilterForm
  onChange: (f: FilterForm) => void
}

/** The fields. */
export function FilterFields({ value: f, onChange }: FilterFieldsProps) {
  const { t } = useI18n()
  return (
    <div className="filter-fields">
      <fieldset className="inline-fieldset">
        <legend>{t('map.filterKind')}</legend>
        {STATION_KINDS.map((k) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              checked={f.kinds.includes(k)}
              onChange={() => onChange({ ...f, kinds: f.kinds.includes(k) ? f.kinds.filter((x) => x !== k) : [...f.kinds, k] })}
            />
            {kindLabel(k, t)}
          </label>
        ))}
      </fieldset>
      <label className="field-inline">
        <span>{t('admin.n.towns')}</span>
        <input
          className="input"
          value={f.towns}
          placeholder="莞城街道, 东城街道"
          onChange={(e) => onChange({ ...f, towns: e.target.value })}
        />
      </label>
      <label className="field-inline">
        <span>{t('admin.n.stations')}</span>
        <input
          className="input"
          value={f.stations}
          placeholder="DG-AIR-01"
          onChange={(e) => onChange({ ...f, stations: e.target.value })}
        />
      </label>
      <label className="field-inline">
        <span>{t('admin.n.minSeverity')}</span>
        <select
          className="input"
          value={f.minSeverity}
          onChange={(e) => onChange({ ...f, minSeverity: e.target.value as FilterForm['minSeverity'] })}
        >
          <option value="">{t('alerts.any')}</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`severity.${s}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  )
}
