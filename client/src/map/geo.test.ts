import { readFileSync } from 'node:fs'
import { geoArea, geoCentroid, geoContains } from 'd3'
import { describe, expect, it } from 'vitest'
import { fixWinding, prepareBoundary } from './geo'
import { interiorPoint } from './interior-point'

const topo = JSON.parse(readFileSync(new URL('../../../shared/geo/dongguan_wgs84.topo.json', import.meta.url), 'utf8'))
const boundary = prepareBoundary(topo)

describe('prepareBoundary on the Dongguan file', () => {
  it('keeps all 35 towns with names in both languages', () => {
    expect(boundary.towns).toHaveLength(35)
    for (const t of boundary.towns) expect(t.name && t.nameEn).toBeTruthy()
  })

  it('leaves no town larger than a hemisphere (winding fixed)', () => {
    for (const t of boundary.towns) if (t.feature.geometry) expect(geoArea(t.feature)).toBeLessThan(2 * Math.PI)
  })

  it('puts every label inside its own town, even where the centroid falls outside', () => {
    const centroidOutside = boundary.towns.filter((t) => t.feature.geometry && !geoContains(t.feature, geoCentroid(t.feature)))
    expect(centroidOutside.length).toBeGreaterThan(0)
    for (const t of boundary.towns) if (t.feature.geometry) expect(t.label && geoContains(t.feature, t.label)).toBe(true)
  })

  it('rejects something that is not a town topology', () => {
    expect(() => prepareBoundary({ type: 'FeatureCollection' })).toThrow(/towns/)
  })
})

describe('fixWinding', () => {
  it('reverses a ring that d3 reads as the rest of the globe', () => {
    const square = [
      [113, 23],
      [113, 23.1],
      [113.1, 23.1],
      [113.1, 23],
      [113, 23],
    ]
    const f = { type: 'Feature' as const, properties: {}, geometry: { type: 'Polygon' as const, coordinates: [[...square].reverse()] } }
    const before = geoArea(f)
    fixWinding(f)
    expect(Math.min(before, geoArea(f))).toBe(geoArea(f))
    expect(geoArea(f)).toBeLessThan(2 * Math.PI)
  })
})

describe('interiorPoint', () => {
  it('finds the centre of a square', () => {
    const [x, y] = interiorPoint(
      [
        [
          [0, 0],
          [10, 0],
          [10, 10],
          [0, 10],
          [0, 0],
        ],
      ],
      1e-3,
    )
    expect(x).toBeCloseTo(5, 1)
    expect(y).toBeCloseTo(5, 1)
  })

  it('stays inside a C shape whose centroid is outside', () => {
    const c = [
      [0, 0],
      [10, 0],
      [10, 2],
      [2, 2],
      [2, 8],
      [10, 8],
      [10, 10],
      [0, 10],
      [0, 0],
    ]
    const [x, y] = interiorPoint([c], 1e-3)
    expect(x).toBeLessThan(2)
    expect(y).toBeGreaterThan(0)
  })
})
