/**
 * Municipal wastewater treatment plant model: effluent quality (GB 18918-2002 Table 1) and flows.
 *
 * - Inflow: design capacity × a plant load factor × a diurnal pattern with a late-morning and an
 *   evening peak (the 7-8 h and 19-20 h water-use peaks arrive 2-3 h later through the sewers) and
 *   a pre-dawn minimum, plus wet-season infiltration. Outflow is inflow lagged about an hour,
 *   minus 1-3 % (sludge, losses). Some plants send 10-20 % of outflow to reclaimed-water reuse.
 * - Effluent sits comfortably inside class 1A; NH3-N is higher in winter (slower nitrification).
 * - Episodes: `upset` (process upset or storm overload: COD above 50 and NH3-N above 5 mg/L, the
 *   1A limits, with SS, TP and TN up) for a few hours.
 */
import type { Station } from '../../../shared/src/domain/station'
import { createAr1 } from './ar1'
import { createIncidents } from './incidents'
import { dayOfYear, hourBump, localHour, seasonal } from './local-time'
import { hashSeed, mulberry32, uniform, type Rng } from './prng'
import { clamp, cleanSample, createTicker, roundSample } from './sample'
import type { EpisodeSpec, IncidentRates, ModelOptions, StationModel } from './types'

/** Default incident rates of one plant, per day. */
export const WASTEWATER_RATES: IncidentRates = {
  episodesPerDay: 0.07,
  faultsPerDay: 0.05,
  stuckPerDay: 0.03,
  maintenancePerDay: 0.06,
  outagesPerDay: 0.05,
}

/** Design capacity assumed for a plant whose capacity is unknown, m³/d. */
export const DEFAULT_CAPACITY_M3D = 50_000

const diurnalRaw = (h: number) => 0.7 + 0.38 * hourBump(h, 10.5, 2.5) + 0.3 * hourBump(h, 20.5, 2.5) - 0.12 * hourBump(h, 4.5, 2)
/** Mean of the raw diurnal pattern, so the pattern averages to exactly 1 over a day. */
const DIURNAL_MEAN = Array.from({ length: 240 }, (_, i) => diurnalRaw(i / 10)).reduce((a, b) => a + b, 0) / 240

/** Diurnal inflow pattern, mean 1 over a day. */
export function inflowPattern(hour: number): number {
  return diurnalRaw(hour) / DIURNAL_MEAN
}

/** Whether a plant reuses part of its effluent (deterministic per station id, about half). */
export function reusesWater(stationId: string): boolean {
  return mulberry32(hashSeed('reclaimed', stationId))() < 0.5
}

function pickUpset(rng: Rng): EpisodeSpec {
  return { type: 'upset', durationH: uniform(rng, 2, 9), intensity: uniform(rng, 0.85, 1.2) }
}

/**
 * Create the model of one wastewater plant.
 * @example
 * const m = createWastewaterModel(plant, 42); m.next(Date.parse('2026-05-01T10:00:00+08:00'))
 */
export function createWastewaterModel(station: Station, seed: number, opts: ModelOptions = {}): StationModel {
  const rng = mulberry32(hashSeed(seed, station.id, 'wastewater-noise'))
  const inc = createIncidents(mulberry32(hashSeed(seed, station.id, 'wastewater-incidents')), opts, {
    rates: WASTEWATER_RATES,
    pickEpisode: pickUpset,
    faultMetrics: ['cod', 'nh3n', 'tp', 'tn', 'ss', 'ph', 'inflow', 'outflow'],
    faultValue: (metric, v, f) => (metric === 'ph' ? 4 + 3 * f : v * f),
  })
  const tick = createTicker(station.id, station.intervalSec)
  const designM3h = (station.capacityM3d ?? DEFAULT_CAPACITY_M3D) / 24
  const load = uniform(rng, 0.72, 0.92)
  const reuse = reusesWater(station.id) ? uniform(rng, 0.11, 0.19) : 0
  const codAdd = uniform(rng, 40, 65)
  const nh3Add = uniform(rng, 5.5, 9)
  const n = {
    inflow: createAr1(rng, 1800, 0.05),
    outflow: createAr1(rng, 900, 0.015),
    reuse: createAr1(rng, 3600, 0.06),
    cod: createAr1(rng, 4 * 3600, 0.15),
    nh3n: createAr1(rng, 4 * 3600, 0.3),
    tp: createAr1(rng, 4 * 3600, 0.25),
    tn: createAr1(rng, 6 * 3600, 0.12),
    ss: createAr1(rng, 3 * 3600, 0.2),
    ph: createAr1(rng, 4 * 3600, 0.08),
  }
  let lagged: number | undefined

  return {
    station,
    next(t) {
      const dt = tick(t)
      inc.step(t, dt)
      const h = localHour(t)
      const doy = dayOfYear(t)
      const wet = (seasonal(doy, 170) + 1) / 2
      const winter = (seasonal(doy, 15) + 1) / 2
      const e = inc.episode(t)
      const upset = e?.type === 'upset' ? e.level : 0

      const inflow = designM3h * load * (1 + 0.12 * wet) * inflowPattern(h) * Math.exp(n.inflow(dt))
      // Outflow is inflow through about an hour of tanks: exponential smoothing with τ = 1 h.
      const a = 1 - Math.exp(-dt / 3600)
      lagged = lagged === undefined ? inflow : lagged + a * (inflow - lagged)
      const outflow = lagged * 0.98 * Math.exp(n.outflow(dt))
      const reclaimed = reuse * outflow * Math.exp(n.reuse(dt))
      const cod = 18 * Math.exp(n.cod(dt)) + upset * codAdd
      const nh3n = (0.5 + 0.7 * winter) * Math.exp(n.nh3n(dt)) + upset * nh3Add
      const tp = 0.18 * Math.exp(n.tp(dt)) + 0.45 * upset
      const tn = 8.5 * Math.exp(n.tn(dt)) + 7 * upset
      const ss = 5.5 * Math.exp(n.ss(dt)) + 14 * upset
      const ph = clamp(7.05 + n.ph(dt) - 0.3 * upset, 6.2, 8.5)

      if (inc.offline) return null
      const s = cleanSample('wastewater', { cod, nh3n, tp, tn, ss, ph, inflow, outflow, reclaimed })
      return roundSample('wastewater', inc.apply(s, t))
    },
  }
}
