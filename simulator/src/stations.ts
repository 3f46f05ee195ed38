/**
 * The demo station set: the 25 real stations of stations-facts.json plus generated ones, so every
 * kind is present across the city's towns. Generated stations sit at a seeded random interior
 * point of their town polygon and say so in their names and notes; the energy units are fictitious
 * (no public list of key energy-using units was found, shared/geo/NOTICE.md).
 */
import type { Station, StationKind } from '../../shared/src/domain/station'
import { loadTowns, randomPointIn, type Town } from './geo/towns'
import { annualTce, energyProfile } from './models/energy-profile'
import { hashSeed, mulberry32, pick, randInt, shuffled, uniform, type Rng } from './models/prng'
import { INTERVAL_SEC, loadFacts, realStations, stationId, stationMn, type StationFact } from './real-stations'

/** Options of {@link buildDemoStations}. */
export interface DemoStationOptions {
  /** Seed of the generated stations' placement and attributes. */
  seed: number
  /** Additional generated stations beyond the default set, cycling air, water, wastewater, energy. */
  extra?: number
  /** Town polygons (default: the shared boundary file). */
  towns?: readonly Town[]
  /** Real-station facts (default: shared/geo/stations-facts.json). */
  facts?: readonly StationFact[]
}

/** How many stations of each kind the default set generates besides the real ones. */
export const GENERATED_WATER = 6
export const GENERATED_WASTEWATER = 10
export const GENERATED_ENERGY = 20

/** The western and northern river-network (水乡) towns, where a source is a river reach, not a reservoir. */
const RIVER_NETWORK_TOWNS = new Set([
  '麻涌镇',
  '中堂镇',
  '望牛墩镇',
  '洪梅镇',
  '道滘镇',
  '沙田镇',
  '高埗镇',
  '石碣镇',
  '石龙镇',
  '万江街道',
  '虎门港管委会',
])

const SIMULATED_NOTE = 'Generated demo station (simulated): not a real site; placed at a random point inside the town polygon.'

function base(kind: StationKind, index: number, town: Town, rng: Rng): Station {
  const id = stationId(kind, index)
  const [lon, lat] = randomPointIn(town, rng)
  return {
    id,
    kind,
    nameZh: '',
    nameEn: '',
    lon,
    lat,
    town: town.name,
    townEn: town.nameEn,
    approx: true,
    intervalSec: INTERVAL_SEC[kind],
    mn: stationMn(kind, index, id),
  }
}

const shortZh = (t: Town) => t.name.replace(/(街道|镇|管委会)$/, '')
const shortEn = (t: Town) => t.nameEn.replace(/ (Subdistrict|\(Admin\. Committee\))$/, '')

function airStation(index: number, town: Town, rng: Rng): Station {
  const s = base('air', index, town, rng)
  return {
    ...s,
    nameZh: `${shortZh(town)}空气站(模拟)`,
    nameEn: `${shortEn(town)} air station (simulated)`,
    standardClass: 'II',
    note: SIMULATED_NOTE,
  }
}

function waterStation(index: number, town: Town, rng: Rng): Station {
  const s = base('water', index, town, rng)
  // Hilly towns' local sources are mostly reservoirs; the western river-network towns take river water.
  const lake = !RIVER_NETWORK_TOWNS.has(town.name) && rng() < 0.8
  return {
    ...s,
    nameZh: `${shortZh(town)}${lake ? '水库' : '河段'}水源监测点(模拟)`,
    nameEn: `${shortEn(town)} ${lake ? 'reservoir' : 'river'} water source (simulated)`,
    standardClass: 'III',
    waterBody: lake ? 'lake' : 'river',
    note: `${SIMULATED_NOTE} Compliance class III assumed; 5-min interval is a demo rate (real stations report every few hours).`,
  }
}

function plant(index: number, town: Town, rng: Rng): Station {
  const s = base('wastewater', index, town, rng)
  const year = randInt(rng, 2007, 2016)
  return {
    ...s,
    nameZh: `${shortZh(town)}污水处理厂(模拟)`,
    nameEn: `${shortEn(town)} WWTP (simulated)`,
    standardClass: '1A',
    keySource: true,
    capacityM3d: pick(rng, [20_000, 30_000, 50_000, 80_000, 100_000, 150_000]),
    builtDate: `${year}-06-30`,
    note: `${SIMULATED_NOTE} Capacity and build date are invented.`,
  }
}

function energyUnit(index: number, town: Town, rng: Rng): Station {
  const s = base('energy', index, town, rng)
  const p = energyProfile(s.id)
  const nn = String(index).padStart(2, '0')
  return {
    ...s,
    nameZh: `示例能耗单位 ${nn} (fictitious)`,
    nameEn: `Demo energy unit ${nn} (fictitious)`,
    keySource: true,
    quotaTce: Math.round(annualTce(p) * uniform(rng, 1.05, 1.3)),
    note: `Fictitious key energy-using unit for the demo (no public list was found); simulated sector: ${p.sectorEn} (${p.sectorZh}); quota invented.`,
  }
}

const MAKERS: Readonly<Record<StationKind, (index: number, town: Town, rng: Rng) => Station>> = {
  air: airStation,
  water: waterStation,
  wastewater: plant,
  energy: energyUnit,
}

/**
 * Build the demo station set, deterministic in `seed`: real stations first (stable ids
 * DG-AIR-01..13, DG-WAT-01..06, DG-WWT-01..06), then one generated air station for every town
 * without a real one, 6 water sources and 10 plants in towns without one, 20 fictitious energy
 * units, then `extra` more.
 * @example
 * const stations = buildDemoStations({ seed: 1 }) // 88 stations
 * buildDemoStations({ seed: 1, extra: 12 }).length // 100
 */
export function buildDemoStations(opts: DemoStationOptions): Station[] {
  const towns = opts.towns ?? loadTowns()
  const facts = opts.facts ?? loadFacts()
  const byName = new Map(towns.map((t) => [t.name, t]))
  const out = realStations(facts, (zh) => byName.get(zh)?.nameEn)
  const next: Record<StationKind, number> = { air: 0, water: 0, wastewater: 0, energy: 0 }
  for (const s of out) next[s.kind]++
  const has = (kind: StationKind) => new Set(out.filter((s) => s.kind === kind).map((s) => s.town))
  // One stream per kind, so adding extra stations never moves the default ones.
  const rngOf = (purpose: string) => mulberry32(hashSeed(opts.seed, 'stations', purpose))
  const add = (kind: StationKind, town: Town, rng: Rng) => out.push(MAKERS[kind](++next[kind], town, rng))

  const airRng = rngOf('air')
  const withAir = has('air')
  for (const t of towns) if (!withAir.has(t.name)) add('air', t, airRng)

  const waterRng = rngOf('water')
  const withWater = has('water')
  for (const t of shuffled(
    waterRng,
    towns.filter((t) => !withWater.has(t.name)),
  ).slice(0, GENERATED_WATER))
    add('water', t, waterRng)

  const wwtRng = rngOf('wastewater')
  const withPlant = has('wastewater')
  for (const t of shuffled(
    wwtRng,
    towns.filter((t) => !withPlant.has(t.name)),
  ).slice(0, GENERATED_WASTEWATER))
    add('wastewater', t, wwtRng)

  const eneRng = rngOf('energy')
  for (let i = 0; i < GENERATED_ENERGY; i++) add('energy', pick(eneRng, towns), eneRng)

  const extraRng = rngOf('extra')
  const cycle: StationKind[] = ['air', 'water', 'wastewater', 'energy']
  for (let i = 0; i < (opts.extra ?? 0); i++) add(cycle[i % 4]!, pick(extraRng, towns), extraRng)
  return out
}
