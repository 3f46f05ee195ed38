/**
 * Reviewed data: raw values with the marks in force applied. Invalid values are left out (NaN, so no
 * mean counts them); corrected values take the place of the value they correct. Where marks overlap
 * the one applied last (highest `seq`) decides, so the result never depends on the order the marks
 * are listed in.
 */
import type { Mark } from './marks'

/** What applied to a value: nothing, or the deciding mark's action and id. */
export type Applied = { mark: Mark } | undefined

/**
 * The deciding mark of each time of a metric: for each t, the covering mark with the highest seq.
 * `marks` may be in any order and for any station (only this station's, this metric's count).
 */
export function decidingMarks(t: ArrayLike<number>, stationId: string, metric: string, marks: readonly Mark[]): (Mark | undefined)[] {
  const mine = marks.filter((m) => m.stationId === stationId && m.metrics.includes(metric)).sort((a, b) => a.seq - b.seq)
  const out: (Mark | undefined)[] = new Array<Mark | undefined>(t.length).fill(undefined)
  if (mine.length === 0) return out
  for (let i = 0; i < t.length; i++) {
    const x = t[i]!
    // Later marks overwrite earlier ones: the last applied wins.
    for (const m of mine) if (x >= m.from && x < m.to) out[i] = m
  }
  return out
}

/** A value after review: NaN when invalid, the corrected value when corrected, else the raw value. */
export function reviewedValue(raw: number, m: Mark | undefined): number {
  if (!m) return raw
  return m.action === 'invalid' ? NaN : m.value!
}

/**
 * Apply marks to one metric's raw points. Returns the reviewed values (same length; NaN where
 * invalid) and the deciding mark of each point.
 *
 * @example
 * const r = applyMarks({ t: [0, 60_000], v: [10, 999] }, 'S1', 'pm25', [calibrationMark])
 * // r.v = [10, NaN] when the mark covers [60_000, 120_000)
 */
export function applyMarks(
  points: { t: ArrayLike<number>; v: ArrayLike<number> },
  stationId: string,
  metric: string,
  marks: readonly Mark[],
): { v: number[]; marks: (Mark | undefined)[] } {
  const deciding = decidingMarks(points.t, stationId, metric, marks)
  const v = new Array<number>(points.t.length)
  for (let i = 0; i < v.length; i++) v[i] = reviewedValue(points.v[i]!, deciding[i])
  return { v, marks: deciding }
}

/** One stretch of one metric that review left out (for completeness' valid-data rate). */
export interface InvalidatedRange {
  stationId: string
  metric: string
  from: number
  to: number
}

/**
 * The stretches the marks in force leave out, per (station, metric): each invalid mark's range minus
 * the parts a later correction re-instates, merged where they touch. Ordered by station, metric, from.
 * The completeness computation (valid-data rate) takes these as its invalidated input.
 */
export function invalidatedRanges(marks: readonly Mark[]): InvalidatedRange[] {
  const byKey = new Map<string, Mark[]>()
  for (const m of marks)
    for (const metric of m.metrics) {
      const k = `${m.stationId}\u0000${metric}`
      const list = byKey.get(k) ?? []
      list.push(m)
      byKey.set(k, list)
    }
  const out: InvalidatedRange[] = []
  for (const [k, list] of [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [stationId, metric] = k.split('\u0000') as [string, string]
    // Paint the marks in order of application over a set of disjoint intervals.
    let spans: { from: number; to: number; invalid: boolean }[] = []
    for (const m of list.sort((a, b) => a.seq - b.seq)) {
      const next: typeof spans = []
      for (const s of spans) {
        if (s.to <= m.from || s.from >= m.to) next.push(s)
        else {
          if (s.from < m.from) next.push({ ...s, to: m.from })
          if (s.to > m.to) next.push({ ...s, from: m.to })
        }
      }
      next.push({ from: m.from, to: m.to, invalid: m.action === 'invalid' })
      spans = next.sort((a, b) => a.from - b.from)
    }
    for (const s of spans) {
      if (!s.invalid) continue
      const last = out.at(-1)
      if (last && last.stationId === stationId && last.metric === metric && last.to >= s.from) last.to = Math.max(last.to, s.to)
      else out.push({ stationId, metric, from: s.from, to: s.to })
    }
  }
  return out
}
