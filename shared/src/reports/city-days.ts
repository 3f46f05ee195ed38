/**
 * City daily statistics accumulated one station at a time (a city-year report never holds every
 * station-day): for each day and statistic, the sum and count over the stations that have it; the
 * city value is their arithmetic mean (HJ 663-2013: a city's value is the mean of its stations'; the
 * same rule as targets/air-good-days.ts, whose file doc notes the O3 8-h nuance).
 */
import type { DailyAqiInput } from '../standards/aqi'

/** The daily statistics averaged over stations. */
export const DAY_KEYS = [
  'so2_24h',
  'no2_24h',
  'co_24h',
  'pm10_24h',
  'pm25_24h',
  'o3_8h',
  'o3_1h',
] as const satisfies readonly (keyof DailyAqiInput)[]

/** Sums per (day, statistic) over a span of days, columnar. */
export class CityDays {
  private readonly sum: Float64Array
  private readonly n: Uint32Array

  /** `days` days from CST day number `first`. */
  constructor(
    readonly first: number,
    readonly days: number,
  ) {
    this.sum = new Float64Array(days * DAY_KEYS.length)
    this.n = new Uint32Array(days * DAY_KEYS.length)
  }

  /** Add one station's day (CST day number) to the city's. */
  add(day: number, values: Readonly<Record<string, number>>): void {
    const i = day - this.first
    if (i < 0 || i >= this.days) return
    for (let j = 0; j < DAY_KEYS.length; j++) {
      const x = values[DAY_KEYS[j]!]
      if (x === undefined || !Number.isFinite(x)) continue
      this.sum[i * DAY_KEYS.length + j]! += x
      this.n[i * DAY_KEYS.length + j]!++
    }
  }

  /** The city's statistics of day index `i` (0 = `first`); empty when no station had data. */
  day(i: number): DailyAqiInput {
    const out: DailyAqiInput = {}
    for (let j = 0; j < DAY_KEYS.length; j++) {
      const n = this.n[i * DAY_KEYS.length + j]!
      if (n > 0) out[DAY_KEYS[j]!] = this.sum[i * DAY_KEYS.length + j]! / n
    }
    return out
  }

  /** Every day with any value, in order. */
  all(): DailyAqiInput[] {
    const out: DailyAqiInput[] = []
    for (let i = 0; i < this.days; i++) {
      const d = this.day(i)
      if (Object.keys(d).length > 0) out.push(d)
    }
    return out
  }
}
