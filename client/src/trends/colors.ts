/**
 * Series colours of the comparison chart: the Okabe–Ito palette (distinguishable with the common
 * colour-vision deficiencies), brightened for the dark theme, assigned by selection order.
 */

/** Eight colours in assignment order. */
export const SERIES_COLORS: readonly string[] = ['#56b4e9', '#e69f00', '#009e73', '#f0e442', '#cc79a7', '#d55e00', '#8fb8ff', '#c8c8c8']

/** The colour of the i-th selected station. */
export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length]!
}
