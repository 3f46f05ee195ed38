/**
 * The live map, imperative: the towns (d3-geo, Mercator fitted to the city outline) and their
 * labels in one SVG, the station markers in a second SVG stacked above it, zoom and pan by
 * d3-zoom on the container. Two layers so a marker changing colour repaints only the marker
 * layer, not the detailed town polygons. It listens to the station store's per-frame dirty sets
 * directly, so live readings never go through React.
 */
import { geoMercator, select, zoom, zoomIdentity, type D3ZoomEvent, type GeoProjection, type ZoomBehavior, type ZoomTransform } from 'd3'
import { animationFrame, frameCoalescer } from '../data/frame'
import type { StationStore } from '../data/station-store'
import type { Lang } from '../i18n/dict'
import { markMapUpdate } from '../perf/perf-hooks'
import { worstAqiByTown } from './choropleth'
import type { Boundary } from './geo'
import { MarkerLayer, type MarkerLayerOptions } from './marker-layer'
import { TownLayer } from './town-layer'

const SVG_NS = 'http://www.w3.org/2000/svg'

/**
 * Markers are restyled at most this often. Readings arrive as one `readings` batch a tick (issue 16),
 * restyled in the next frame; status changes, alerts and single `reading` messages arrive one by
 * one, and repainting the marker layer on every frame that brought one costs paint time for no
 * visible gain.
 */
const MARKER_REFRESH_MS = 250

/** What the map tells its owner. */
export interface LiveMapCallbacks {
  onSelect: (stationId: string) => void
  /** Hovered station and its marker's position in the container (px), or undefined on leave. */
  onHover: (stationId: string | undefined, x: number, y: number) => void
}

/** The live map controller. */
export class LiveMap {
  /** The base layer (towns and labels), labelled as the map image. */
  readonly svg: SVGSVGElement
  private readonly markerSvg: SVGSVGElement
  private readonly towns: TownLayer
  private readonly markers: MarkerLayer
  private readonly zoomBehavior: ZoomBehavior<HTMLElement, unknown>
  private boundary?: Boundary
  private projection?: GeoProjection
  private width = 0
  private height = 0
  private transform: ZoomTransform = zoomIdentity
  /** Height (px) of overlays along the top edge, kept clear when fitting the city. */
  topInset = 0
  private readonly relayout: () => void
  private readonly unsubscribe: () => void
  private choropleth = false

  constructor(
    private readonly container: HTMLElement,
    private readonly store: StationStore,
    private readonly cb: LiveMapCallbacks,
    markerOptions: MarkerLayerOptions,
    private lang: Lang,
  ) {
    this.svg = document.createElementNS(SVG_NS, 'svg')
    this.svg.setAttribute('class', 'map-svg map-base')
    this.svg.setAttribute('role', 'img')
    this.markerSvg = document.createElementNS(SVG_NS, 'svg')
    this.markerSvg.setAttribute('class', 'map-svg map-markers')
    const townGroup = this.group(this.svg, 'towns')
    const labelGroup = this.group(this.svg, 'town-labels')
    const markerGroup = this.group(this.markerSvg, 'markers')
    container.append(this.svg, this.markerSvg)
    this.towns = new TownLayer(townGroup, labelGroup)
    this.markers = new MarkerLayer(markerGroup, store, markerOptions)
    this.relayout = frameCoalescer(animationFrame, () => this.markers.setTransform(this.transform))
    this.zoomBehavior = zoom<HTMLElement, unknown>()
      .scaleExtent([1, 24])
      .on('zoom', (e: D3ZoomEvent<HTMLElement, unknown>) => {
        this.transform = e.transform
        this.towns.setTransform(e.transform.k, e.transform.x, e.transform.y)
        this.cb.onHover(undefined, 0, 0)
        this.relayout()
      })
    select(this.container).call(this.zoomBehavior).on('dblclick.zoom', null)
    markerGroup.addEventListener('click', this.onClick)
    markerGroup.addEventListener('pointerover', this.onOver)
    markerGroup.addEventListener('pointerout', this.onOut)
    this.unsubscribe = store.subscribeChanges((dirty) => this.queueRestyle(dirty))
    this.markers.sync()
  }

  /** Draw a boundary. */
  setBoundary(b: Boundary): void {
    this.boundary = b
    this.fit()
  }

  /** Match the container size (px). */
  resize(width: number, height: number): void {
    if (width === this.width && height === this.height) return
    this.width = width
    this.height = height
    for (const svg of [this.svg, this.markerSvg]) {
      svg.setAttribute('width', String(width))
      svg.setAttribute('height', String(height))
      svg.setAttribute('viewBox', `0 0 ${width} ${height}`)
    }
    this.fit()
  }

  /** Switch the label language. */
  setLang(lang: Lang): void {
    this.lang = lang
    this.towns.setLang(lang)
  }

  /** New marker label or filter functions. */
  setMarkerOptions(o: MarkerLayerOptions): void {
    this.markers.setOptions(o)
  }

  /** Show or hide the town choropleth of the worst current AQI. */
  setChoropleth(on: boolean): void {
    this.choropleth = on
    this.towns.setFills(on ? worstAqiByTown(this.store.all()) : new Map())
  }

  /** Re-read the station list (stations added or removed). */
  syncStations(): void {
    this.markers.sync()
  }

  /** Highlight a station. */
  select(id: string | undefined): void {
    this.markers.select(id)
  }

  /** Number of markers currently shown. */
  get visibleCount(): number {
    return this.markers.visibleCount
  }

  /** Zoom by a factor around the centre. */
  zoomBy(factor: number): void {
    select(this.container).transition().duration(250).call(this.zoomBehavior.scaleBy, factor)
  }

  /** Back to the whole city. */
  resetZoom(): void {
    select(this.container).transition().duration(350).call(this.zoomBehavior.transform, zoomIdentity)
  }

  /** Centre a station, zooming in if needed. */
  focus(id: string): void {
    const s = this.store.get(id)
    const p = s && this.projection?.([s.lon, s.lat])
    if (!p) return
    const k = Math.max(this.transform.k, 4)
    const t = zoomIdentity
      .translate(this.width / 2, this.height / 2)
      .scale(k)
      .translate(-p[0], -p[1])
    select(this.container).transition().duration(500).call(this.zoomBehavior.transform, t)
  }

  /** Stop listening and remove the SVG. */
  destroy(): void {
    this.unsubscribe()
    clearTimeout(this.restyleTimer)
    select(this.container).on('.zoom', null)
    this.svg.remove()
    this.markerSvg.remove()
  }

  private pendingRestyle = new Set<string>()
  private restyleTimer: ReturnType<typeof setTimeout> | undefined
  private lastRestyle = 0

  /** Restyle changed markers now if the last restyle is old enough, else once the interval has passed. */
  private queueRestyle(dirty: ReadonlySet<string>): void {
    for (const id of dirty) this.pendingRestyle.add(id)
    if (this.restyleTimer !== undefined) return
    const wait = this.lastRestyle + MARKER_REFRESH_MS - performance.now()
    if (wait <= 0) return this.restyleNow()
    this.restyleTimer = setTimeout(() => animationFrame(() => this.restyleNow()), wait)
  }

  private restyleNow(): void {
    this.restyleTimer = undefined
    this.lastRestyle = performance.now()
    const ids = this.pendingRestyle
    this.pendingRestyle = new Set()
    this.markers.update(ids)
    // 33 towns from at most a few thousand stations: cheap enough at the marker refresh rate.
    if (this.choropleth) this.towns.setFills(worstAqiByTown(this.store.all()))
    markMapUpdate(ids.size)
  }

  private group(svg: SVGSVGElement, cls: string): SVGGElement {
    const g = document.createElementNS(SVG_NS, 'g')
    g.setAttribute('class', cls)
    svg.appendChild(g)
    return g
  }

  private fit(): void {
    if (!this.boundary || this.width === 0 || this.height === 0) return
    const pad = Math.max(12, Math.min(this.width, this.height) * 0.03)
    // Leave the top band to the filter bar so no town or marker starts hidden under it.
    const top = pad + this.topInset
    this.projection = geoMercator().fitExtent(
      [
        [pad, top],
        [this.width - pad, this.height - pad],
      ],
      this.boundary.outline,
    )
    this.zoomBehavior.extent([
      [0, 0],
      [this.width, this.height],
    ])
    this.zoomBehavior.translateExtent([
      [-this.width * 0.25, -this.height * 0.25],
      [this.width * 1.25, this.height * 1.25],
    ])
    this.towns.draw(this.boundary, this.projection, this.lang)
    this.towns.setTransform(this.transform.k, this.transform.x, this.transform.y)
    // Larger markers on a wall display: the cap follows the root font size (which grows with the screen).
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 14
    const radius = Math.max(4.5, Math.min((9 * rem) / 14, Math.min(this.width, this.height) / 110))
    const proj = this.projection
    this.markers.setProjection((lon, lat) => proj([lon, lat]), radius)
    this.markers.setTransform(this.transform)
  }

  private stationAt(e: Event): string | undefined {
    const el = (e.target as Element | null)?.closest?.('[data-station-id]')
    return el?.getAttribute('data-station-id') ?? undefined
  }

  private readonly onClick = (e: MouseEvent): void => {
    const id = this.stationAt(e)
    if (id) this.cb.onSelect(id)
  }

  private readonly onOver = (e: PointerEvent): void => {
    const id = this.stationAt(e)
    if (!id) return
    const p = this.markers.screenPosition(id)
    if (p) this.cb.onHover(id, p[0], p[1])
  }

  private readonly onOut = (e: PointerEvent): void => {
    const to = (e.relatedTarget as Element | null)?.closest?.('[data-station-id]')
    if (!to) this.cb.onHover(undefined, 0, 0)
  }
}
