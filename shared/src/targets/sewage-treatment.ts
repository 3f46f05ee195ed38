/**
 * Urban domestic sewage treatment rate (target >= 90 %): treated domestic sewage / domestic sewage
 * generated.
 *
 * Treated volume: the plants' daily treated (effluent, `outflow`) volumes, m³ (from
 * standards/flow-volume). Generated volume: a configured baseline, m³/day (the city's generated
 * domestic sewage is not measured by stations). Only completed days on which every registered plant
 * has a treated volume count, in numerator and denominator alike, so a data gap neither lowers nor
 * raises the rate; skipped days are listed in `excluded`.
 *
 *   rate = 100 × Σ treated (counted days) / (generatedM3PerDay × counted days)
 *
 * Effluent includes whatever industrial water the plants take; the baseline should be set on the same
 * footing. At-risk: in progress and below target, or above it by less than `marginPct` points.
 */
import { periodDays } from './period-days'
import { judge } from './status'
import type { Evaluation, TargetResult } from './types'

/** One plant's volumes on one CST day, m³. */
export interface PlantDay {
  stationId: string
  /** `YYYY-MM-DD`, CST. */
  day: string
  treatedM3?: number
  reclaimedM3?: number
}

/** Options of {@link sewageTreatmentRate}. */
export interface SewageTreatmentOptions extends Evaluation {
  /** Domestic sewage generated in the city, m³/day (configuration). */
  generatedM3PerDay: number
  /** Default 90 (%). */
  targetPct?: number
  /** At-risk margin, percentage points; default 2. */
  marginPct?: number
}

/**
 * Urban sewage treatment rate over a period.
 * @example sewageTreatmentRate(['P1'], [{ stationId: 'P1', day: '2026-01-01', treatedM3: 95_000 }], { period, generatedM3PerDay: 100_000 }).value // 95
 */
export function sewageTreatmentRate(plants: string[], days: PlantDay[], opts: SewageTreatmentOptions): TargetResult {
  if (!(opts.generatedM3PerDay > 0)) throw new Error(`invalid generatedM3PerDay: ${opts.generatedM3PerDay}`)
  const target = opts.targetPct ?? 90
  const pd = periodDays(opts)
  const byDay = new Map<string, Map<string, number>>()
  for (const d of days) {
    if (d.treatedM3 === undefined || !Number.isFinite(d.treatedM3)) continue
    let m = byDay.get(d.day)
    if (!m) byDay.set(d.day, (m = new Map()))
    m.set(d.stationId, (m.get(d.stationId) ?? 0) + d.treatedM3)
  }
  const counted: string[] = []
  const excluded: { id: string; why: string }[] = []
  let treated = 0
  for (const day of pd.completed) {
    const m = byDay.get(day)
    const missing = plants.filter((p) => !m?.has(p))
    if (plants.length === 0 || missing.length > 0) {
      excluded.push({ id: day, why: `no treated volume from ${missing.join(', ') || 'any plant'}` })
      continue
    }
    counted.push(day)
    for (const p of plants) treated += m!.get(p)!
  }
  const generated = opts.generatedM3PerDay * counted.length
  const value = counted.length > 0 ? (100 * treated) / generated : null
  return {
    id: 'sewage-treatment-rate',
    title: { zh: '城市生活污水处理率', en: 'Urban sewage treatment rate' },
    value,
    target,
    comparator: '>=',
    unit: '%',
    status: judge(value, target, '>=', { inProgress: pd.inProgress, margin: opts.marginPct ?? 2 }),
    period: opts.period,
    method:
      `Treated volume (plant effluent, outflow integrated over time) ${treated.toFixed(0)} m³ over ${counted.length} day(s) with data from all ${plants.length} plant(s), ` +
      `divided by the configured generated sewage ${opts.generatedM3PerDay} m³/day × ${counted.length} day(s).`,
    counted: { stations: [...plants], days: counted, excluded },
    detail: { treatedM3: treated, generatedM3: generated },
  }
}
