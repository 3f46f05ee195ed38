/**
 * Dongguan's town polygons for placing generated stations: the boundary file's `towns` object as
 * GeoJSON features with d3's ring winding fixed, their bounding boxes, and a seeded interior point.
 * The boundary comes from a file (default shared/geo/dongguan_wgs84.topo.json, see NOTICE.md) so a
 * deployment can substitute the bureau's official layer.
 */
import { readFileSync } from 'node:fs'
import { geoArea, geoBounds, geoContains } from 'd3'
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import type { Rng } from '../models/prng'
import { projectFile } from '../project-file'

/** One town-level unit with a polygon. */
export interface Town {
  code: string
  name: string
  nameEn: string
  feature: Feature<Polygon | MultiPolygon>
  /** [[west, south], [east, north]] in degrees. */
  bounds: [[number, number], [number, number]]
}

interface TownProps {
  code: string
  name: string
  name_en: string
  kind: string
}

/** The default boundary file, beside the shared domain. */
export const DEFAULT_BOUNDARY_URL = projectFile('shared/geo/dongguan_wgs84.topo.json', import.meta.url)

const reverseRings = (rings: Position[][]) => rings.map((r) => r.slice().reverse())

/**
 * d3-geo wants clockwise exterior rings (spherical polygons); a feature whose area comes out
 * larger than a hemisphere is wound the other way, so reverse its rings (NOTICE.md).
 */
function fixWinding(f: Feature<Polygon | MultiPolygon>): Feature<Polygon | MultiPolygon> {
  if (geoArea(f) <= 2 * Math.PI) return f
  const g = f.geometry
  const geometry: Polygon | MultiPolygon =
    g.type === 'Polygon'
      ? { type: 'Polygon', coordinates: reverseRings(g.coordinates) }
      : { type: 'MultiPolygon', coordinates: g.coordinates.map(reverseRings) }
  return { ...f, geometry }
}

/**
 * Parse a TopoJSON topology's `towns` object into towns; units without a polygon are skipped.
 * @example
 * const towns = parseTowns(JSON.parse(readFileSync(DEFAULT_BOUNDARY_URL, 'utf8')))
 */
export function parseTowns(topology: unknown): Town[] {
  const topo = topology as Topology<{ towns: GeometryCollection<TownProps> }>
  if (!topo?.objects?.towns) throw new Error('invalid boundary file: no "towns" object')
  const fc = feature(topo, topo.objects.towns)
  const out: Town[] = []
  for (const f of fc.features) {
    const g = f.geometry
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue
    const fixed = fixWinding(f as Feature<Polygon | MultiPolygon>)
    const p = f.properties as TownProps
    out.push({ code: p.code, name: p.name, nameEn: p.name_en, feature: fixed, bounds: geoBounds(fixed) })
  }
  return out.sort((a, b) => a.code.localeCompare(b.code))
}

let cached: Town[] | undefined

/** The default boundary file's towns (read once). */
export function loadTowns(): Town[] {
  cached ??= parseTowns(JSON.parse(readFileSync(DEFAULT_BOUNDARY_URL, 'utf8')))
  return cached
}

/**
 * A seeded random point strictly inside `town` (rejection sampling in its bounding box, kept
 * 5 decimals ≈ 1 m). Throws if no point is found, which would mean a broken polygon.
 */
export function randomPointIn(town: Town, rng: Rng): [number, number] {
  const [[w, s], [e, n]] = town.bounds
  for (let i = 0; i < 10_000; i++) {
    const lon = Math.round((w + (e - w) * rng()) * 1e5) / 1e5
    const lat = Math.round((s + (n - s) * rng()) * 1e5) / 1e5
    if (geoContains(town.feature, [lon, lat])) return [lon, lat]
  }
  throw new Error(`no interior point found in town ${town.code} ${town.name}`)
}

/** Whether [lon, lat] lies inside `town`. */
export function townContains(town: Town, lon: number, lat: number): boolean {
  return geoContains(town.feature, [lon, lat])
}
