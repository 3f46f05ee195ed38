/**
 * The station registry: every station the system knows, with its credentials (hashed), loaded
 * from a JSON file and editable through the admin API. Changes are written back atomically.
 */
import { EventEmitter } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { checkSentUnits } from '../../../shared/src/domain/sent-units'
import { STATION_ID_PATTERN, STATION_MN_PATTERN, WATER_CLASS_METHODS, maybeStationKind, type Station } from '../../../shared/src/domain/station'
import { checkEnergySettings } from '../../../shared/src/standards/energy-factors'
import { writePrivateFileAtomic } from './private-file'
import { verifySecret } from './secret-hash'

/** A registry entry: the public station plus secrets that never leave the server. */
export interface StationRecord extends Station {
  /** scrypt hash of the station's MQTT / HJ 212 password (security/secret-hash.ts). */
  secretHash?: string
}

export interface RegistryEvents {
  change: [kind: 'upsert' | 'remove', station: Station]
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
  if (s.mn !== undefined && (typeof s.mn !== 'string' || !STATION_MN_PATTERN.test(s.mn))) return `invalid mn: ${String(s.mn)} (1-24 letters, digits, "_" or "-")`
  const units = checkSentUnits(s.kind!, s.sentUnits)
  if (units) return units
  if (s.waterClassMethod !== undefined) {
    if (!(WATER_CLASS_METHODS as readonly string[]).includes(s.waterClassMethod)) return `invalid waterClassMethod: ${String(s.waterClassMethod)} (${WATER_CLASS_METHODS.join(' or ')})`
    if (s.kind !== 'water') return 'waterClassMethod applies to water stations only'
  }
  return checkEnergySettings({ kind: s.kind!, energyBasis: s.energyBasis, energyFactors: s.energyFactors })
}

export class StationRegistry extends EventEmitter<RegistryEvents> {
  private readonly byId = new Map<string, StationRecord>()
  private readonly byMnIndex = new Map<string, string>()
  /** Verified (id, password) pairs, so a reconnect storm does not re-run scrypt. */
  private readonly verified = new Map<string, string>()

  private constructor(private readonly file: string | undefined) {
    super()
  }

  /** An in-memory registry (tests). */
  static fromRecords(records: StationRecord[]): StationRegistry {
    const r = new StationRegistry(undefined)
    for (const s of records) r.put(s)
    return r
  }

  /** Load the registry file, creating it from `seed()` when it does not exist. */
  static load(file: string, seed?: () => StationRecord[]): StationRegistry {
    const r = new StationRegistry(file)
    if (!existsSync(file)) {
      for (const s of seed?.() ?? []) r.put(s)
      r.save()
      return r
    }
    const json = JSON.parse(readFileSync(file, 'utf8')) as { stations?: StationRecord[] }
    for (const [i, s] of (json.stations ?? []).entries()) {
      const err = checkStation(s)
      if (err) throw new Error(`registry ${file}: station [${i}]: ${err}`)
      r.put(s)
    }
    return r
  }

  get(id: string): StationRecord | undefined {
    return this.byId.get(id)
  }

  /** The station whose HJ 212 data logger has this MN. */
  byMn(mn: string): StationRecord | undefined {
    const id = this.byMnIndex.get(mn)
    return id === undefined ? undefined : this.byId.get(id)
  }

  list(): StationRecord[] {
    return [...this.byId.values()]
  }

  get size(): number {
    return this.byId.size
  }

  /** Check a station's password (MQTT or HJ 212 PW). */
  verify(id: string, password: string): boolean {
    const rec = this.byId.get(id)
    if (!rec?.secretHash) return false
    if (this.verified.get(id) === password) return true
    const ok = verifySecret(password, rec.secretHash)
    if (ok) this.verified.set(id, password)
    return ok
  }

  upsert(rec: StationRecord): void {
    const err = checkStation(rec)
    if (err) throw new Error(err)
    this.put(rec)
    this.save()
    this.emit('change', 'upsert', publicStation(rec))
  }

  remove(id: string): boolean {
    const rec = this.byId.get(id)
    if (!rec) return false
    this.byId.delete(id)
    if (rec.mn) this.byMnIndex.delete(rec.mn)
    this.verified.delete(id)
    this.save()
    this.emit('change', 'remove', publicStation(rec))
    return true
  }

  private put(rec: StationRecord): void {
    const prev = this.byId.get(rec.id)
    if (prev?.mn) this.byMnIndex.delete(prev.mn)
    if (prev?.secretHash !== rec.secretHash) this.verified.delete(rec.id)
    this.byId.set(rec.id, rec)
    if (rec.mn) this.byMnIndex.set(rec.mn, rec.id)
  }

  private save(): void {
    if (!this.file) return
    // 0600: the file holds every station's secret hash (issue 15).
    writePrivateFileAtomic(this.file, JSON.stringify({ version: 1, stations: this.list() }, null, 1))
  }
}
