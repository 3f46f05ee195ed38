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

/** Water body type, which changes the GB 3838-2002 total-phosphorus limits (Table 1). */
export type WaterBody = 'river' | 'lake'

/**
 * One registered station. `approx` marks coordinates that are a representative point of the
 * town rather than the surveyed site (see docs/data-provenance.md).
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
  /** Energy units only: annual consumption quota, tce. */
  quotaTce?: number
  /** A key pollution source under the online-monitoring target. */
  keySource?: boolean
  /** HJ 212 MN (device id) of the station's data logger. */
  mn?: string
  /** Free text shown to users (e.g. data source). */
  note?: string
}

/** Narrow an unknown string to a StationKind, or undefined. */
export function maybeStationKind(v: unknown): StationKind | undefined {
  return typeof v === 'string' && (STATION_KINDS as readonly string[]).includes(v) ? (v as StationKind) : undefined
}
