/**
 * Drinking-water source / automatic surface-water station model (GB 3838-2002 basic items).
 *
 * - Water temperature is seasonal (about 16 °C in January to 30 °C in late July in the Pearl River
 *   Delta) with a small afternoon rise.
 * - Dissolved oxygen follows saturation at that temperature times a photosynthesis cycle: highest
 *   mid-afternoon, lowest before dawn; reservoirs (lake) swing more than the Dongjiang (river).
 *   pH moves with it (CO2 uptake in daylight).
 * - Nutrients and permanganate index sit well inside class II/III; turbidity rises in the wet season.
 * - Episodes: `ammonia` (a sewage or runoff pulse: NH3-N above 1.0 mg/L, the class III limit, with
 *   TP, TN and conductivity up) and `hypoxia` (DO below 5 mg/L, the class III limit, mostly in hot
 *   months).
 */
import type { Station } from '../../../shared/src/domain/station'
import { createAr1 } from './ar1'
import { createIncidents } from './incidents'
import { dayOfYear, hourBump, localHour, seasonal } from './local-time'
import { hashSeed, mulberry32, uniform, type Rng } from './prng'
import { clamp, cleanSample, createTicker, roundSample } from './sample'
import type { EpisodeSpec, IncidentRates, ModelOptions, StationModel } from './types'

/** Default incident rates of one water station, per day. */
export const WATER_RATES: IncidentRates = {
  episodesPerDay: 0.06,
  faultsPerDay: 0.05,
  stuckPerDay: 0.03,
  maintenancePerDay: 0.06,
  outagesPerDay: 0.06,
}

/**
 * Dissolved-oxygen saturation in fresh water at sea level, mg/L, for temperature `c` °C
 * (the common cubic fit to the APHA/Benson-Krause table; good to ±0.05 mg/L over 0-35 °C).
 */
export function doSaturation(c: number): number {
  return 14.62 - 0.3898 * c + 0.006969 * c * c - 0.00005897 * c * c * c
}

function pickWaterEpisode(rng: Rng, t: number): EpisodeSpec {
  const summer = (seasonal(dayOfYear(t), 200) + 1) / 2
  if (rng() < 0.35 + 0.3 * summer) return { type: 'hypoxia', durationH: uniform(rng, 3, 10), intensity: uniform(rng, 0.85, 1.1) }
  return { type: 'ammonia', durationH: uniform(rng, 4, 20), intensity: uniform(rng, 0.85, 1.2) }
}

/**
 * Create the model of one water station.
 * @example
 * const m = createWaterModel(station, 42); m.next(Date.parse('2026-07-10T15:00:00+08:00'))
 */
export function createWaterModel(station: Station, seed: number, opts: ModelOptions = {}): StationModel {
  const rng = mulberry32(hashSeed(seed, station.id, 'water-noise'))
  const inc = createIncidents(mulberry32(hashSeed(seed, station.id, 'water-incidents')), opts, {
    rates: WATER_RATES,
    pickEpisode: pickWaterEpisode,
    faultMetrics: ['ph', 'do', 'codmn', 'nh3n', 'tp', 'turb', 'cond'],
    faultValue: (metric, v, f) => (metric === 'ph' ? 4 + 3 * f : v * f),
  })
  const lake = station.waterBody === 'lake'
  const tick = createTicker(station.id, station.intervalSec)
  const site = uniform(rng, 0.85, 1.15)
  const nh3Add = uniform(rng, 0.95, 1.5)
  const n = {
    temp: createAr1(rng, 12 * 3600, 0.3),
    do: createAr1(rng, 4 * 3600, 0.035),
    ph: createAr1(rng, 6 * 3600, 0.05),
    codmn: createAr1(rng, 12 * 3600, 0.12),
    nh3n: createAr1(rng, 8 * 3600, 0.25),
    tp: createAr1(rng, 8 * 3600, 0.2),
    tn: createAr1(rng, 12 * 3600, 0.12),
    turb: createAr1(rng, 6 * 3600, 0.3),
    cond: createAr1(rng, 12 * 3600, 0.05),
  }

  return {
    station,
    next(t) {
      const dt = tick(t)
      inc.step(t, dt)
      const h = localHour(t)
      const doy = dayOfYear(t)
      const wet = (seasonal(doy, 170) + 1) / 2 // April-September rainy season
      const photo = hourBump(h, 15, 3.5) - hourBump(h, 5.5, 3.5)
      const e = inc.episode(t)
      const ammonia = e?.type === 'ammonia' ? e.level : 0
      const hypoxia = e?.type === 'hypoxia' ? e.level : 0

      const temp = 23.5 + (lake ? 6 : 7) * seasonal(doy, 205) + 0.6 * hourBump(h, 16, 4) + n.temp(dt)
      const swing = lake ? 0.1 : 0.05
      const dox = doSaturation(temp) * (0.86 + swing * photo) * Math.exp(n.do(dt)) * (1 - 0.5 * hypoxia) * (1 - 0.12 * ammonia)
      const ph = clamp(7.2 + (lake ? 0.35 : 0.15) * photo + n.ph(dt) - 0.2 * ammonia, 6.2, 8.8)
      const codmn = (lake ? 2.0 : 2.4) * site * (1 + 0.2 * wet) * Math.exp(n.codmn(dt)) + 1.5 * ammonia
      const nh3n = (lake ? 0.12 : 0.22) * site * Math.exp(n.nh3n(dt)) + ammonia * nh3Add
      const tp = (lake ? 0.018 : 0.07) * site * Math.exp(n.tp(dt)) + (lake ? 0.04 : 0.1) * ammonia
      const tn = (lake ? 0.65 : 1.4) * site * Math.exp(n.tn(dt)) + 1.5 * ammonia
      const turb = (lake ? 4 : 16) * (1 + 0.7 * wet) * Math.exp(n.turb(dt)) + 10 * ammonia
      const cond = (lake ? 110 : 190) * site * Math.exp(n.cond(dt)) + 90 * ammonia

      if (inc.offline) return null
      const s = cleanSample('water', { ph, do: dox, codmn, nh3n, tp, tn, temp, turb, cond })
      return roundSample('water', inc.apply(s, t))
    },
  }
}
