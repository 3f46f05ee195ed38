/**
 * Centralized drinking-water source water-quality compliance rate (target 100 %).
 *
 * Period assessment of a source: for each GB 3838-2002 item, the arithmetic mean of its daily means over
 * the completed days of the period; the source's class is the worst class of those means over the
 * class items (single-factor method; the class items by the station's `waterClassMethod`, default the
 * 2011 assessment practice, 地表水环境质量评价办法(试行): a lake's TN is not a class item, it is
 * evaluated beside the class, named in the method text and counted in `detail.separateExceeding`
 * when worse than the target) and it complies when no class item is
 * worse than its target class: the station's
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
import type { WaterBody, WaterClassMethod } from '../domain/station'
import { WATER_ITEMS, assessWater, maybeWaterClass, waterClassRank, type WaterItem } from '../standards/surface-water'
import { periodDays } from './period-days'
import { judge } from './status'
import type { DailyAggregate, Evaluation, TargetResult } from './types'

/** A drinking-water source station (a subset of Station). */
export interface SourceStation {
  id: string
  standardClass?: string
  waterBody?: WaterBody
  waterClassMethod?: WaterClassMethod
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
  const separate: { id: string; item: WaterItem; value: number; cls: string; exceeds: boolean }[] = []
  let strict = 0
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
    const a = assessWater(means, s.waterBody ?? 'river', target, s.waterClassMethod)
    if (a.compliant === undefined) {
      excluded.push({ id: s.id, why: 'no assessable GB 3838-2002 item' })
      continue
    }
    if (a.method === 'all-items') strict++
    for (const x of a.separate) separate.push({ id: s.id, item: x.item, value: x.value, cls: x.cls, exceeds: x.exceeds })
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
      `class = worst class item (single-factor; class items per 地表水环境质量评价办法(试行) 2011: water temperature, TN and fecal coliform excluded, lake TN reported beside the class` +
      `${strict > 0 ? `; ${strict} source(s) set to the strict all-items class` : ''}); ` +
      `compliant when no class item is worse than the ${opts.classRule === 'III' ? 'class III' : 'configured class (default III)'}. ` +
      `Rate = ${compliant} compliant / ${counted.length} assessed sources.` +
      (separate.length > 0
        ? ` Beside the class: ${separate.map((x) => `${x.id} ${x.item.toUpperCase()} class ${x.cls}`).join(', ')}.`
        : ''),
    counted: { stations: counted, days: days.completed, excluded },
    detail: { compliant, assessed: counted.length, separateExceeding: separate.filter((x) => x.exceeds).length },
    breakdown,
  }
}
