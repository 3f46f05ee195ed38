/**
 * Test-only builders of columnar samples and hourly series (not exported from index.ts).
 */
import type { DataFlag } from '../domain/reading'
import type { HourlySeries } from './hourly-means'
import { HOUR_MS } from './time'

/** `count` samples every `stepMs` from `start`, all `value` (or value(i)). */
export function samplesEvery(
  start: number,
  count: number,
  stepMs: number,
  value: number | ((i: number) => number),
  flags?: (i: number) => DataFlag | undefined,
) {
  const t: number[] = []
  const v: number[] = []
  const f: (DataFlag | undefined)[] = []
  for (let i = 0; i < count; i++) {
    t.push(start + i * stepMs)
    v.push(typeof value === 'number' ? value : value(i))
    f.push(flags?.(i))
  }
  return { t, v, flags: f }
}

/** An hourly series starting at `start` (hour aligned) with the given values (NaN = invalid hour). */
export function hourlyOf(start: number, values: number[]): HourlySeries {
  const len = values.length
  const t = new Float64Array(len)
  for (let i = 0; i < len; i++) t[i] = start + i * HOUR_MS
  return { t, v: Float64Array.from(values), minutes: new Float64Array(len).fill(60), len }
}

/** `n` copies of `x`. */
export function rep(x: number, n: number): number[] {
  return new Array<number>(n).fill(x)
}
