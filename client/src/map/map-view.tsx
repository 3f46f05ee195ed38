/**
 * The live map view: the map with its filter bar, legend and zoom controls; on the right, the
 * station panel when a station is selected, else the station finder and the active alerts.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { AlertSidebar } from '../alerts/alert-sidebar'
import { useStationList } from '../data/hooks'
import { useI18n } from '../i18n/use-i18n'
import { navigate } from '../shell/route'
import { StationPanel } from '../station/station-panel'
import { ALL_STATIONS, matchesFilter, type MapFilter } from './filters'
import type { LiveMap } from './live-map'
import { MapCanvas } from './map-canvas'
import { MapFilters } from './map-filters'
import { MapLegend } from './map-legend'
import { MapTooltip } from './map-tooltip'
import { StationSearch } from './station-search'

/** Props of {@link MapView}. */
export interface MapViewProps {
  selectedId?: string
}

/** The map view. */
export function MapView({ selectedId }: MapViewProps) {
  const { t } = useI18n()
  const stations = useStationList()
  const [filter, setFilter] = useState<MapFilter>(ALL_STATIONS)
  const [hover, setHover] = useState<{ id: string; x: number; y: number }>()
  const [query, setQuery] = useState('')
  const [choropleth, setChoropleth] = useState(false)
  const mapRef = useRef<LiveMap | undefined>(undefined)
  const stageRef = useRef<HTMLDivElement>(null)
  const shown = useMemo(() => stations.reduce((n, s) => n + (matchesFilter(s, filter) ? 1 : 0), 0), [stations, filter])

  const onSelect = useCallback((id: string) => navigate({ view: 'map', stationId: id }), [])
  const onHover = useCallback((id: string | undefined, x: number, y: number) => setHover(id ? { id, x, y } : undefined), [])
  const onReady = useCallback((m: LiveMap | undefined) => (mapRef.current = m), [])
  const closePanel = useCallback(() => navigate({ view: 'map' }), [])
  const hadPanel = useRef(false)
  useEffect(() => {
    // Closing the panel gives focus back to the finder, so keyboard users keep their place.
    if (hadPanel.current && !selectedId) document.getElementById('station-q')?.focus()
    hadPanel.current = !!selectedId
  }, [selectedId])
  const pick = (id: string) => {
    navigate({ view: 'map', stationId: id })
    mapRef.current?.focus(id)
  }

  return (
    <div className="map-layout">
      <section className="map-stage" ref={stageRef} aria-label={t('map.title')}>
        <MapCanvas
          filter={filter}
          choropleth={choropleth}
          selectedId={selectedId}
          onSelect={onSelect}
          onHover={onHover}
          onReady={onReady}
        />
        <MapFilters
          filter={filter}
          onChange={setFilter}
          shown={shown}
          total={stations.length}
          choropleth={choropleth}
          onChoropleth={setChoropleth}
        />
        <MapLegend choropleth={choropleth} />
        <div className="zoom-controls" role="group" aria-label={t('map.title')}>
          <button
            type="button"
            className="btn btn-icon"
            onClick={() => mapRef.current?.zoomBy(1.6)}
            aria-label={t('map.zoomIn')}
            title={t('map.zoomIn')}
          >
            +
          </button>
          <button
            type="button"
            className="btn btn-icon"
            onClick={() => mapRef.current?.zoomBy(1 / 1.6)}
            aria-label={t('map.zoomOut')}
            title={t('map.zoomOut')}
          >
            −
          </button>
          <button
            type="button"
            className="btn btn-icon"
            onClick={() => mapRef.current?.resetZoom()}
            aria-label={t('map.zoomReset')}
            title={t('map.zoomReset')}
          >
            ⤢
          </button>
        </div>
        {hover && <MapTooltip stationId={hover.id} x={hover.x} y={hover.y} containerWidth={stageRef.current?.clientWidth ?? 1000} />}
      </section>
      <aside className="map-side">
        {selectedId ? (
          <StationPanel stationId={selectedId} onClose={closePanel} />
        ) : (
          <>
            <AlertSidebar onOpenStation={pick} />
            <StationSearch filter={filter} query={query} onQuery={setQuery} onPick={pick} />
          </>
        )}
      </aside>
    </div>
  )
}
