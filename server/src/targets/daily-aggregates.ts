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

/** Air station-days: the daily AQI statistics (keys of DailyAqiInput). */
export function airDays(stationId: string, series: Series[], span: DaySpan): DailyAggregate[] {
  const m = byMetric(series)
  const grid = (k: string) => hourGrid(m.get(k), span)
  const means = ['so2', 'no2', 'co', 'pm10', 'pm25'].map((k) => [k, dailyMeans(grid(k), MIN_HOURS_PER_DAY)] as const)
  const o3 = grid('o3')
  const o3_8h = dailyMax8hO3(o3)
  const o3_1h = dailyMax1h(o3)
  return perDay(span, (k, values) => {
    for (const [p, d] of means) put(values, `${p}_24h`, d.v[k])
    put(values, 'o3_8h', o3_8h.v[k])
    put(values, 'o3_1h', o3_1h.v[k])
  }).map(({ day, values }) => ({ stationId, day: cstDate(day), values }))
}

/** Water station-days: the daily mean of each GB 3838-2002 item. */
export function waterDays(stationId: string, series: Series[], span: DaySpan): DailyAggregate[] {
  const m = byMetric(series)
  const means = WATER_ITEMS.map((k) => [k, dailyMeans(hourGrid(m.get(k), span), 1)] as const)
  return perDay(span, (k, values) => {
    for (const [item, d] of means) put(values, item, d.v[k])
  }).map(({ day, values }) => ({ stationId, day: cstDate(day), values }))
}

/** A day's volume of a flow series (m³/h buckets), gap-filled at the day's mean rate; undefined below MIN_FLOW_HOURS. */
export function dayVolume(s: Series | undefined, day: number): number | undefined {
  if (!s || s.t.length === 0) return undefined
  const from = cstDayStart(day)
  const t = new Float64Array(2 * s.t.length)
  const v = new Float64Array(2 * s.t.length)
  for (let i = 0; i < s.t.length; i++) {
    t[2 * i] = s.t[i]!
    t[2 * i + 1] = s.t[i]! + HOUR_MS
    v[2 * i] = v[2 * i + 1] = s.v[i]!
  }
  const r = integrateFlow({ t, v }, from, from + DAY_MS, { maxGapMs: HOUR_MS })
  if (r.coveredMs < MIN_FLOW_HOURS * HOUR_MS) return undefined
  return (r.volumeM3 * DAY_MS) / r.coveredMs
}

/** Wastewater plant-days: treated (outflow) and reclaimed volumes, m³. */
export function plantDays(stationId: string, series: Series[], span: DaySpan): PlantDay[] {
  const m = byMetric(series)
  const out: PlantDay[] = []
  for (let d = span.first; d <= span.last; d++) {
    const treated = dayVolume(m.get('outflow'), d)
    if (treated === undefined) continue
    const p: PlantDay = { stationId, day: cstDate(d), treatedM3: treated }
    const reclaimed = dayVolume(m.get('reclaimed'), d)
    if (reclaimed !== undefined) p.reclaimedM3 = reclaimed
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
      let has = false
      for (let i = 0; i < x.t.length && !has; i++) has = x.t[i]! >= from && x.t[i]! < from + DAY_MS && !Number.isNaN(x.deltas[i]!)
      if (!has) continue
      consumption[c] = sumDeltas(x.t, x.deltas, from, from + DAY_MS)
      any = true
    }
    if (any) out.push({ stationId, day: cstDate(d), consumption })
  }
  return out
}
