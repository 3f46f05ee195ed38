/**
 * Ambient air quality station model (GB 3095-2012 pollutants plus weather).
 *
 * - PM2.5/PM10: Dongguan's winter (Nov-Feb, north-east monsoon, stagnant days) is the haze season,
 *   summer is clean; diurnal morning and evening rush peaks plus a shallow night boundary layer.
 * - NO2 and CO follow traffic (rush hours) and are titrated away at midday.
 * - O3 is photochemical: a mid-afternoon peak, strongest in the Pearl River Delta's ozone season
 *   (late summer and autumn, peak around early October).
 * - Episodes: `haze` (PM2.5 1-h to ~80-150 µg/m³, GB 3095-2012 Table 1 grade II 24-h 75) mostly
 *   in winter; `ozone` (afternoon O3 1-h above 200 µg/m³, Table 1 grade II 1-h limit) mostly in
 *   summer-autumn, lasting across one or two afternoons.
 */
import type { Station } from '../../../shared/src/domain/station'
import { createAr1 } from './ar1'
import { createIncidents, jitter } from './incidents'
import { dayOfYear, hourBump, localHour, seasonal } from './local-time'
import { hashSeed, mulberry32, uniform, type Rng } from './prng'
import { cityFactor, clamp, cleanSample, createTicker, roundSample } from './sample'
import type { EpisodeSpec, IncidentRates, ModelOptions, StationModel } from './types'

/** Default incident rates of one air station, per day (40 stations → 2-3 air episodes a day city-wide). */
export const AIR_RATES: IncidentRates = {
  episodesPerDay: 0.06,
  faultsPerDay: 0.05,
  stuckPerDay: 0.03,
  maintenancePerDay: 0.05,
  outagesPerDay: 0.08,
}

function pickAirEpisode(rng: Rng, t: number): EpisodeSpec {
  const doy = dayOfYear(t)
  const winter = (seasonal(doy, 15) + 1) / 2
  const o3season = (seasonal(doy, 275) + 1) / 2
  const pHaze = (0.15 + 0.85 * winter) / (0.15 + 0.85 * winter + 0.15 + 0.85 * o3season)
  if (rng() < pHaze) return { type: 'haze', durationH: uniform(rng, 5, 16), intensity: uniform(rng, 0.8, 1.15) }
  // Ozone episodes last long enough to cover at least one afternoon.
  return { type: 'ozone', durationH: uniform(rng, 20, 40), intensity: uniform(rng, 0.85, 1.2) }
}

/** Whether the station is a roadside site (more traffic pollution). */
function isRoadside(s: Station): boolean {
  return /路边|roadside/i.test(`${s.nameZh} ${s.nameEn}`)
}

/**
 * Create the model of one air station.
 * @example
 * const m = createAirModel(station, 42); m.next(Date.parse('2026-01-10T08:00:00+08:00'))
 */
export function createAirModel(station: Station, seed: number, opts: ModelOptions = {}): StationModel {
  const rng = mulberry32(hashSeed(seed, station.id, 'air-noise'))
  const inc = createIncidents(mulberry32(hashSeed(seed, station.id, 'air-incidents')), opts, {
    rates: AIR_RATES,
    pickEpisode: pickAirEpisode,
    faultMetrics: ['pm25', 'pm10', 'so2', 'no2', 'co', 'o3'],
  })
  const site = uniform(rng, 0.85, 1.2)
  const road = isRoadside(station) ? 1.7 : uniform(rng, 0.85, 1.15)
  const hazeAdd = uniform(rng, 55, 95)
  const ozoneAdd = uniform(rng, 85, 130)
  const n = {
    pm: createAr1(rng, 3 * 3600, 0.22),
    coarse: createAr1(rng, 2 * 3600, 0.1),
    no2: createAr1(rng, 1.5 * 3600, 0.22),
    co: createAr1(rng, 2 * 3600, 0.14),
    so2: createAr1(rng, 4 * 3600, 0.3),
    o3: createAr1(rng, 2 * 3600, 0.15),
    temp: createAr1(rng, 3 * 3600, 0.8),
    rh: createAr1(rng, 3 * 3600, 6),
    ws: createAr1(rng, 1800, 0.5),
    wd: createAr1(rng, 1800, 35),
  }
  const tick = createTicker(station.id, station.intervalSec)

  return {
    station,
    next(t) {
      const dt = tick(t)
      inc.step(t, dt)
      const h = localHour(t)
      const doy = dayOfYear(t)
      const winter = (seasonal(doy, 15) + 1) / 2
      const o3season = (seasonal(doy, 275) + 1) / 2
      const traffic = hourBump(h, 8, 1.3) + 0.9 * hourBump(h, 18.5, 1.6)
      const nightBl = hourBump(h, 3, 4)
      const afternoon = hourBump(h, 14.5, 2.6)
      const stagnation = cityFactor(seed, 'stagnation', t, 0.25)
      const sunny = cityFactor(seed, 'sunshine', t, 0.15)
      const e = inc.episode(t)
      const haze = e?.type === 'haze' ? e.level : 0
      const ozone = e?.type === 'ozone' ? e.level : 0

      const pmBase = (13 + 22 * winter) * stagnation * site * (0.72 + 0.22 * traffic * road + 0.3 * nightBl)
      const pm25 = pmBase * Math.exp(n.pm(dt)) + haze * hazeAdd * jitter(rng, 0.04)
      const pm10 = pm25 * (1.4 + 0.15 * traffic * road) * Math.exp(n.coarse(dt))
      const no2Base = (15 + 14 * winter) * site * road * (0.65 + 0.8 * traffic + 0.35 * nightBl - 0.3 * afternoon)
      const no2 = Math.max(3, no2Base * stagnation ** 0.5 * Math.exp(n.no2(dt)) + 25 * haze)
      const co = (0.5 + 0.25 * winter) * (0.85 + 0.3 * traffic * road + 0.15 * nightBl) * Math.exp(n.co(dt)) + 0.5 * haze
      const so2 = (5 + 3 * winter) * Math.exp(n.so2(dt))
      const photo = (50 + 70 * o3season) * sunny * afternoon * Math.exp(n.o3(dt))
      const o3 = Math.max(2, 22 - 10 * nightBl + photo - 12 * traffic * road + ozone * ozoneAdd * afternoon)
      const diurnalT = Math.sin((2 * Math.PI * (h - 9)) / 24)
      const temp = 21.7 + 7.2 * seasonal(doy, 200) + 3.5 * diurnalT + n.temp(dt)
      const rh = clamp(80 - 10 * winter - 14 * diurnalT + n.rh(dt), 25, 100)
      const ws = Math.max(0.1, 1.4 + 1.1 * hourBump(h, 14, 3) + n.ws(dt))
      const prevailing = 25 + 135 * (1 - winter) // NNE monsoon in winter, SSE in summer
      const wd = (((prevailing + n.wd(dt)) % 360) + 360) % 360

      if (inc.offline) return null
      const s = cleanSample('air', { pm25, pm10, so2, no2, co, o3, temp, rh, ws, wd })
      return roundSample('air', inc.apply(s, t))
    },
  }
}
