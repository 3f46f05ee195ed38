/**
 * Key energy-using units' consumption against their quotas (target: 100 % of units within quota).
 *
 * Per unit with an annual quota (Station.quotaTce): consumption in tce over the completed days of the
 * period (daily consumption per carrier from standards/counter-deltas, converted with
 * standards/energy-conversion: the unit's own factors and basis where set, Station.energyFactors /
 * energyBasis, else the GB/T 2589-2020 defaults) vs the quota pro-rated to those days
 * (standards/energy-quota). A unit is within quota when consumed <= allowance.
 *
 *   value = 100 × units within quota / units assessed
 *
 * Status: closed period → met at 100 %, else missed. In progress → at-risk when any unit is over its
 * pro-rated allowance or within `marginPct` % below it (the trajectory may overrun), else met.
 * `breakdown` lists each unit's tce and allowance. The method text names the default factors with
 * their sources, and each assessed unit's own basis and factors.
 */
import type { Station } from '../domain/station'
import { ENERGY_CARRIERS, toStandardCoal, type EnergyCarrier } from '../standards/energy-conversion'
import { CARRIER_NAMES, describeConversion, kgceFactors, unitConversion } from '../standards/energy-factors'
import { proratedQuota } from '../standards/quota-proration'
import { cstDayStart, parseCstDate } from '../standards/time'
import { periodDays } from './period-days'
import { judge } from './status'
import type { Evaluation, TargetResult } from './types'

/** An energy-using unit (a subset of Station). */
export interface EnergyUnit extends Partial<Pick<Station, 'energyBasis' | 'energyFactors'>> {
  id: string
  /** Annual quota, tce. */
  quotaTce?: number
}

/** One unit's consumption on one CST day, per carrier, in the contract's units. */
export interface UnitDay {
  stationId: string
  /** `YYYY-MM-DD`, CST. */
  day: string
  consumption: Partial<Record<EnergyCarrier, number>>
}

/** Options of {@link energyQuotaCompliance}. */
export interface EnergyQuotaOptions extends Evaluation {
  /** Per-unit kgce factor overrides on top of the units' own settings (what-if computations). */
  factors?: Readonly<Record<string, Partial<Record<EnergyCarrier, number>>>>
  /** At-risk margin, % of the allowance; default 5. */
  marginPct?: number
}

/**
 * Share of key energy-using units within their pro-rated quota.
 * @example energyQuotaCompliance([{ id: 'E1', quotaTce: 365 }], days, { period }).breakdown
 */
export function energyQuotaCompliance(units: EnergyUnit[], days: UnitDay[], opts: EnergyQuotaOptions): TargetResult {
  const pd = periodDays(opts)
  const inPeriod = new Set(pd.completed)
  const margin = (opts.marginPct ?? 5) / 100
  const first = pd.completed.length > 0 ? cstDayStart(parseCstDate(pd.completed[0]!)!) : pd.countedTo
  const excluded: { id: string; why: string }[] = []
  const breakdown: NonNullable<TargetResult['breakdown']> = []
  let within = 0
  let close = 0
  let consumedAll = 0
  let allowanceAll = 0
  const ownText: string[] = []
  for (const u of units) {
    if (!(u.quotaTce !== undefined && u.quotaTce > 0)) {
      excluded.push({ id: u.id, why: 'no quota configured' })
      continue
    }
    const conv = unitConversion(u)
    const factors = { ...kgceFactors(conv), ...opts.factors?.[u.id] }
    let tce = 0
    let n = 0
    for (const d of days) {
      if (d.stationId !== u.id || !inPeriod.has(d.day)) continue
      tce += toStandardCoal(d.consumption, factors).tce
      n++
    }
    if (n === 0) {
      excluded.push({ id: u.id, why: 'no consumption data in the period' })
      continue
    }
    const own = ENERGY_CARRIERS.filter((c) => conv.factors[c].own)
    if (own.length > 0 || conv.basis !== 'equivalent')
      ownText.push(`${u.id}: ${describeConversion(conv, own).replace('; factors: ', ', ')}`)
    const what = ENERGY_CARRIERS.filter((c) => opts.factors?.[u.id]?.[c] !== undefined)
    if (what.length > 0)
      ownText.push(`${u.id}: factors set for this computation: ${what.map((c) => `${CARRIER_NAMES[c]} ${factors[c]}`).join(', ')}`)
    const allowance = proratedQuota(u.quotaTce, first, pd.countedTo)
    const ok = tce <= allowance
    if (ok) within++
    if (!ok || tce > (1 - margin) * allowance) close++
    consumedAll += tce
    allowanceAll += allowance
    breakdown.push({ id: u.id, value: tce, target: allowance, ok })
  }
  const assessed = breakdown.length
  const value = assessed > 0 ? (100 * within) / assessed : null
  let status = judge(value, 100, '>=', { inProgress: pd.inProgress })
  if (pd.inProgress && status !== 'no-data') status = close > 0 ? 'at-risk' : 'met'
  return {
    id: 'energy-quota',
    title: { zh: '重点用能单位能耗定额达标率', en: 'Energy units within quota' },
    value,
    target: 100,
    comparator: '>=',
    unit: '%',
    status,
    period: opts.period,
    method:
      `Per unit: consumption over ${pd.completed.length} completed day(s) converted to tce (GB/T 2589-2020) vs the annual quota pro-rated by days; ` +
      `${within} of ${assessed} unit(s) within; total ${consumedAll.toFixed(3)} tce vs ${allowanceAll.toFixed(3)} tce allowed. ` +
      `Defaults: ${describeConversion(unitConversion({}))}.` +
      (ownText.length > 0 ? ` Units' own settings: ${ownText.join('; ')}.` : ''),
    counted: { stations: breakdown.map((b) => b.id), days: pd.completed, excluded },
    detail: { consumedTce: consumedAll, allowanceTce: allowanceAll, within, assessed },
    breakdown,
  }
}
