/**
 * Station-days for the targets, from the store's hourly buckets through the standards library. Pure
 * functions of store series; targets-data.ts fetches and caches them.
 *
 * Inputs are `every=1h` buckets of N/S-flagged values only (`validOnly`), so flagged data never counts
 * (contract: only N and S count toward compliance statistics). The store port has no per-bucket
 * sample count, so GB 3095-2012's 45-minute rule cannot be checked here: every hour with a valid
 * value counts as a valid hour (the live evaluator, which sees raw samples, applies the rule).
 *
 * - air: 24-h means of SO2, NO2, CO, PM10, PM2.5 (>= 20 valid hours, standards/dailyMeans), daily max
 *   8-h O3 (standards/dailyMax8hO3) and daily max 1-h O3 (standards/dailyMax1h), keyed as DailyAqiInput;
 * - water: the daily mean of each GB 3838-2002 item over the day's valid hours (GB 3838-2002 sets no
 *   completeness rule; a day with one valid hour has a mean);
 * - wastewater: treated volume from `outflow` and reclaimed volume from `reclaimed` (m³/h): each hourly
 *   mean rate holds over its own hour (the bucket becomes two samples, at its start and its end) and
 *   standards/integrateFlow integrates them with a 1-h maximum gap, so a single missing hour is bridged
 *   linearly and longer gaps are skipped. A day needs >= 20 covered hours; the uncovered rest is
 *   filled at the day's mean rate (volume × 24 h / covered);
 * - energy: cumulative counters, the last value of each hour (taken at the hour's end), through
 *   standards/counterDeltas (resets, glitches) and summed per CST day (standards/sumDeltas).
 */
import { dailyMeans, MIN_HOURS_PER_DAY } from '../../../shared/src/standards/daily-means'
import { counterDeltas, sumDeltas } from '../../../shared/src/standards/counter-deltas'
import { ENERGY_CARRIERS, type EnergyCarrier } from '../../../shared/src/standards/energy-conversion'
import { integrateFlow } from '../../../shared/src/standards/flow-volume'
import { lowerBound } from '../../../shared/src/standards/columns'
import type { HourlySeries } from '../../../shared/src/standards/hourly-means'
import { dailyMax1h, dailyMax8hO3 } from '../../../shared/src/standards/ozone'
import { DAY_MS, HOUR_MS, cstDate, cstDayStart } from '../../../shared/src/standards/time'
import { WATER_ITEMS } from '../../../shared/src/standards/surface-water'
import type { Series } from '../../../shared/src/ports/store'
import type { DailyAggregate } from '../../../shared/src/targets/types'
import type { PlantDay } from '../../../shared/src/targets/sewage-treatment'
import type { UnitDay } from '../../../shared/src/targets/energy-quota'

/** A span of CST day numbers, inclusive. */
export interface DaySpan {
  first: number
  last: number
}

/** Metrics and aggregation each kind's days are computed from, and the query range around the days. */
export const DAY_INPUTS = {
  air: { metrics: ['so2', 'no2', 'co', 'pm10', 'pm25', 'o3'], fn: 'mean', before: 0, after: 0 },
  water: { metrics: [...WATER_ITEMS], fn: 'mean', before: 0, after: 0 },
  wastewater: { metrics: ['outflow', 'reclaimed'], fn: 'mean', before: 0, after: 0 },
  // One hour before the span: the counter's baseline for the first hour.
  energy: { metrics: [...ENERGY_CARRIERS], fn: 'last', before: HOUR_MS, after: 0 },
} as const

/** Minimum covered hours for a plant-day volume. */
export const MIN_FLOW_HOURS = 20

/** The query range of a span for a kind: [from, to). */
export function spanRange(kind: keyof typeof DAY_INPUTS, span: DaySpan): { from: number; to: number } {
  const x = DAY_INPUTS[kind]
  return { from: cstDayStart(span.first) - x.before, to: cstDayStart(span.last + 1) + x.after }
}

/** A dense hourly grid over the span's days from sparse buckets (missing hour = NaN). */
export function hourGrid(s: Series | undefined, span: DaySpan): HourlySeries {
  const from = cstDayStart(span.first)
  const len = ((span.last - span.first + 1) * DAY_MS) / HOUR_MS
  const t = new Float64Array(len)
  const v = new Float64Array(len).fill(NaN)
  for (let i = 0; i < len; i++) t[i] = from + i * HOUR_MS
  if (s) {
    for (let i = 0; i < s.t.length; i++) {
      const k = Math.round((s.t[i]! - from) / HOUR_MS)
      if (k >= 0 && k < len && Number.isFinite(s.v[i]!)) v[k] = s.v[i]!
    }
  }
  return { t, v, minutes: new Float64Array(len).fill(60), len }
}

/** Recent `YYYY-MM-DD` names of CST day numbers (a year's cold computation names each day a thousand times). */
const DAY_NAMES = new Map<number, string>()

/** {@link cstDate}, memoized (bounded: the oldest name goes first). */
export function dayName(day: number): string {
  let s = DAY_NAMES.get(day)
  if (s === undefined) {
    s = cstDate(day)
    DAY_NAMES.set(day, s)
    if (DAY_NAMES.size > 4096) DAY_NAMES.delete(DAY_NAMES.keys().next().value!)
  }
  return s
}

const byMetric = (series: Series[]) => new Map(series.map((s) => [s.metric, s]))

/** Each day of the span as a (day number, values) pair; days without any value are left out. */
function perDay(
  span: DaySpan,
  fill: (k: number, values: Record<string, number>) => void,
): { day: number; values: Record<string, number> }[] {
  const out: { day: number; values: Record<string, number> }[] = []
  for (let d = span.first; d <= span.last; d++) {
    const values: Record<string, number> = {}
    fill(d - span.first, values)
    if (Object.keys(values).length > 0) out.push({ day: d, values })
  }
  return out
}

const put = (values: Record<string, number>, key: string, x: number | undefined) => {
  if (x !== undefined && Number.isFinite(x)) values[key] = x
}

/**
 * The days of the span that hold a finite bucket of any of the series, first to last; undefined when
 * none does. Air and water days depend only on their own hours (24-h means, and the 8-h O3 windows
 * ending 08:00..24:00 of the day), and a running window before the first value adds exactly nothing,
 * so computing over these days alone gives the same values, without a grid of empty months.
 */
export function dataSpan(series: readonly (Series | undefined)[], span: DaySpan): DaySpan | undefined {
  const from = cstDayStart(span.first)
  const len = (span.last - span.first + 1) * 24
  let lo = Infinity
  let hi = -Infinity
  for (const s of series) {
    if (!s) continue
    for (let i = 0; i < s.t.length; i++) {
      // The hour hourGrid places the bucket at.
      const k = Math.round((s.t[i]! - from) / HOUR_MS)
      if (k < 0 || k >= len || !Number.isFinite(s.v[i]!)) continue
      if (k < lo) lo = k
      if (k > hi) hi = k
    }
  }
  if (lo > hi) return undefined
  return { first: span.first + Math.floor(lo / 24), last: span.first + Math.floor(hi / 24) }
}

const AIR_MEANS = ['so2', 'no2', 'co', 'pm10', 'pm25'] as const

/** Air station-days: the daily AQI statistics (keys of DailyAqiInput). */
export function airDays(stationId: string, series: Series[], span: DaySpan): DailyAggregate[] {
  const m = byMetric(series)
  const used = [...AIR_MEANS, 'o3'].filter((k) => m.has(k))
  const within = dataSpan(
    used.map((k) => m.get(k)),
    span,
  )
  if (!within) return []
  const grid = (k: string) => hourGrid(m.get(k), within)
  const means = AIR_MEANS.filter((k) => m.has(k)).map((k) => [k, dailyMeans(grid(k), MIN_HOURS_PER_DAY)] as const)
  const o3 = m.has('o3') ? grid('o3') : undefined
  const o3_8h = o3 && dailyMax8hO3(o3)
  const o3_1h = o3 && dailyMax1h(o3)
  return perDay(within, (k, values) => {
    for (const [p, d] of means) put(values, `${p}_24h`, d.v[k])
    put(values, 'o3_8h', o3_8h?.v[k])
    put(values, 'o3_1h', o3_1h?.v[k])
  }).map(({ day, values }) => ({ stationId, day: dayName(day), values }))
}

/** Water station-days: the daily mean of each GB 3838-2002 item. */
export function waterDays(stationId: string, series: Series[], span: DaySpan): DailyAggregate[] {
  const m = byMetric(series)
  const items = WATER_ITEMS.filter((k) => m.has(k))
  const within = dataSpan(
    items.map((k) => m.get(k)),
    span,
  )
  if (!within) return []
  const means = items.map((k) => [k, dailyMeans(hourGrid(m.get(k), within), 1)] as const)
  return perDay(within, (k, values) => {
    for (const [item, d] of means) put(values, item, d.v[k])
  }).map(({ day, values }) => ({ stationId, day: dayName(day), values }))
}

/**
 * A flow series (m³/h buckets) as integrateFlow samples: each hourly mean rate holds over its own
 * hour, so the bucket becomes two samples, at its start and its end.
 */
export function flowSamples(s: Series): { t: Float64Array; v: Float64Array } {
  const t = new Float64Array(2 * s.t.length)
  const v = new Float64Array(2 * s.t.length)
  for (let i = 0; i < s.t.length; i++) {
    t[2 * i] = s.t[i]!
    t[2 * i + 1] = s.t[i]! + HOUR_MS
    v[2 * i] = v[2 * i + 1] = s.v[i]!
  }
  return { t, v }
}

/**
 * A day's volume from {@link flowSamples}, gap-filled at the day's mean rate; undefined below
 * MIN_FLOW_HOURS. integrateFlow starts at the day (binary search), so a span of days built from one
 * set of samples costs its hours once, not once per day.
 */
function sampledDayVolume(samples: { t: Float64Array; v: Float64Array }, day: number): number | undefined {
  if (samples.t.length === 0) return undefined
  const from = cstDayStart(day)
  const r = integrateFlow(samples, from, from + DAY_MS, { maxGapMs: HOUR_MS })
  if (r.coveredMs < MIN_FLOW_HOURS * HOUR_MS) return undefined
  return (r.volumeM3 * DAY_MS) / r.coveredMs
}

/** A day's volume of a flow series (m³/h buckets), gap-filled at the day's mean rate; undefined below MIN_FLOW_HOURS. */
export function dayVolume(s: Series | undefined, day: number): number | undefined {
  if (!s || s.t.length === 0) return undefined
  return sampledDayVolume(flowSamples(s), day)
}

/** Wastewater plant-days: treated (outflow) and reclaimed volumes, m³. */
export function plantDays(stationId: string, series: Series[], span: DaySpan): PlantDay[] {
  const m = byMetric(series)
  const outflow = m.get('outflow')
  if (!outflow || outflow.t.length === 0) return []
  const treatedSamples = flowSamples(outflow)
  const reclaimed = m.get('reclaimed')
  const reclaimedSamples = reclaimed && reclaimed.t.length > 0 ? flowSamples(reclaimed) : undefined
  const out: PlantDay[] = []
  for (let d = span.first; d <= span.last; d++) {
    const treated = sampledDayVolume(treatedSamples, d)
    if (treated === undefined) continue
    const p: PlantDay = { stationId, day: dayName(d), treatedM3: treated }
    const r = reclaimedSamples && sampledDayVolume(reclaimedSamples, d)
    if (r !== undefined) p.reclaimedM3 = r
    out.push(p)
  }
  return out
}

/** Energy unit-days: consumption per carrier, in the contract's units. */
export function unitDays(stationId: string, series: Series[], span: DaySpan): UnitDay[] {
  const m = byMetric(series)
  const perCarrier = new Map<EnergyCarrier, { t: number[]; deltas: Float64Array }>()
  for (const c of ENERGY_CARRIERS) {
    const s = m.get(c)
    if (!s || s.t.length === 0) continue
    // The last value of the bucket [h, h + 1 h) was read at its end: attribute the delta there.
    const t = s.t.map((x) => x + HOUR_MS - 1)
    perCarrier.set(c, { t, deltas: counterDeltas({ t, v: s.v }).deltas })
  }
  const out: UnitDay[] = []
  for (let d = span.first; d <= span.last; d++) {
    const from = cstDayStart(d)
    const consumption: UnitDay['consumption'] = {}
    let any = false
    for (const [c, x] of perCarrier) {
      // Only the day's own samples (t ascending): a span of days costs its hours once.
      let has = false
      for (let i = lowerBound(x.t, x.t.length, from); i < x.t.length && x.t[i]! < from + DAY_MS && !has; i++)
        has = !Number.isNaN(x.deltas[i]!)
      if (!has) continue
      consumption[c] = sumDeltas(x.t, x.deltas, from, from + DAY_MS)
      any = true
    }
    if (any) out.push({ stationId, day: dayName(d), consumption })
  }
  return out
}
