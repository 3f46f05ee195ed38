/**
 * Key energy-using unit evaluation, per reading: the consumption of the CST day so far, from the
 * cumulative counters (each step through standards/counterDeltas, so resets, rollovers and glitches
 * follow the library's rules; values flagged other than N/S are skipped), converted to tce
 * (GB/T 2589-2020: the unit's own factors where set, else the defaults, standards/energy-factors and
 * standards/toStandardCoal), vs the unit's annual quota pro-rated
 * to one day (Station.quotaTce / days in the year). Consumption between two readings is attributed
 * to the later reading's day, as standards/sumDeltas does.
 */
import { isValidFlag, type Reading } from '../domain/reading'
import type { Station } from '../domain/station'
import { counterDeltas } from '../standards/counter-deltas'
import { ENERGY_CARRIERS, toStandardCoal, type EnergyCarrier } from '../standards/energy-conversion'
import { CARRIER_NAMES, formatFactor, kgceFactors, unitConversion, type UnitConversion } from '../standards/energy-factors'
import { cstDay, cstYmd, daysInYear } from '../standards/time'
import type { Observation } from './alert-book'
import { energyRules } from './standard-rules'
import { fmt, type EnergyState, type StationState } from './standard-state'

/** Apply one reading of an energy unit and observe its day-to-date consumption. */
export function energyReading(s: StationState, r: Reading, out: Observation[]): void {
  const e: EnergyState = (s.energy ??= { day: NaN, daysInYear: NaN, lastT: -Infinity, base: {}, used: {} })
  if (r.ts <= e.lastT) return // redelivered or late: the counters already moved past it
  e.lastT = r.ts
  const day = cstDay(r.ts)
  if (day !== e.day) {
    e.day = day
    e.daysInYear = daysInYear(cstYmd(day).year)
    e.used = {}
  }
  let any = false
  for (const c of ENERGY_CARRIERS) {
    const v = r.values[c]
    if (v === undefined || !Number.isFinite(v) || !isValidFlag(r.flags?.[c])) continue
    const base = e.base[c]
    any = true
    if (base === undefined) {
      e.base[c] = v
      continue
    }
    const d = counterDeltas({ t: [0, 1], v: [base, v] })
    if (d.events[0]?.kind !== 'glitch') e.base[c] = v
    e.used[c] = (e.used[c] ?? 0) + d.deltas[1]!
  }
  if (!any) return
  const { conv, kgce } = conversionOf(s.station)
  const used = e.used
  const tce = toStandardCoal(used, kgce).tce
  const days = e.daysInYear
  const rule = s.rules.variant('energy.quota.1d', String(days), () => energyRules(s.station, days)[0])
  if (rule)
    s.emit(
      out,
      rule,
      tce,
      r.ts,
      () => `${fmt(tce)} tce since 00:00 CST, ${fmt(rule.limit)} tce/day allowed (${conversionTerms(used, conv)}; ${conv.basis} basis)`,
    )
}

/** A unit's conversion, built once per station record (an admin edit replaces the record). */
const conversions = new WeakMap<Station, { conv: UnitConversion; kgce: Record<EnergyCarrier, number> }>()
function conversionOf(station: Station): { conv: UnitConversion; kgce: Record<EnergyCarrier, number> } {
  let c = conversions.get(station)
  if (!c) {
    const conv = unitConversion(station)
    c = { conv, kgce: kgceFactors(conv) }
    conversions.set(station, c)
  }
  return c
}

/** `electricity 5000 kWh × 0.1229 kgce/kWh (default) + …`: the day's quantities and the factors applied. */
function conversionTerms(used: Partial<Record<EnergyCarrier, number>>, conv: UnitConversion): string {
  const terms: string[] = []
  for (const c of ENERGY_CARRIERS) {
    const q = used[c]
    if (q === undefined) continue
    const f = conv.factors[c]
    terms.push(`${CARRIER_NAMES[c]} ${fmt(q)} ${f.unit.slice(5)} × ${formatFactor(f.kgce)} ${f.unit} (${f.own ? f.source : 'default'})`)
  }
  return terms.join(' + ')
}
