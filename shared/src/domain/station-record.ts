/**
 * A station as the registry keeps it: the public station plus its hashed password, and the pure
 * checks on a record read from the registry file, the admin API or another cluster node.
 */
import { STATION_ID_PATTERN, WATER_CLASS_METHODS, maybeStationKind, type Station } from './station'
import { checkEnergySettings } from '../standards/energy-factors'

/** A registry entry: the public station plus secrets that never leave the server. */
export interface StationRecord extends Station {
  /** scrypt hash of the station's MQTT / HJ 212 password (ingest/src/stations/secret-hash.ts). */
  secretHash?: string
}

/** The public view of a record (no secrets). */
export function publicStation(r: StationRecord): Station {
  const { secretHash: _s, ...pub } = r
  return pub
}

/** Validate a record read from the file or the API; returns an error message or undefined. */
export function checkStation(s: Partial<StationRecord>): string | undefined {
  if (typeof s.id !== 'string' || !STATION_ID_PATTERN.test(s.id)) return `invalid id: ${String(s.id)}`
  if (!maybeStationKind(s.kind)) return `invalid kind: ${String(s.kind)}`
  if (typeof s.lon !== 'number' || s.lon < -180 || s.lon > 180) return `invalid lon: ${String(s.lon)}`
  if (typeof s.lat !== 'number' || s.lat < -90 || s.lat > 90) return `invalid lat: ${String(s.lat)}`
  if (typeof s.intervalSec !== 'number' || !(s.intervalSec > 0)) return `invalid intervalSec: ${String(s.intervalSec)}`
  if (typeof s.nameZh !== 'string' || typeof s.nameEn !== 'string') return 'nameZh and nameEn are required'
  if (s.waterClassMethod !== undefined) {
    if (!(WATER_CLASS_METHODS as readonly string[]).includes(s.waterClassMethod))
      return `invalid waterClassMethod: ${String(s.waterClassMethod)} (${WATER_CLASS_METHODS.join(' or ')})`
    if (s.kind !== 'water') return 'waterClassMethod applies to water stations only'
  }
  return checkEnergySettings({ kind: s.kind!, energyBasis: s.energyBasis, energyFactors: s.energyFactors })
}
