/**
 * Pick the stations to compare: search by name, id or town, narrow by kind and town, tick up to
 * eight; the picked ones show as chips in their chart colour. Keyboard: the list is checkboxes.
 */
import { useMemo, useState } from 'react'
import { STATION_KINDS, type StationKind } from '../../../shared/src/domain/station'
import type { StationView } from '../data/api-types'
import { useI18n } from '../i18n/use-i18n'
import { searchStations } from '../map/filters'
import { ShapeIcon } from '../map/shape-icon'
import { kindLabel, stationName, townName } from '../ui/labels'

/** Props of {@link StationPicker}. */
export interface StationPickerProps {
  stations: readonly StationView[]
  selected: readonly string[]
  colorOf: (id: string) => string
  onChange: (ids: string[]) => void
}

/** Most stations on one chart (beyond that the colours stop being readable). */
export const MAX_STATIONS = 8
const MAX_LISTED = 60

/** The picker. */
export function StationPicker({ stations, selected, colorOf, onChange }: StationPickerProps) {
  const { t, lang } = useI18n()
  const [q, setQ] = useState('')
  const [kind, setKind] = useState<StationKind | 'all'>('all')
  const [town, setTown] = useState('all')
  const towns = useMemo(() => [...new Set(stations.map((s) => s.town))].sort((a, b) => a.localeCompare(b, 'zh')), [stations])
  const found = useMemo(
    () =>
      searchStations(
        stations.filter((s) => (kind === 'all' || s.kind === kind) && (town === 'all' || s.town === town)),
        q,
      ),
    [stations, kind, town, q],
  )
  const picked = new Set(selected)
  const toggle = (id: string) =>
    onChange(picked.has(id) ? selected.filter((x) => x !== id) : selected.length < MAX_STATIONS ? [...selected, id] : [...selected])
  const byId = new Map(stations.map((s) => [s.id, s]))
  return (
    <section className="picker station-picker" aria-labelledby="pick-st-h">
      <h2 id="pick-st-h" className="side-h">
        <span>{t('trends.stations')}</span>
        <span className="side-count">{t('trends.picked', { n: selected.length, max: MAX_STATIONS })}</span>
      </h2>
      {selected.length > 0 && (
        <ul className="picked-chips">
          {selected.map((id) => (
            <li key={id}>
              <button
                type="button"
                className="chip picked-chip"
                onClick={() => toggle(id)}
                aria-label={t('trends.remove', { name: stationName(byId.get(id), lang, id) })}
              >
                <span className="series-swatch" style={{ background: colorOf(id) }} aria-hidden="true" />
                {stationName(byId.get(id), lang, id)} ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        className="input"
        type="search"
        value={q}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        onChange={(e) => setQ(e.target.value)}
        data-testid="trends-station-search"
      />
      <div className="picker-filters">
        <select
          className="input"
          value={kind}
          onChange={(e) => setKind(e.target.value as StationKind | 'all')}
          aria-label={t('map.filterKind')}
        >
          <option value="all">{t('trends.allKinds')}</option>
          {STATION_KINDS.map((k) => (
            <option key={k} value={k}>
              {kindLabel(k, t)}
            </option>
          ))}
        </select>
        <select className="input" value={town} onChange={(e) => setTown(e.target.value)} aria-label={t('station.town')}>
          <option value="all">{t('trends.allTowns')}</option>
          {towns.map((x) => (
            <option key={x} value={x}>
              {lang === 'en' ? (stations.find((s) => s.town === x)?.townEn ?? x) : x}
            </option>
          ))}
        </select>
      </div>
      <ul className="picker-list">
        {found.slice(0, MAX_LISTED).map((s) => (
          <li key={s.id}>
            <label className="picker-item">
              <input
                type="checkbox"
                checked={picked.has(s.id)}
                disabled={!picked.has(s.id) && selected.length >= MAX_STATIONS}
                onChange={() => toggle(s.id)}
                data-station-id={s.id}
              />
              <ShapeIcon kind={s.kind} size={12} />
              <span className="search-name">{stationName(s, lang)}</span>
              <span className="search-town">{townName(s, lang)}</span>
            </label>
          </li>
        ))}
        {found.length === 0 && <li className="muted">{t('search.none')}</li>}
        {found.length > MAX_LISTED && <li className="muted small">{t('search.more', { n: found.length - MAX_LISTED })}</li>}
      </ul>
    </section>
  )
}
