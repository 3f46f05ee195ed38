/**
 * Key energy-using unit model: cumulative meter counters (`elec_kwh`, `gas_m3`, `steam_t`,
 * `water_m3`, `coal_t`) that only increase, at the unit's full-load rates × a working-hours load
 * (see {@link shiftLoad}), plus instantaneous `power_kw`. Meters keep counting while the logger is
 * offline, so the first reading after an outage carries the whole gap's consumption.
 *
 * Counters go down only at two modelled events: the electricity register of the units in
 * {@link ROLLOVER_UNITS} rolls over at 10,000,000 kWh (a 7-digit register), and any meter may be
 * replaced (rare; restarts near 0, that reading flagged M). Episodes are `surge`: abnormal
 * consumption (a leak, equipment left running) of +30-70 % for a few hours.
 */
import type { Station } from '../../../shared/src/domain/station'
import { createAr1 } from './ar1'
import { energyProfile, shiftLoad, type EnergyRates } from './energy-profile'
import { createIncidents } from './incidents'
import { localHour, localWeekday } from './local-time'
import { happens, hashSeed, mulberry32, pick, uniform, type Rng } from './prng'
import { cleanSample, createTicker, roundSample } from './sample'
import type { EpisodeSpec, IncidentRates, ModelOptions, StationModel } from './types'

/** Default incident rates of one energy unit, per day. */
export const ENERGY_RATES: IncidentRates = {
  episodesPerDay: 0.05,
  faultsPerDay: 0.03,
  stuckPerDay: 0.02,
  maintenancePerDay: 0.03,
  outagesPerDay: 0.08,
}

/** Meter replacements (counter restarts near 0), per unit per day, before the fault multiplier. */
export const METER_RESETS_PER_DAY = 0.005

/** Units whose electricity meter has a 7-digit register that rolls over at this many kWh. */
export const ROLLOVER_UNITS: Readonly<Record<string, number>> = { 'DG-ENE-03': 10_000_000 }

const COUNTERS = ['elec_kwh', 'gas_m3', 'steam_t', 'water_m3', 'coal_t'] as const satisfies readonly (keyof EnergyRates)[]

function pickSurge(rng: Rng): EpisodeSpec {
  return { type: 'surge', durationH: uniform(rng, 2, 8), intensity: uniform(rng, 0.5, 1.15) }
}

/**
 * Create the model of one energy unit.
 * @example
 * const m = createEnergyModel(unit, 42); m.next(t0); m.next(t0 + 60_000) // elec_kwh grew
 */
export function createEnergyModel(station: Station, seed: number, opts: ModelOptions = {}): StationModel {
  const rng = mulberry32(hashSeed(seed, station.id, 'energy-noise'))
  const eventRng = mulberry32(hashSeed(seed, station.id, 'energy-incidents'))
  const inc = createIncidents(eventRng, opts, {
    rates: ENERGY_RATES,
    pickEpisode: pickSurge,
    faultMetrics: ['power_kw'],
  })
  const tick = createTicker(station.id, station.intervalSec)
  const profile = energyProfile(station.id)
  const meters = COUNTERS.filter((k) => profile.rates[k] !== undefined)
  const rollover = ROLLOVER_UNITS[station.id]
  const counters: Partial<Record<keyof EnergyRates, number>> = {}
  for (const k of meters) counters[k] = profile.rates[k]! * uniform(rng, 2000, 20000) // 3 months to 3 years of use
  if (rollover !== undefined) {
    // Start a few hours of use short of the rollover, so a demo or test sees it happen.
    counters.elec_kwh = rollover - profile.rates.elec_kwh * 0.6 * uniform(rng, 3, 12)
  }
  const loadNoise = createAr1(rng, 1800, 0.06)
  const resetRate = METER_RESETS_PER_DAY * (opts.faultRate ?? 1)

  return {
    station,
    next(t) {
      const dt = tick(t)
      inc.step(t, dt)
      const e = inc.episode(t)
      const surge = e?.type === 'surge' ? e.level : 0
      const load = Math.min(1.25, shiftLoad(profile.shift, localHour(t), localWeekday(t)) * Math.exp(loadNoise(dt)) * (1 + 0.6 * surge))
      for (const k of meters) counters[k]! += (profile.rates[k]! * load * dt) / 3600
      if (rollover !== undefined && counters.elec_kwh! >= rollover) counters.elec_kwh! -= rollover
      let replaced: keyof EnergyRates | undefined
      if (happens(eventRng, resetRate, dt)) {
        replaced = pick(eventRng, meters)
        counters[replaced] = 0
      }

      if (inc.offline) return null
      const raw: Record<string, number> = {}
      for (const k of meters) raw[k] = counters[k]!
      raw.power_kw = profile.rates.elec_kwh * load
      const s = inc.apply(cleanSample('energy', raw), t)
      if (replaced) s.flags[replaced] = 'M'
      return roundSample('energy', s)
    },
  }
}
