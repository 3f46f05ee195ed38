/**
 * Station finder: a search box and a list of matching stations as buttons, the keyboard route
 * to every marker on the map (markers themselves are not tab stops: 1000 of them would be a trap).
 */
import { useMemo } from 'react'
import { useStationList } from '../data/hooks'
import { stationStore } from '../data/live'
import { useI18n } from '../i18n/use-i18n'
import { stationName, townName } from '../ui/labels'
import { matchesFilter, searchStations, type MapFilter } from './filters'
import { ShapeIcon } from './shape-icon'

/** Props of {@link StationSearch}. */
export interface StationSearchProps {
  filter: MapFilter
  /** The search text (kept by the map view so it survives opening a station). */
  query: string
  onQuery: (q: string) => void
  onPick: (id: string) => void
}

const MAX_SHOWN = 40

/** The station finder. */
export function StationSearch({ filter, query: q, onQuery, onPick }: StationSearchProps) {
  const { t, lang } = useI18n()
  const stations = useStationList()
  const results = useMemo(
    () =>
      searchStations(
        stations.filter((s) => matchesFilter(s, filter)),
        q,
      ),
    [stations, filter, q],
  )
  const shown = results.slice(0, MAX_SHOWN)
  return (
    <section className="side-section station-search" aria-labelledby="search-h">
      <h2 id="search-h" className="side-h">
        <label htmlFor="station-q">{t('search.label')}</label>
        <span className="side-count">{t('search.results', { n: results.length })}</span>
      </h2>
      <input
        id="station-q"
        className="input"
        type="search"
        placeholder={t('search.placeholder')}
        value={q}
        onChange={(e) => onQuery(e.target.value)}
        autoComplete="off"
      />
      <ul className="search-results">
        {shown.map((s) => {
          const alerts = stationStore.alertSummary(s.id)
          return (
            <li key={s.id}>
              <button type="button" className="search-item" onClick={() => onPick(s.id)}>
                <span className={`status-dot status-${s.status}`} title={t(`status.${s.status}`)} />
                <ShapeIcon kind={s.kind} size={12} />
                <span className="search-name">{stationName(s, lang)}</span>
                <span className="search-town">{townName(s, lang)}</span>
                {alerts && <span className={`sev-dot sev-${alerts.worst}`} title={`${alerts.count} · ${t(`severity.${alerts.worst}`)}`} />}
              </button>
            </li>
          )
        })}
        {results.length === 0 && <li className="empty">{t('search.none')}</li>}
        {results.length > MAX_SHOWN && <li className="more">{t('search.more', { n: results.length - MAX_SHOWN })}</li>}
      </ul>
    </section>
  )
}
