/**
 * Between the overview strip's brush (pixels) and the zoomed time range (epoch ms), both ways,
 * with the smallest zoom clamped so a click-sized brush does not zoom to nothing. Also the zoom
 * and pan steps the keyboard buttons use. Pure.
 */

/** The smallest zoom window. */
export const MIN_ZOOM_MS = 10 * 60_000

/**
 * The time range a brush selection [x0, x1] (px in a strip of `width` px over `domain`) stands for.
 * @example brushToRange([0, 50], 100, [0, 1000]) // [0, 500]
 */
export function brushToRange(sel: readonly [number, number], width: number, domain: readonly [number, number]): [number, number] {
  const [d0, d1] = domain
  const k = (d1 - d0) / Math.max(1, width)
  let t0 = d0 + Math.min(sel[0], sel[1]) * k
  let t1 = d0 + Math.max(sel[0], sel[1]) * k
  if (t1 - t0 < MIN_ZOOM_MS) {
    const mid = (t0 + t1) / 2
    t0 = mid - MIN_ZOOM_MS / 2
    t1 = mid + MIN_ZOOM_MS / 2
  }
  const [a, b] = fitInside([t0, t1], domain)
  return [Math.round(a), Math.round(b)]
}

/**
 * The brush pixels of a time range (the inverse of {@link brushToRange}).
 * @example rangeToBrush([0, 500], 100, [0, 1000]) // [0, 50]
 */
export function rangeToBrush(range: readonly [number, number], width: number, domain: readonly [number, number]): [number, number] {
  const [d0, d1] = domain
  const k = width / Math.max(1, d1 - d0)
  return [Math.max(0, (range[0] - d0) * k), Math.min(width, (range[1] - d0) * k)]
}

/** Shift a range inside the domain without changing its length (when it fits). */
export function fitInside(r: readonly [number, number], domain: readonly [number, number]): [number, number] {
  const len = Math.min(r[1] - r[0], domain[1] - domain[0])
  const t0 = Math.max(domain[0], Math.min(r[0], domain[1] - len))
  return [t0, t0 + len]
}

/**
 * Zoom by `factor` (< 1 in, > 1 out) around the range's centre, kept inside the domain.
 * @example zoomRange([400, 600], 0.5, [0, 1000]) // [450, 550]
 */
export function zoomRange(r: readonly [number, number], factor: number, domain: readonly [number, number]): [number, number] {
  const mid = (r[0] + r[1]) / 2
  const half = Math.max(MIN_ZOOM_MS, (r[1] - r[0]) * factor) / 2
  return fitInside([mid - half, mid + half], domain)
}

/** Pan by a fraction of the range's length (negative: back in time), kept inside the domain. */
export function panRange(r: readonly [number, number], fraction: number, domain: readonly [number, number]): [number, number] {
  const d = (r[1] - r[0]) * fraction
  return fitInside([r[0] + d, r[1] + d], domain)
}
