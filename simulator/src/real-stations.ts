/**
 * The 25 real stations of shared/geo/stations-facts.json mapped onto the registry's Station type.
 * Coordinates stay as the facts give them (`approx: true`, mostly a town's representative point);
 * what the facts do not say (build dates, some capacities, compliance classes) is filled with
 * documented assumptions, named as such in each station's `note`.
 */
import { readFileSync } from 'node:fs'
import { projectFile } from './project-file'
import type { Station, StationKind } from '../../shared/src/domain/station'

/** One entry of stations-facts.json (only the fields used here). */
export interface StationFact {
  kind: 'air' | 'water_source' | 'wastewater'
  name_zh: string
  name_en: string
  lon: number
  lat: number
  approx: boolean
  source: string
  town: string
  coord_basis: string
  note?: string
  status?: string
  capacity_10k_m3_per_day?: number | null
}

/** The default facts file. */
export const DEFAULT_FACTS_URL = projectFile('shared/geo/stations-facts.json', import.meta.url)

/** Read and minimally check the facts file. */
export function loadFacts(url: URL = DEFAULT_FACTS_URL): StationFact[] {
  const facts = JSON.parse(readFileSync(url, 'utf8')) as unknown
  if (!Array.isArray(facts)) throw new Error(`invalid stations facts file ${url.pathname}: not an array`)
  return facts as StationFact[]
}

/** Id prefixes per kind: DG-AIR-01, DG-WAT-01, DG-WWT-01, DG-ENE-01. */
export const ID_PREFIX: Readonly<Record<StationKind, string>> = { air: 'DG-AIR', water: 'DG-WAT', wastewater: 'DG-WWT', energy: 'DG-ENE' }

/**
 * Reporting intervals, seconds. Real automatic surface-water stations report every few hours
 * (often 4 h); the demo uses 5 min so the map moves. Energy metering at 60 s is also a demo rate.
 */
export const INTERVAL_SEC: Readonly<Record<StationKind, number>> = { air: 60, water: 300, wastewater: 60, energy: 60 }

/**
 * HJ 212-2017 system codes (ST) per kind: 22 air quality, 21 surface water, 32 water pollution
 * source. HJ 212 has no energy-metering system code; energy units use 31 (air pollution source) as
 * the nearest fit, since their consumption is mostly combustion. A deployment may choose otherwise.
 */
export const ST_CODE: Readonly<Record<StationKind, string>> = { air: '22', water: '21', wastewater: '32', energy: '31' }

/** Station id `DG-AIR-07` from kind and 1-based index. */
export function stationId(kind: StationKind, index: number): string {
  return `${ID_PREFIX[kind]}-${String(index).padStart(2, '0')}`
}

/**
 * Deterministic 19-character HJ 212 MN for a station: `441900` (Dongguan's code) + ST + a 3-digit
 * index + 8 hex digits of the id's FNV-1a hash. Depends on the id only, so it is stable across seeds.
 */
export function stationMn(kind: StationKind, index: number, id: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193)
  return `441900${ST_CODE[kind]}${String(index % 1000).padStart(3, '0')}${(h >>> 0).toString(16).toUpperCase().padStart(8, '0')}`
}

/**
 * Facts the source does not give for the six real plants: capacity (m³/d) where the source has
 * none, and an assumed build date (GB 18918-2002 uses it for the total-phosphorus limit).
 */
const PLANT_ASSUMPTIONS: Readonly<Record<string, { capacityM3d?: number; builtDate: string; why: string }>> = {
  长安新区污水处理厂: { builtDate: '2016-12-31', why: 'build date assumed from "commissioning planned end of 2016"' },
  石碣沙腰污水处理厂: {
    builtDate: '2008-06-30',
    why: 'build date assumed (existed by 2013); capacity as in 2013, the 2013 expansion to 16万 t/d not verified',
  },
  虎门宁洲污水处理厂: {
    capacityM3d: 250_000,
    builtDate: '2005-06-30',
    why: 'capacity assumed: 15万 t/d of the 21万 t/d 宁洲 I+II + 海岛 total, plus phase III 10万 t/d; build date of phase I assumed pre-2006 (older-plant TP limit)',
  },
  虎门海岛污水处理厂: {
    capacityM3d: 60_000,
    builtDate: '2010-06-30',
    why: 'capacity assumed: the rest of the 21万 t/d total; build date assumed',
  },
  东城温塘污水处理厂: { builtDate: '2014-06-30', why: 'build date assumed; build status not verified (planned ~2012)' },
  麻涌污水处理厂: { builtDate: '2009-06-30', why: 'build date assumed' },
}

/** Reservoirs and lakes are `lake` for GB 3838-2002's phosphorus limits; rivers and water-works intakes `river`. */
function waterBodyOf(f: StationFact): 'river' | 'lake' {
  return f.name_zh.includes('水库') ? 'lake' : 'river'
}

/**
 * Map the facts onto stations, numbered per kind in file order (DG-AIR-01 is the first air fact).
 * `townEn` looks up the English town name (from the boundary file).
 */
export function realStations(facts: readonly StationFact[], townEn: (zh: string) => string | undefined): Station[] {
  const count: Record<StationKind, number> = { air: 0, water: 0, wastewater: 0, energy: 0 }
  return facts.map((f) => {
    const kind: StationKind = f.kind === 'water_source' ? 'water' : f.kind
    const index = ++count[kind]
    const id = stationId(kind, index)
    const notes = [`Real station; source: ${f.source}.`, `Coordinates: ${f.coord_basis}.`]
    if (f.note) notes.push(f.note)
    if (f.status) notes.push(`Status: ${f.status}.`)
    const s: Station = {
      id,
      kind,
      nameZh: f.name_zh,
      nameEn: f.name_en,
      lon: f.lon,
      lat: f.lat,
      town: f.town,
      approx: true,
      intervalSec: INTERVAL_SEC[kind],
      mn: stationMn(kind, index, id),
    }
    const en = townEn(f.town)
    if (en) s.townEn = en
    if (kind === 'air') s.standardClass = 'II'
    if (kind === 'water') {
      s.standardClass = 'III'
      s.waterBody = waterBodyOf(f)
      if (f.capacity_10k_m3_per_day) notes.push(`Water works capacity ${f.capacity_10k_m3_per_day}万 m³/d.`)
      notes.push('Compliance class III (drinking-water source, GB 3838-2002) assumed; the 5-min interval is a demo rate.')
    }
    if (kind === 'wastewater') {
      const a = PLANT_ASSUMPTIONS[f.name_zh]
      s.standardClass = '1A'
      s.keySource = true
      const cap = f.capacity_10k_m3_per_day ? f.capacity_10k_m3_per_day * 10_000 : a?.capacityM3d
      if (cap) s.capacityM3d = cap
      s.builtDate = a?.builtDate ?? '2010-01-01'
      notes.push(`Assumptions: ${a?.why ?? 'build date assumed'}.`)
    }
    s.note = notes.join(' ')
    return s
  })
}
