/**
 * Rankings and changes for reports: standard competition ranks (1, 2, 2, 4) with entries without a
 * value left unranked, and the change of a figure against a previous period.
 */

/**
 * Rank entries by a value, lowest first (`ascending`, e.g. the composite index: cleaner ranks
 * first) or highest first; ties share a rank; null values get rank null.
 * @example rankBy([3, 1, 3, null], (x) => x, 'ascending') // [2, 1, 2, null]
 */
export function rankBy<T>(items: readonly T[], value: (x: T) => number | null, order: 'ascending' | 'descending'): (number | null)[] {
  const idx = items
    .map((x, i) => [value(x), i] as const)
    .filter((e): e is readonly [number, number] => e[0] !== null && Number.isFinite(e[0]))
  idx.sort((a, b) => (order === 'ascending' ? a[0] - b[0] : b[0] - a[0]))
  const ranks: (number | null)[] = items.map(() => null)
  idx.forEach(([v, i], k) => {
    ranks[i] = k > 0 && idx[k - 1]![0] === v ? ranks[idx[k - 1]![1]]! : k + 1
  })
  return ranks
}

/** A figure against its value in a previous period. */
export interface Change {
  previous: number | null
  /** current − previous (percentage points for a percentage). */
  delta: number | null
  /** 100 × (current − previous) / previous; null when previous is 0 or missing. */
  pct: number | null
}

/**
 * The change of `current` against `previous`.
 * @example change(33, 30) // { previous: 30, delta: 3, pct: 10 }
 */
export function change(current: number | null, previous: number | null): Change {
  if (current === null || previous === null) return { previous, delta: null, pct: null }
  return { previous, delta: current - previous, pct: previous !== 0 ? (100 * (current - previous)) / previous : null }
}
