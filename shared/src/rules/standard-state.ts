/**
 * Per-station state of the standards evaluator: the station's effective rules (standard rules with
 * overrides), its clock (the oldest open clock hour and the newest reading time), and per metric the raw
 * samples still needed plus the last 24 hourly means. Bounded: a fixed metric list per kind, a
 * 24-slot ring per metric and at most two hours of raw samples.
 */
import type { Station } from '../domain/station'
import type { AqiResult } from '../standards/aqi'
import type { EnergyCarrier } from '../standards/energy-conversion'
import type { Observation } from './alert-book'
import type { Rule } from './rule'
import { STANDARD_METRICS, standardRules } from './standard-rules'
import { applyOverride, overrideFor, overridesLimit, type RuleOverrides } from './standard-overrides'
import { HourRing } from './window-hours'
import { SampleWindow } from './window-samples'

/** Raw samples and hourly means of one metric. */
export interface MetricState {
  key: string
  samples: SampleWindow
  hours: HourRing
}

/** Day-to-date consumption of an energy unit (counters → deltas, standards/counter-deltas). */
export interface EnergyState {
  /** CST day number of `used`. */
  day: number
  /** Days in the CST year of `day` (365 or 366), computed when the day changes, not per reading. */
  daysInYear: number
  /** Time of the last reading applied. */
  lastT: number
  /** Last accepted counter value per carrier (the delta baseline). */
  base: Partial<Record<EnergyCarrier, number>>
  /** Consumption of the day so far per carrier, in the contract's units. */
  used: Partial<Record<EnergyCarrier, number>>
}

/** The latest hourly AQI of an air station. */
export interface AqiSnapshot {
  /** Start of the hour the AQI is for. */
  hour: number
  result: AqiResult
}

/** A station's rules after overrides, with situation-dependent variants (NH3-N by temperature, quota by year length). */
export class RuleSet {
  readonly list: Rule[]
  private readonly byId = new Map<string, Rule>()
  private readonly variants = new Map<string, Rule | undefined>()

  constructor(
    private readonly station: Station,
    private readonly overrides: RuleOverrides,
  ) {
    this.list = []
    for (const r of standardRules(station)) {
      const eff = applyOverride(r, overrideFor(overrides, station.id, r.id))
      if (!eff) continue
      this.list.push(eff)
      this.byId.set(eff.id, eff)
    }
  }

  /** The effective rule, or undefined when it does not apply or is switched off. */
  get(id: string): Rule | undefined {
    return this.byId.get(id)
  }

  /**
   * The rule for a situation (`key`) whose standard limit depends on it; `standard()` builds the
   * standard rule for the situation. A station override of the limit wins over the situation.
   */
  variant(id: string, key: string, standard: () => Rule | undefined): Rule | undefined {
    const base = this.byId.get(id)
    if (!base) return undefined
    const o = overrideFor(this.overrides, this.station.id, id)
    if (overridesLimit(o)) return base
    const k = `${id}|${key}`
    if (!this.variants.has(k)) {
      const s = standard()
      this.variants.set(k, s && applyOverride(s, o))
    }
    return this.variants.get(k)
  }
}

/** Everything the evaluator keeps per station. */
export class StationState {
  rules: RuleSet
  /** Start of the oldest open clock hour (NaN before the first reading); later hours may be open too, within the close grace. */
  hour = NaN
  /** Newest reading time seen. */
  clock = -Infinity
  readonly metrics = new Map<string, MetricState>()
  /** The same, as an array: iterated for every reading (a Map's entries allocate as they go). */
  readonly metricList: MetricState[] = []
  energy?: EnergyState
  aqi?: AqiSnapshot
  /** Readings for hours already closed (ignored by the windows; still stored and used by targets). */
  late = 0
  /** Scratch: the metrics the current reading added a sample to (reused, not reallocated per reading). */
  readonly added = new Set<string>()

  constructor(
    public station: Station,
    overrides: RuleOverrides,
  ) {
    this.rules = new RuleSet(station, overrides)
    if (station.kind !== 'energy') {
      for (const m of STANDARD_METRICS[station.kind]) {
        const ms: MetricState = { key: m, samples: new SampleWindow(), hours: new HourRing() }
        this.metrics.set(m, ms)
        this.metricList.push(ms)
      }
    }
  }

  /** Expected reporting interval, ms. */
  get intervalMs(): number {
    return this.station.intervalSec * 1000
  }

  metric(m: string): MetricState {
    return this.metrics.get(m)!
  }

  /** Queue an observation of a rule when the rule applies and the value is a number. */
  emit(out: Observation[], rule: Rule | undefined, value: number, ts: number, detail?: Observation['detail']): void {
    if (!rule || !Number.isFinite(value)) return
    const o: Observation = { stationId: this.station.id, kind: this.station.kind, rule, value, ts }
    if (detail) o.detail = detail
    out.push(o)
  }
}

/** Round for messages: 3 significant decimals below 10, 1 above. */
export function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 10 ? 2 : 1)
}
