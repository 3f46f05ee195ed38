/**
 * Station markers as SVG elements kept in a Map by station id and updated imperatively: a reading
 * changes a few attributes of one marker, never a React render or a D3 join over all stations.
 * Positions are screen pixels (the zoom transform applied to the projected point), so markers keep
 * their size at any zoom, and stations that would hide each other are spread around their point.
 */
import type { ZoomTransform } from 'd3'
import type { StationView } from '../data/api-types'
import type { StationStore } from '../data/station-store'
import { markerPath, ringRadius } from './marker-shapes'
import { markerStyle, styleKey } from './marker-style'
import { spreadPoints } from './spread'

const SVG_NS = 'http://www.w3.org/2000/svg'

interface Marker {
  g: SVGGElement
  shape: SVGPathElement
  ring: SVGCircleElement
  kind: StationView['kind']
  style: string
  status: string
  /** Projected position at zoom 1 (px). */
  px: number
  py: number
  visible: boolean
  label: string
}

/** Callbacks to the map. */
export interface MarkerLayerOptions {
  /** Accessible name of a station's marker. */
  label: (s: StationView) => string
  /** Whether a station passes the current filter. */
  visible: (s: StationView) => boolean
}

/** The marker layer. */
export class MarkerLayer {
  private readonly markers = new Map<string, Marker>()
  private project: (lon: number, lat: number) => [number, number] | null = () => null
  private transform: { k: number; x: number; y: number } = { k: 1, x: 0, y: 0 }
  private radius = 6
  private selected: string | undefined

  constructor(
    private readonly root: SVGGElement,
    private readonly store: StationStore,
    private opts: MarkerLayerOptions,
  ) {}

  /** Change the label or filter functions, then restyle everything. */
  setOptions(opts: MarkerLayerOptions): void {
    this.opts = opts
    this.sync()
  }

  /** Use a new projection (size changed) and marker radius. */
  setProjection(project: (lon: number, lat: number) => [number, number] | null, radius: number): void {
    this.project = project
    const shapeChanged = radius !== this.radius
    this.radius = radius
    for (const [id, m] of this.markers) {
      const s = this.store.get(id)
      if (!s) continue
      const p = project(s.lon, s.lat)
      m.px = p?.[0] ?? Number.NaN
      m.py = p?.[1] ?? Number.NaN
      if (shapeChanged) this.applyShape(m)
    }
    this.layout()
  }

  /** Apply the zoom transform to marker positions. */
  setTransform(t: ZoomTransform | { k: number; x: number; y: number }): void {
    this.transform = { k: t.k, x: t.x, y: t.y }
    this.layout()
  }

  /** Create and remove markers to match the store, and restyle them all. */
  sync(): void {
    const seen = new Set<string>()
    for (const s of this.store.all()) {
      seen.add(s.id)
      let m = this.markers.get(s.id)
      if (!m || m.kind !== s.kind) {
        m?.g.remove()
        m = this.create(s)
        this.markers.set(s.id, m)
      }
      this.restyle(s, m)
    }
    for (const [id, m] of this.markers) {
      if (seen.has(id)) continue
      m.g.remove()
      this.markers.delete(id)
    }
    this.layout()
  }

  /** Restyle the stations that changed (called once per frame with the store's dirty set). */
  update(ids: Iterable<string>): void {
    let visibility = false
    for (const id of ids) {
      const s = this.store.get(id)
      const m = this.markers.get(id)
      if (!s || !m) {
        if (!!s !== !!m) return this.sync()
        continue
      }
      if (this.restyle(s, m)) visibility = true
    }
    if (visibility) this.layout()
  }

  /** Highlight one station's marker (and bring it to the front). */
  select(id: string | undefined): void {
    if (this.selected) this.markers.get(this.selected)?.g.classList.remove('selected')
    this.selected = id
    const m = id ? this.markers.get(id) : undefined
    if (m) {
      m.g.classList.add('selected')
      this.root.appendChild(m.g)
    }
  }

  /** Screen position of a station's marker (after spreading), if shown. */
  screenPosition(id: string): [number, number] | undefined {
    const m = this.markers.get(id)
    if (!m?.visible) return undefined
    const tr = m.g.transform.baseVal.consolidate()?.matrix
    return tr ? [tr.e, tr.f] : undefined
  }

  /** How many markers are shown. */
  get visibleCount(): number {
    let n = 0
    for (const m of this.markers.values()) if (m.visible) n++
    return n
  }

  private create(s: StationView): Marker {
    const g = document.createElementNS(SVG_NS, 'g')
    g.setAttribute('class', `marker kind-${s.kind}`)
    g.setAttribute('data-testid', 'station-marker')
    g.setAttribute('data-station-id', s.id)
    g.setAttribute('data-kind', s.kind)
    // Not a tab stop (a thousand would trap the keyboard): the station finder is the keyboard route.
    g.setAttribute('role', 'img')
    const ring = document.createElementNS(SVG_NS, 'circle')
    ring.setAttribute('class', 'marker-ring')
    const shape = document.createElementNS(SVG_NS, 'path')
    shape.setAttribute('class', 'marker-shape')
    g.append(ring, shape)
    if (s.id === this.selected) g.classList.add('selected')
    this.root.appendChild(g)
    const p = this.project(s.lon, s.lat)
    const m: Marker = {
      g,
      shape,
      ring,
      kind: s.kind,
      style: '',
      status: '',
      px: p?.[0] ?? Number.NaN,
      py: p?.[1] ?? Number.NaN,
      visible: true,
      label: '',
    }
    this.applyShape(m)
    return m
  }

  private applyShape(m: Marker): void {
    m.shape.setAttribute('d', markerPath(m.kind, this.radius))
    m.ring.setAttribute('r', String(ringRadius(this.radius)))
  }

  /** Update one marker's look; returns whether its visibility changed. */
  private restyle(s: StationView, m: Marker): boolean {
    const alerts = this.store.alertSummary(s.id)
    const style = markerStyle({ kind: s.kind, status: s.status, aqi: s.aqi?.aqi, aqiColor: s.aqi?.color, alerts })
    const key = styleKey(style)
    if (key !== m.style) {
      m.style = key
      m.shape.setAttribute('fill', style.fill)
      m.shape.setAttribute('stroke', style.stroke)
      m.shape.setAttribute('stroke-width', String(style.strokeWidth))
      if (style.ring) {
        m.ring.setAttribute('stroke', style.ring.color)
        m.ring.setAttribute('stroke-dasharray', style.ring.dashed ? '3 2.5' : 'none')
        m.ring.style.display = ''
        if (m.g.parentNode === this.root && this.selected !== s.id) this.root.appendChild(m.g)
      } else m.ring.style.display = 'none'
      m.g.classList.toggle('has-alert', !!style.ring)
      m.g.classList.toggle('alert-open', !!style.ring && !style.ring.dashed)
    }
    if (m.status !== s.status) {
      m.status = s.status
      m.g.setAttribute('data-status', s.status)
    }
    const alertsAttr = String(alerts?.count ?? 0)
    if (m.g.getAttribute('data-alerts') !== alertsAttr) m.g.setAttribute('data-alerts', alertsAttr)
    const label = this.opts.label(s)
    if (label !== m.label) {
      m.label = label
      m.g.setAttribute('aria-label', label)
    }
    const visible = this.opts.visible(s)
    if (visible === m.visible) return false
    m.visible = visible
    m.g.style.display = visible ? '' : 'none'
    return true
  }

  /** Position every visible marker: zoom transform, then spread those that would overlap. */
  private layout(): void {
    const ids: string[] = []
    const list: Marker[] = []
    for (const [id, m] of this.markers) {
      if (!m.visible || !Number.isFinite(m.px)) continue
      ids.push(id)
      list.push(m)
    }
    const { k, x, y } = this.transform
    const xs = new Float64Array(list.length)
    const ys = new Float64Array(list.length)
    for (let i = 0; i < list.length; i++) {
      xs[i] = list[i]!.px * k + x
      ys[i] = list[i]!.py * k + y
    }
    const r = this.radius
    const spread = spreadPoints(xs, ys, ids, r * 1.2, r * 2.6)
    for (let i = 0; i < list.length; i++) {
      const m = list[i]!
      m.g.setAttribute('transform', `translate(${(xs[i]! + spread.dx[i]!).toFixed(1)},${(ys[i]! + spread.dy[i]!).toFixed(1)})`)
      m.g.classList.toggle('spread', spread.group[i]! > 1)
    }
  }
}
