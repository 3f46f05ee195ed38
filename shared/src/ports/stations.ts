/**
 * The station directory port: who the stations are and whether a password is a station's. The
 * file-backed registry at the edge (ingest/src/stations/station-registry.ts) implements it.
 */
import type { Station } from '../domain/station'
import type { StationRecord } from '../domain/station-record'

export interface StationDirectory {
  get(id: string): StationRecord | undefined
  /** An HJ 212 logger's station by its MN. */
  byMn(mn: string): StationRecord | undefined
  list(): StationRecord[]
  readonly size: number
  /** Whether `password` is the station's (its hash matches). */
  verify(id: string, password: string): boolean
  /** A station was added or changed (`upsert`) or removed. */
  on(event: 'change', listener: (kind: 'upsert' | 'remove', station: Station) => void): unknown
}
