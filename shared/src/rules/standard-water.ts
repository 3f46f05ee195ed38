/**
 * Surface-water (drinking-water source) station evaluation, GB 3838-2002, when a clock hour closes:
 * each item's hourly mean (standards/hourlyMeans; the 45-minute sampling rule of GB 3095-2012
 * Table 4 is applied by analogy, GB 3838-2002 sets none for automatic stations) is judged against
 * the target class limit, and the station class of the hour is the worst item class (single-factor
 * method, standards/assessWater), observed as a number: I = 1 … V = 5, worse than V = 6.
 */
import { WATER_CLASSES, assessWater, waterClassRank, type WaterItem } from '../standards/surface-water'
import { HOUR_MS } from '../standards/time'
import type { Observation } from './alert-book'
import { WATER_METRICS, waterTargetOf } from './standard-rules'
import type { StationState } from './standard-state'

/** Numeric encoding of a GB 3838-2002 class: I = 1 … V = 5, worse than V (劣Ⅴ) = 6. */
export function waterClassNumber(cls: (typeof WATER_CLASSES)[number]): number {
  return waterClassRank(cls) + 1
}

/** Close the clock hour starting at `hour`: record the hourly means, observe the items and the class. */
export function waterHourClosed(s: StationState, hour: number, out: Observation[]): void {
  const values: Partial<Record<WaterItem, number>> = {}
  for (const item of WATER_METRICS) {
    const m = s.metric(item)
    const mean = m.samples.hourMean(hour, s.intervalMs).mean
    m.hours.push(hour, mean)
    if (Number.isFinite(mean)) values[item] = mean
  }
  const end = hour + HOUR_MS
  const { target } = waterTargetOf(s.station)
  const a = assessWater(values, s.station.waterBody ?? 'river', target, s.station.waterClassMethod)
  if (a.cls !== undefined) {
    const exceeding = a.exceeding.length > 0 ? `; worse than ${target}: ${a.exceeding.join(', ')}` : ''
    const beside = a.separate.map((x) => `; ${x.item.toUpperCase()} class ${x.cls}, reported beside the class`).join('')
    s.emit(
      out,
      s.rules.get('water.class'),
      waterClassNumber(a.cls),
      end,
      `class ${a.cls} (worst: ${a.worstItems.join(', ')})${exceeding}${beside}`,
    )
  }
  for (const item of WATER_METRICS) {
    const v = values[item]
    if (v !== undefined) s.emit(out, s.rules.get(`water.${item}.1h`), v, end, 'hourly mean')
  }
}
