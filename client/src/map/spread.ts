/**
 * Spreading markers that would hide each other. Many stations share their town's representative
 * point (approximate coordinates), so at any zoom several may sit on the same pixel. Points closer
 * than `hideDist` are grouped (greedy, in a deterministic order, each group around its first
 * member, no chaining across a dense area), and each group of n > 1 is laid out around its centre:
 * on a circle whose neighbours are `sep` apart for small groups, on a sunflower spiral for large
 * ones. Members are placed in id order, so the layout is the same on every load.
 */

/** Screen positions in, offsets out (columnar, index-aligned with the input). */
export interface SpreadResult {
  dx: Float64Array
  dy: Float64Array
  /** Group size of each point (1 = alone). */
  group: Uint32Array
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5))
/** Above this group size, a spiral fits better than one ring. */
const RING_MAX = 8

/** Offsets of `n` members around a centre, neighbours about `sep` apart (member i gets index i). */
export function groupOffsets(n: number, sep: number): { x: Float64Array; y: Float64Array } {
  const x = new Float64Array(n)
  const y = new Float64Array(n)
  if (n <= 1) return { x, y }
  if (n <= RING_MAX) {
    const r = sep / (2 * Math.sin(Math.PI / n))
    for (let i = 0; i < n; i++) {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / n
      x[i] = r * Math.cos(a)
      y[i] = r * Math.sin(a)
    }
    return { x, y }
  }
  // Sunflower (Vogel) spiral: area per point ≈ π c², so neighbours sit ≈ 1.8 c apart.
  const c = sep * 0.6
  for (let i = 0; i < n; i++) {
    const r = c * Math.sqrt(i + 0.5)
    const a = i * GOLDEN_ANGLE
    x[i] = r * Math.cos(a)
    y[i] = r * Math.sin(a)
  }
  return { x, y }
}

/**
 * Offsets that keep markers at (xs[i], ys[i]) from hiding each other.
 * @param hideDist points closer than this (px) are grouped
 * @param sep distance (px) between neighbours once spread
 * @example const { dx, dy } = spreadPoints(xs, ys, ids, 6, 13)
 */
export function spreadPoints(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  ids: readonly string[],
  hideDist: number,
  sep: number,
): SpreadResult {
  const n = ids.length
  const dx = new Float64Array(n)
  const dy = new Float64Array(n)
  const group = new Uint32Array(n).fill(1)
  // Deterministic order: by id, so a group's leader and layout never depend on arrival order.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0))
  const cell = Math.max(hideDist, 1e-9)
  const grid = new Map<string, number[]>()
  const leaderOf = new Int32Array(n).fill(-1)
  const members = new Map<number, number[]>()
  const d2 = hideDist * hideDist
  for (const i of order) {
    const x = xs[i]!
    const y = ys[i]!
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue
    const cx = Math.floor(x / cell)
    const cy = Math.floor(y / cell)
    let leader = -1
    for (let gx = cx - 1; gx <= cx + 1 && leader < 0; gx++) {
      for (let gy = cy - 1; gy <= cy + 1 && leader < 0; gy++) {
        for (const l of grid.get(`${gx},${gy}`) ?? []) {
          const ex = xs[l]! - x
          const ey = ys[l]! - y
          if (ex * ex + ey * ey < d2) {
            leader = l
            break
          }
        }
      }
    }
    if (leader < 0) {
      leaderOf[i] = i
      members.set(i, [i])
      const key = `${cx},${cy}`
      const list = grid.get(key)
      if (list) list.push(i)
      else grid.set(key, [i])
    } else {
      leaderOf[i] = leader
      members.get(leader)!.push(i)
    }
  }
  for (const list of members.values()) {
    if (list.length < 2) continue
    let mx = 0
    let my = 0
    for (const i of list) {
      mx += xs[i]!
      my += ys[i]!
    }
    mx /= list.length
    my /= list.length
    const off = groupOffsets(list.length, sep)
    list.forEach((i, k) => {
      dx[i] = mx + off.x[k]! - xs[i]!
      dy[i] = my + off.y[k]! - ys[i]!
      group[i] = list.length
    })
  }
  return { dx, dy, group }
}
