/**
 * Mounts the imperative LiveMap into the page: loads the boundary, keeps the size, language,
 * filter and selection in sync. React renders this once; live updates bypass it.
 */
import { useEffect, useRef, useState } from 'react'
import { fetchBoundary } from '../data/api'
import type { StationView } from '../data/api-types'
import { stationStore } from '../data/live'
import { useI18n } from '../i18n/use-i18n'
import { kindLabel, stationName } from '../ui/labels'
import { matchesFilter, type MapFilter } from './filters'
import { prepareBoundary } from './geo'
import { LiveMap } from './live-map'

/** Props of {@link MapCanvas}. */
export interface MapCanvasProps {
  filter: MapFilter
  /** Colour towns by their worst current AQI. */
  choropleth: boolean
  selectedId?: string
  onSelect: (id: string) => void
  onHover: (id: string | undefined, x: number, y: number) => void
  /** Receives the controller once it exists (zoom buttons, focus from search). */
  onReady: (map: LiveMap | undefined) => void
}

type LoadState = { state: 'loading' } | { state: 'ready' } | { state: 'error'; message: string }

/** The map surface. */
export function MapCanvas({ filter, choropleth, selectedId, onSelect, onHover, onReady }: MapCanvasProps) {
  const { t, lang } = useI18n()
  const boxRef = useRef<HTMLDivElement>(null)
  const [map, setMap] = useState<LiveMap>()
  const [load, setLoad] = useState<LoadState>({ state: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const cbRef = useRef({ onSelect, onHover })
  cbRef.current = { onSelect, onHover }

  const markerOptions = (f: MapFilter) => ({
    label: (s: StationView) => `${stationName(s, lang)} · ${kindLabel(s.kind, t)} · ${t(`status.${s.status}`)}`,
    visible: (s: StationView) => matchesFilter(s, f),
  })
  const optionsRef = useRef(markerOptions(filter))
  optionsRef.current = markerOptions(filter)

  useEffect(() => {
    const box = boxRef.current!
    const m = new LiveMap(
      box,
      stationStore,
      { onSelect: (id) => cbRef.current.onSelect(id), onHover: (id, x, y) => cbRef.current.onHover(id, x, y) },
      optionsRef.current,
      lang,
    )
    m.svg.setAttribute('aria-label', t('map.label'))
    m.topInset = 2.6 * parseFloat(getComputedStyle(document.documentElement).fontSize)
    const ro = new ResizeObserver(() => m.resize(box.clientWidth, box.clientHeight))
    ro.observe(box)
    m.resize(box.clientWidth, box.clientHeight)
    setMap(m)
    onReady(m)
    return () => {
      ro.disconnect()
      m.destroy()
      onReady(undefined)
    }
    // One map per mount; language, filter and selection are pushed by the effects below.
  }, [])

  useEffect(() => {
    if (!map) return
    const ctl = new AbortController()
    setLoad({ state: 'loading' })
    fetchBoundary(ctl.signal)
      .then((topo) => {
        map.setBoundary(prepareBoundary(topo))
        setLoad({ state: 'ready' })
      })
      .catch((e: unknown) => {
        if (!ctl.signal.aborted) setLoad({ state: 'error', message: e instanceof Error ? e.message : String(e) })
      })
    return () => ctl.abort()
  }, [map, attempt])

  useEffect(() => {
    if (!map) return
    map.setLang(lang)
    map.svg.setAttribute('aria-label', t('map.label'))
    map.setMarkerOptions(optionsRef.current)
  }, [map, lang, filter, t])

  useEffect(() => map?.select(selectedId), [map, selectedId])
  useEffect(() => map?.setChoropleth(choropleth), [map, choropleth, load.state])

  return (
    <div className="map-canvas" ref={boxRef}>
      {load.state === 'loading' && <div className="map-status">{t('map.loading')}</div>}
      {load.state === 'error' && (
        <div className="map-status map-error" role="alert">
          <span>
            {t('error.boundary')}: {load.message}
          </span>
          <button type="button" className="btn" onClick={() => setAttempt((n) => n + 1)}>
            {t('error.retry')}
          </button>
        </div>
      )}
    </div>
  )
}
