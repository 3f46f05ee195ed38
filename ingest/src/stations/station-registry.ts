/**
 * The station registry: every station the system knows, with its credentials (hashed), loaded
 * from a JSON file and editable through the admin API. Changes are written back atomically. The
 * record type and its checks are pure (shared/src/domain/station-record.ts); this is the file-backed
 * StationDirectory (shared/src/ports/stations.ts).
 */
import { EventEmitter } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import type { Station } from '../../../shared/src/domain/station'
import { checkStation, publicStation, type StationRecord } from '../../../shared/src/domain/station-record'
import type { StationDirectory } from '../../../shared/src/ports/stations'
import { writePrivateFileAtomic } from './private-file'
import { verifySecret } from './secret-hash'

export type { StationRecord } from '../../../shared/src/domain/station-record'
export { checkStation, publicStation } from '../../../shared/src/domain/station-record'

export interface RegistryEvents {
  change: [kind: 'upsert' | 'remove', station: Station]
}

export class StationRegistry extends EventEmitter<RegistryEvents> implements StationDirectory {
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
