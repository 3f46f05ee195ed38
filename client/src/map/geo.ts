/**
 * The town boundary, prepared for drawing (shared/geo/NOTICE.md): TopoJSON `towns` and `outline`
 * to GeoJSON, each feature's rings reversed when d3 would read it as the whole globe minus the
 * town (geoArea > 2π), and a label point inside each town (the pole of inaccessibility of its
 * largest polygon, checked with geoContains). Units without a polygon are kept for their names
 * but not drawn.
 */
import { geoArea, geoContains } from 'd3'
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import { interiorPoint } from './interior-point'

/** Properties of a town in the boundary file. */
export interface TownProps {
  code: string
  name: string
  name_en: string
  kind: string
}

/** A town ready to draw. */
export interface Town {
  code: string
  name: string
  nameEn: string
  kind: string
  /** The (rewound if needed) feature; geometry null for a unit without a polygon. */
  feature: Feature<Polygon | MultiPolygon | null, TownProps>
  /** [lon, lat] of the label, inside the town; undefined without a polygon. */
  label?: [number, number]
}

/** The prepared boundary. */
export interface Boundary {
  towns: Town[]
  outline: FeatureCollection<Geometry | null>
}

/** Reverse every ring of a feature in place when d3 sees it as larger than a hemisphere. */
export function fixWinding<F extends Feature<Geometry | null>>(f: F): F {
  if (!f.geometry || geoArea(f) <= 2 * Math.PI) return f
  const g = f.geometry
  if (g.type === 'Polygon') g.coordinates = g.coordinates.map((r) => [...r].reverse())
  else if (g.type === 'MultiPolygon') g.coordinates = g.coordinates.map((p) => p.map((r) => [...r].reverse()))
  return f
}

/** Planar area of a ring in lon/lat units (absolute; only used to pick the largest polygon). */
function ringArea(ring: readonly Position[]): number {
  let a = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j]![0]! + ring[i]![0]!) * (ring[j]![1]! - ring[i]![1]!)
  return Math.abs(a / 2)
}

/**
 * A label point inside a town: the pole of inaccessibility of its largest polygon, computed with
 * longitude scaled by cos(latitude) so "farthest from the edge" means on the ground.
 */
export function labelPoint(f: Feature<Polygon | MultiPolygon | null>): [number, number] | undefined {
  const g = f.geometry
  if (!g) return undefined
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates
  let best: Position[][] | undefined
  let bestArea = -1
  for (const p of polys) {
    const a = p[0] ? ringArea(p[0]) : 0
    if (a > bestArea) {
      best = p
      bestArea = a
    }
  }
  if (!best?.[0]?.length) return undefined
  const k = Math.cos((best[0][0]![1]! * Math.PI) / 180)
  const planar = best.map((ring) => ring.map((p) => [p[0]! * k, p[1]!] as [number, number]))
  const [x, y] = interiorPoint(planar, 1e-5)
  const pt: [number, number] = [x / k, y]
  return geoContains(f, pt) ? pt : undefined
}

/**
 * Prepare a boundary TopoJSON (objects `towns` and `outline`).
 * @throws Error naming what is missing when the topology is not a town boundary.
 */
export function prepareBoundary(topo: unknown): Boundary {
  const t = topo as Topology<{ towns: GeometryCollection<TownProps>; outline: GeometryCollection }>
  if (t?.type !== 'Topology' || !t.objects?.towns) throw new Error('boundary: not a TopoJSON topology with a `towns` object')
  const towns = (feature(t, t.objects.towns) as FeatureCollection<Polygon | MultiPolygon | null, TownProps>).features.map((f) => {
    fixWinding(f)
    const town: Town = {
      code: f.properties.code,
      name: f.properties.name,
      nameEn: f.properties.name_en,
      kind: f.properties.kind,
      feature: f,
    }
    const label = labelPoint(f)
    if (label) town.label = label
    return town
  })
  const outline: FeatureCollection<Geometry | null> = t.objects.outline
    ? (feature(t, t.objects.outline) as FeatureCollection<Geometry | null>)
    : { type: 'FeatureCollection', features: towns.map((x) => x.feature) }
  for (const f of outline.features) fixWinding(f)
  return { towns, outline }
}
