/**
 * The public city map: the towns (the operator map's prepared boundary, client/src/map/geo.ts,
 * drawn with d3-geo Mercator fitted to the city outline) and each air station as a disc in its
 * AQI level's colour with the AQI in it. A fixed viewBox scaled by CSS: it fits a phone or a
 * desktop without a resize loop.
 */
import { geoMercator, geoPath } from 'd3'
import { useMemo } from 'react'
import type { PublicStation } from '../../../shared/src/protocol/http/public'
import type { Boundary } from '../map/geo'
import { inkOn, type PublicLang } from './strings'

const W = 600
const H = 440
const PAD = 14
const NO_DATA = '#b8c0c8'

export interface CityMapProps {
  boundary: Boundary | undefined
  stations: readonly PublicStation[]
  selected: string | undefined
  lang: PublicLang
  onSelect: (id: string) => void
}

export function CityMap({ boundary, stations, selected, lang, onSelect }: CityMapProps) {
  const drawn = useMemo(() => {
    if (!boundary) return undefined
    const projection = geoMercator().fitExtent(
      [
        [PAD, PAD],
        [W - PAD, H - PAD],
      ],
      boundary.outline,
    )
    const path = geoPath(projection)
    return {
      projection,
      towns: boundary.towns.filter((t) => t.feature.geometry).map((t) => ({ code: t.code, d: path(t.feature) ?? '' })),
      outline: path(boundary.outline) ?? '',
    }
  }, [boundary])
  if (!drawn) return <div className="pub-map pub-map-empty" />
  // The worst stations last, so they are drawn on top where discs overlap.
  const order = [...stations].sort((a, b) => (a.aqi?.aqi ?? -1) - (b.aqi?.aqi ?? -1))
  return (
    <svg
      className="pub-map"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={lang === 'zh' ? '全市空气质量地图' : 'City air quality map'}
      data-testid="public-map"
    >
      <g className="pub-towns">
        {drawn.towns.map((t) => (
          <path key={t.code} d={t.d} />
        ))}
        <path className="pub-outline" d={drawn.outline} />
      </g>
      {order.map((s) => {
        const xy = drawn.projection([s.lon, s.lat])
        if (!xy) return null
        const name = lang === 'zh' ? s.nameZh : s.nameEn
        return (
          <g
            key={s.id}
            className={`pub-marker${s.id === selected ? ' is-selected' : ''}`}
            transform={`translate(${xy[0].toFixed(1)},${xy[1].toFixed(1)})`}
            data-testid="public-marker"
            data-station-id={s.id}
            role="button"
            tabIndex={0}
            aria-label={`${name} AQI ${s.aqi?.aqi ?? '—'}`}
            onClick={() => onSelect(s.id)}
            onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onSelect(s.id)}
          >
            <circle r={16} fill={s.aqi?.color ?? NO_DATA} />
            <text dy="0.35em" textAnchor="middle" fill={inkOn(s.aqi?.level)}>
              {s.aqi?.aqi ?? '–'}
            </text>
          </g>
        )
      })}
    </svg>
  )
}
