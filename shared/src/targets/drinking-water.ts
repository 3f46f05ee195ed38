/**
 * Centralized drinking-water source water-quality compliance rate (target 100 %).
 *
 * Period assessment of a source: for each GB 3838-2002 item, the arithmetic mean of its daily means over
 * the completed days of the period; the source's class is the worst item class of those means
 * (single-factor method) and it complies when no item is worse than its target class: the station's
 * configured class (Station.standardClass) or class III when none is set or `classRule: 'III'`
 * (GB 3838-2002 §4.3: class III = second-grade protection zone of drinking-water sources).
 * Rate = compliant sources / assessed sources × 100. Sources without data in the period are excluded
 * (listed), not counted as compliant.
 *
 * `breakdown`: per assessed source, its class and target class as numbers (I = 1 … 劣Ⅴ = 6).
 *
 * Status: a closed period meets the target only at 100 %. In progress, a non-compliant period mean can
 * still recover, so it is at-risk, not missed.
 */
import type { WaterBody } from '../domain/station'
import { WATER_ITEMS, assessWater, maybeWaterClass, waterClassRank, type WaterItem } from '../standards/surface-water'
import { periodDays } from './period'
import { judge } from './status'
import type { DailyAggregate, Evaluation, TargetResult } from './types'

/** A drinking-water source station (a subset of Station). */
export interface SourceStation {
  id: string
  standardClass?: string
  waterBody?: WaterBody
}

/** Options of {@link drinkingWaterCompliance}. */
export interface DrinkingWaterOptions extends Evaluation {
  /** `configured` (default): the station's class, else III; `III`: always class III. */
  classRule?: 'configured' | 'III'
  /** Minimum completed days with data for a source to be assessed; default 1. */
  minDays?: number
}

/**
 * Drinking-water source compliance rate over a period.
 * @example drinkingWaterCompliance([{ id: 'W1' }], daily, { period }).value // 100
 */
export function drinkingWaterCompliance(sources: SourceStation[], daily: DailyAggregate[], opts: DrinkingWaterOptions): TargetResult {
  const days = periodDays(opts)
  const inPeriod = new Set(days.completed)
  const minDays = opts.minDays ?? 1
  const counted: string[] = []
  const excluded: { id: string; why: string }[] = []
  const breakdown: NonNullable<TargetResult['breakdown']> = []
  let compliant = 0
  for (const s of sources) {
    const sum: Partial<Record<WaterItem, number>> = {}
    const n: Partial<Record<WaterItem, number>> = {}
    let dayCount = 0
    for (const d of daily) {
      if (d.stationId !== s.id || !inPeriod.has(d.day)) continue
      let any = false
      for (const item of WATER_ITEMS) {
        const x = d.values[item]
        if (x === undefined || !Number.isFinite(x)) continue
        sum[item] = (sum[item] ?? 0) + x
        n[item] = (n[item] ?? 0) + 1
        any = true
      }
      if (any) dayCount++
    }
    if (dayCount < minDays) {
      excluded.push({ id: s.id, why: `${dayCount} day(s) with data in the period, ${minDays} needed` })
      continue
    }
    const means: Partial<Record<WaterItem, number>> = {}
    for (const item of WATER_ITEMS) if (n[item]) means[item] = sum[item]! / n[item]!
    const target = opts.classRule === 'III' ? 'III' : (maybeWaterClass(s.standardClass) ?? 'III')
    const a = assessWater(means, s.waterBody ?? 'river', target)
    if (a.compliant === undefined) {
      excluded.push({ id: s.id, why: 'no assessable GB 3838-2002 item' })
      continue
    }
    counted.push(s.id)
    if (a.compliant) compliant++
    breakdown.push({ id: s.id, value: waterClassRank(a.cls!) + 1, target: waterClassRank(target) + 1, ok: a.compliant })
  }
  const value = counted.length > 0 ? (100 * compliant) / counted.length : null
  return {
    id: 'drinking-water-compliance',
    title: { zh: '集中式饮用水水源地水质达标率', en: 'Drinking-water source compliance rate' },
    value,
    target: 100,
    comparator: '>=',
    unit: '%',
    status: judge(value, 100, '>=', { inProgress: days.inProgress }),
    period: opts.period,
    method:
      `Per source: period mean of each GB 3838-2002 Table 1 item over ${days.completed.length} completed day(s); ` +
      `class = worst item (single-factor); compliant when no item is worse than the ${opts.classRule === 'III' ? 'class III' : 'configured class (default III)'}. ` +
      `Rate = ${compliant} compliant / ${counted.length} assessed sources.`,
    counted: { stations: counted, days: days.completed, excluded },
    detail: { compliant, assessed: counted.length },
    breakdown,
  }
}
