/**
 * Round a mean to 12 significant digits. Summation noise (sixty samples of 0.15 average to
 * 0.15000000000000002) must not move a value across a class limit or an AQI breakpoint; no
 * instrument resolves 1e-12 of its range, so nothing real is lost.
 */
export function denoise(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(12)) : x
}
