/**
 * Stations: the four kinds the bureau monitors and what the registry knows of each.
 * Pure types and small pure helpers; no I/O.
 */

/** The four station kinds of the external contract (docs/contract.md). */
export const STATION_KINDS = ['air', 'water', 'wastewater', 'energy'] as const
export type StationKind = (typeof STATION_KINDS)[number]

/** Liveness of a station as seen by the system. */
export type StationStatus = 'online' | 'stale' | 'offline'

/** Station ids match `[A-Za-z0-9_-]{1,64}` (contract, MQTT section). */
export const STATION_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

/**
 * HJ 212 MN (data logger id): 1-24 letters, digits, `_` or `-`, as the codec reads it (HJ 212-2017
 * §6 gives 24 characters; real loggers use `_` and `-`, e.g. `JLYP01_AIR01_0001`; issue 12).
 */
export const STATION_MN_PATTERN = /^[A-Za-z0-9_-]{1,24}$/

/** Water body type, which changes the GB 3838-2002 total-phosphorus limits (Table 1). */
export type WaterBody = 'river' | 'lake'

/**
 * Which items decide a water station's GB 3838-2002 class. `assessment` (default): the national
 * assessment practice, 地表水环境质量评价办法(试行) (2011): water temperature, total nitrogen and fecal
 * coliform stay out of the class, a lake's TN is reported beside it. `all-items`: the strict
 * single-factor class over every assessed item, lake TN included.
 */
export const WATER_CLASS_METHODS = ['assessment', 'all-items'] as const
export type WaterClassMethod = (typeof WATER_CLASS_METHODS)[number]

/**
 * The electricity basis of an energy unit's quota (GB/T 2589-2020): `equivalent` (当量值, the
 * electricity's own heat, 0.1229 kgce/kWh) or `equal-value` (等价值, the coal burnt to generate it:
 * the previous year's power-plant coal consumption per kWh supplied, about 0.30 kgce/kWh).
 */
export const ENERGY_BASES = ['equivalent', 'equal-value'] as const
export type EnergyBasis = (typeof ENERGY_BASES)[number]

/** Energy counters of the contract (`energy` kind), the carriers a factor can be set for. */
export type EnergyCarrierKey = 'elec_kwh' | 'gas_m3' | 'steam_t' | 'water_m3' | 'coal_t'

/** A unit's own conversion factor for one carrier: kgce per metric unit and where the number comes from. */
export interface EnergyFactorSetting {
  /** kgce per unit of the carrier's metric (kWh, m³, t). */
  kgce: number
  /** Free text: the document, certificate or statistic the factor comes from. */
  source: string
}

/**
 * One registered station. `approx` marks coordinates that are a representative point of the
 * town rather than the surveyed site (see shared/geo/NOTICE.md).
 */
export interface Station {
  id: string
  kind: StationKind
  nameZh: string
  nameEn: string
  /** WGS84 longitude, degrees. */
  lon: number
  /** WGS84 latitude, degrees. */
  lat: number
  /** Town (zh), as in the boundary file's `name`. */
  town: string
  /** Town (en), as in the boundary file's `name_en`. */
  townEn?: string
  approx: boolean
  /** Expected reporting interval in seconds; drives stale/offline detection. */
  intervalSec: number
  /**
   * Applicable standard class: air `I`/`II` (GB 3095-2012), water `I`..`V` (GB 3838-2002),
   * wastewater `1A`/`1B`/`2`/`3` (GB 18918-2002). Energy units have none.
   */
  standardClass?: string
  /** Water stations only: river or lake/reservoir. */
  waterBody?: WaterBody
  /** Wastewater plants only: build date (ISO date); decides the total-phosphorus limit. */
  builtDate?: string
  /** Wastewater plants only: design capacity, m³/d. */
  capacityM3d?: number
  /** Water stations only: which items decide the class (default `assessment`, the 2011 practice). */
  waterClassMethod?: WaterClassMethod
  /** Energy units only: annual consumption quota, tce. */
  quotaTce?: number
  /** Energy units only: the electricity basis of the quota (default `equivalent`). */
  energyBasis?: EnergyBasis
  /**
   * Energy units only: the unit's own kgce factors per carrier (keys of standards/ENERGY_CARRIERS);
   * a carrier without one uses the GB/T 2589-2020 default. `equal-value` needs `elec_kwh`.
   */
  energyFactors?: Partial<Record<EnergyCarrierKey, EnergyFactorSetting>>
  /** A key pollution source under the online-monitoring target. */
  keySource?: boolean
  /** HJ 212 MN (device id) of the station's data logger ({@link STATION_MN_PATTERN}). */
  mn?: string
  /**
   * Units the station's logger sends a metric in when they differ from the catalog's, by metric key
   * (`{ pm25: 'mg/m3' }`, issue 12); values are converted on receipt (domain/sent-units.ts).
   */
  sentUnits?: Record<string, string>
  /** Free text shown to users (e.g. data source). */
  note?: string
}

/** Narrow an unknown string to a StationKind, or undefined. */
export function maybeStationKind(v: unknown): StationKind | undefined {
  return typeof v === 'string' && (STATION_KINDS as readonly string[]).includes(v) ? (v as StationKind) : undefined
}
