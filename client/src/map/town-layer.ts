/**
 * The town boundaries (SVG paths, `data-testid="town"`) and their names at interior points. Paths
 * live in a group that takes the zoom transform (strokes stay thin with non-scaling-stroke);
 * labels are positioned in screen pixels so they keep their size when zooming.
 */
import { geoPath, type GeoProjection } from 'd3'
import type { Lang } from '../i18n/dict'
import type { TownAqi } from './choropleth'
import type { Boundary, Town } from './geo'

const SVG_NS = 'http://www.w3.org/2000/svg'

/** Draws towns, the city outline and town labels. */
export class TownLayer {
  private labels: { town: Town; el: SVGTextElement; x: number; y: number }[] = []
  private boundary?: Boundary
  private readonly paths = new Map<string, SVGPathElement>()
  private fills = new Map<string, TownAqi>()

  constructor(
    private readonly shapes: SVGGElement,
    private readonly labelRoot: SVGGElement,
  ) {}

  /** Draw (or redraw after a resize) the boundary with a projection. */
  draw(boundary: Boundary, projection: GeoProjection, lang: Lang): void {
    this.boundary = boundary
    const path = geoPath(projection)
    this.shapes.replaceChildren()
    this.labelRoot.replaceChildren()
    this.labels = []
    this.paths.clear()
    for (const town of boundary.towns) {
      if (!town.feature.geometry) continue
      const p = document.createElementNS(SVG_NS, 'path')
      p.setAttribute('d', path(town.feature) ?? '')
      p.setAttribute('class', 'town')
      p.setAttribute('data-testid', 'town')
      p.setAttribute('data-code', town.code)
      p.setAttribute('data-name', town.name)
      p.setAttribute('vector-effect', 'non-scaling-stroke')
      this.shapes.appendChild(p)
      this.paths.set(town.name, p)
    }
    const outline = document.createElementNS(SVG_NS, 'path')
    outline.setAttribute('d', path(boundary.outline) ?? '')
    outline.setAttribute('class', 'city-outline')
    outline.setAttribute('vector-effect', 'non-scaling-stroke')
    this.shapes.appendChild(outline)
    for (const town of boundary.towns) {
      if (!town.label) continue
      const xy = projection(town.label)
      if (!xy) continue
      const el = document.createElementNS(SVG_NS, 'text')
      el.setAttribute('class', `town-label town-kind-${town.kind}`)
      el.setAttribute('text-anchor', 'middle')
      el.setAttribute('dy', '0.35em')
      this.labelRoot.appendChild(el)
      this.labels.push({ town, el, x: xy[0], y: xy[1] })
    }
    this.setLang(lang)
    const fills = this.fills
    this.fills = new Map()
    this.setFills(fills)
  }

  /**
   * Colour towns by their worst AQI (the choropleth); an empty map clears it. Only towns whose
   * colour changed are touched. Each coloured path carries `data-aqi` and `data-level`.
   */
  setFills(next: ReadonlyMap<string, TownAqi>): void {
    for (const [name, p] of this.paths) {
      const a = next.get(name)
      const prev = this.fills.get(name)
      if (a?.color === prev?.color && a?.aqi === prev?.aqi) continue
      if (a) {
        p.style.fill = a.color
        p.classList.add('aqi-fill')
        p.setAttribute('data-aqi', String(a.aqi))
        p.setAttribute('data-level', a.level)
      } else {
        p.style.fill = ''
        p.classList.remove('aqi-fill')
        p.removeAttribute('data-aqi')
        p.removeAttribute('data-level')
      }
    }
    this.fills = new Map(next)
  }

  /** Switch label language. */
  setLang(lang: Lang): void {
    for (const l of this.labels) l.el.textContent = lang === 'en' ? shortEn(l.town.nameEn) : shortZh(l.town.name)
  }

  /** Apply a zoom transform: shapes by transform, labels by position. */
  setTransform(k: number, x: number, y: number): void {
    this.shapes.setAttribute('transform', `translate(${x},${y}) scale(${k})`)
    for (const l of this.labels) l.el.setAttribute('transform', `translate(${(l.x * k + x).toFixed(1)},${(l.y * k + y).toFixed(1)})`)
    this.labelRoot.classList.toggle('zoomed', k >= 2)
  }

  /** The town whose boundary contains nothing drawable is still named here (for tooltips). */
  get towns(): readonly Town[] {
    return this.boundary?.towns ?? []
  }
}

/** Town names without the administrative suffix, to keep labels short (`东城街道` → `东城`). */
export function shortZh(name: string): string {
  return name.replace(/(街道|镇|管委会|管理委员会)$/, '') || name
}

/** English town names without the administrative suffix. */
export function shortEn(name: string): string {
  return name.replace(/\s+(Subdistrict|Town|\(Admin\. Committee\))$/i, '') || name
}
