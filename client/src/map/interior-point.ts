/**
 * A label point guaranteed inside a polygon: the pole of inaccessibility (the interior point
 * farthest from the outline), found by the quadtree search of Mapbox's polylabel (ISC licence,
 * Agafonkin 2016). A centroid can fall outside a concave or holed town; this cannot.
 */

type Ring = readonly (readonly [number, number])[] | readonly number[][]
type Polygon = readonly Ring[]

interface Cell {
  x: number
  y: number
  h: number
  /** Signed distance from the centre to the outline (positive inside). */
  d: number
  /** Best distance any point in the cell could reach. */
  max: number
}

function pointToSegmentDistSq(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  let x = ax
  let y = ay
  let dx = bx - x
  let dy = by - y
  if (dx !== 0 || dy !== 0) {
    const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy)
    if (t > 1) {
      x = bx
      y = by
    } else if (t > 0) {
      x += dx * t
      y += dy * t
    }
  }
  dx = px - x
  dy = py - y
  return dx * dx + dy * dy
}

/** Signed distance from a point to the polygon outline: positive inside (even-odd, holes count). */
export function signedDistance(x: number, y: number, polygon: Polygon): number {
  let inside = false
  let min = Infinity
  for (const ring of polygon) {
    for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
      const a = ring[i]!
      const b = ring[j]!
      const ax = a[0]!
      const ay = a[1]!
      const bx = b[0]!
      const by = b[1]!
      if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside
      min = Math.min(min, pointToSegmentDistSq(x, y, ax, ay, bx, by))
    }
  }
  return (inside ? 1 : -1) * Math.sqrt(min)
}

function cell(x: number, y: number, h: number, polygon: Polygon): Cell {
  const d = signedDistance(x, y, polygon)
  return { x, y, h, d, max: d + h * Math.SQRT2 }
}

/** A max-heap of cells by `max`. */
class CellQueue {
  private readonly a: Cell[] = []
  get size(): number {
    return this.a.length
  }
  push(c: Cell): void {
    const a = this.a
    a.push(c)
    let i = a.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (a[p]!.max >= c.max) break
      a[i] = a[p]!
      i = p
    }
    a[i] = c
  }
  pop(): Cell {
    const a = this.a
    const top = a[0]!
    const last = a.pop()!
    const n = a.length
    if (n === 0) return top
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = -1
      let best = last.max
      if (l < n && a[l]!.max > best) {
        m = l
        best = a[l]!.max
      }
      if (r < n && a[r]!.max > best) m = r
      if (m < 0) break
      a[i] = a[m]!
      i = m
    }
    a[i] = last
    return top
  }
}

/**
 * The pole of inaccessibility of a planar polygon (outer ring first, then holes), to `precision`.
 * @example interiorPoint([[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]) // ≈ [5, 5]
 */
export function interiorPoint(polygon: Polygon, precision = 1e-4): [number, number] {
  const outer = polygon[0]
  if (!outer || outer.length === 0) return [Number.NaN, Number.NaN]
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const p of outer) {
    minX = Math.min(minX, p[0]!)
    minY = Math.min(minY, p[1]!)
    maxX = Math.max(maxX, p[0]!)
    maxY = Math.max(maxY, p[1]!)
  }
  const w = maxX - minX
  const hgt = maxY - minY
  const size = Math.min(w, hgt)
  if (size === 0) return [minX, minY]
  const h = size / 2
  const queue = new CellQueue()
  for (let x = minX; x < maxX; x += size) for (let y = minY; y < maxY; y += size) queue.push(cell(x + h, y + h, h, polygon))
  // First guess: the bounding-box centre (the centroid would do too; it is only a starting bound).
  let best = cell(minX + w / 2, minY + hgt / 2, 0, polygon)
  let guard = 0
  while (queue.size > 0 && guard++ < 100_000) {
    const c = queue.pop()
    if (c.d > best.d) best = c
    if (c.max - best.d <= precision) continue
    const q = c.h / 2
    queue.push(cell(c.x - q, c.y - q, q, polygon))
    queue.push(cell(c.x + q, c.y - q, q, polygon))
    queue.push(cell(c.x - q, c.y + q, q, polygon))
    queue.push(cell(c.x + q, c.y + q, q, polygon))
  }
  return [best.x, best.y]
}
