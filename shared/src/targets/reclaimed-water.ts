/**
 * Reclaimed water reuse rate (target >= 10 %): reclaimed water reused / sewage treated.
 *
 *   rate = 100 × Σ reclaimed / Σ treated, over the plant-days of completed days with a treated volume.
 *
 * A plant-day with a treated volume but no reclaimed volume counts as zero reuse (reuse counts only
 * when it is measured); how many such plant-days there were is in `detail.noReclaimedData`. Plant-days
 * without a treated volume are skipped entirely. At-risk: in progress and below target, or above it
 * by less than `marginPct` points.
 */
import { periodDays } from './period-days'
import type { PlantDay } from './sewage-treatment'
import { judge } from './status'
import type { Evaluation, TargetResult } from './types'

/** Options of {@link reclaimedWaterReuse}. */
export interface ReclaimedWaterOptions extends Evaluation {
  /** Default 10 (%). */
  targetPct?: number
  /** At-risk margin, percentage points; default 1. */
  marginPct?: number
}

/**
 * Reclaimed water reuse rate over a period.
 * @example reclaimedWaterReuse(['P1'], [{ stationId: 'P1', day: '2026-01-01', treatedM3: 1000, reclaimedM3: 120 }], { period }).value // 12
 */
export function reclaimedWaterReuse(plants: string[], days: PlantDay[], opts: ReclaimedWaterOptions): TargetResult {
  const target = opts.targetPct ?? 10
  const pd = periodDays(opts)
  const inPeriod = new Set(pd.completed)
  const isPlant = new Set(plants)
  const stations = new Set<string>()
  const countedDays = new Set<string>()
  let treated = 0
  let reclaimed = 0
  let noReclaimed = 0
  for (const d of days) {
    if (!isPlant.has(d.stationId) || !inPeriod.has(d.day)) continue
    if (d.treatedM3 === undefined || !Number.isFinite(d.treatedM3)) continue
    treated += d.treatedM3
    if (d.reclaimedM3 !== undefined && Number.isFinite(d.reclaimedM3)) reclaimed += d.reclaimedM3
    else noReclaimed++
    stations.add(d.stationId)
    countedDays.add(d.day)
  }
  const value = treated > 0 ? (100 * reclaimed) / treated : null
  const excluded = plants.filter((p) => !stations.has(p)).map((id) => ({ id, why: 'no treated volume in the period' }))
  return {
    id: 'reclaimed-water-reuse',
    title: { zh: '再生水利用率', en: 'Reclaimed water reuse rate' },
    value,
    target,
    comparator: '>=',
    unit: '%',
    status: judge(value, target, '>=', { inProgress: pd.inProgress, margin: opts.marginPct ?? 1 }),
    period: opts.period,
    method:
      `Reclaimed volume ${reclaimed.toFixed(0)} m³ / treated volume ${treated.toFixed(0)} m³ (flows integrated over time) ` +
      `over plant-days with a treated volume; ${noReclaimed} plant-day(s) without reclaimed data count as zero reuse.`,
    counted: { stations: [...stations], days: [...countedDays].sort(), excluded },
    detail: { reclaimedM3: reclaimed, treatedM3: treated, noReclaimedData: noReclaimed },
  }
}
