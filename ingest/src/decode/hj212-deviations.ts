/**
 * Per station, how its HJ 212 logger departs from the standard (issue 12): which deviations it
 * sends (first seen, last seen, count) and which edition it speaks (from the Flag version bits,
 * versions.ts). Fed by every accepted frame, over TCP and MQTT; read by the admin stations API and
 * /metrics. It also decides when an `hj212-deviation` warning goes to the dead letter: at once for
 * a kind the station had not sent before, then at most once per `warnEveryMs` per station, so a
 * logger that deviates on every frame does not flood the dead letter while every frame is counted.
 * In memory; `toJSON` / `load` let the owner keep it across restarts.
 */
import { editionLabel, type Hj212Deviation } from '../../../shared/src/protocol/hj212/index'

/** One deviation kind of one station. */
export interface DeviationSeen {
  /** Epoch ms. */
  firstSeen: number
  lastSeen: number
  count: number
}

/** What a station's logger speaks and how it deviates. */
export interface StationHj212Profile {
  /** `HJ 212-2017`, `HJ/T 212-2005` (no Flag) or `Flag version N` (an edition envmon does not describe, e.g. 2025). */
  edition: string
  /** The Flag version bits of its last frame (undefined: no Flag field). */
  flagVersion: number | undefined
  /** Its last accepted frame (epoch ms). */
  lastFrame: number
  frames: number
  deviations: Partial<Record<Hj212Deviation, DeviationSeen>>
}

/** Most stations kept (a registry is far smaller; a bound all the same). */
const MAX_STATIONS = 20_000

/**
 * @example
 * const book = new Hj212DeviationBook()
 * book.record('DG-A01', packet.deviations, packet.flag.raw, now)
 * if (book.shouldWarn('DG-A01', now)) deadLetter(...)
 */
export class Hj212DeviationBook {
  private readonly stations = new Map<string, StationHj212Profile>()
  /** Per station: the last warning's time, and whether a kind new to it came since. */
  private readonly warned = new Map<string, { at: number; fresh: boolean }>()
  /** Frames with each deviation, all stations together (for /metrics). */
  readonly totals = new Map<Hj212Deviation, number>()

  constructor(private readonly opts: { warnEveryMs?: number } = {}) {}

  /** Record one accepted frame of `stationId`. */
  record(stationId: string, deviations: readonly Hj212Deviation[], flagRaw: number | undefined, now: number): void {
    let p = this.stations.get(stationId)
    if (!p) {
      if (this.stations.size >= MAX_STATIONS) return
      p = { edition: '', flagVersion: undefined, lastFrame: now, frames: 0, deviations: {} }
      this.stations.set(stationId, p)
    }
    p.edition = editionLabel(flagRaw)
    p.flagVersion = flagRaw === undefined ? undefined : flagRaw >> 2
    p.lastFrame = now
    p.frames++
    for (const d of deviations) {
      const seen = p.deviations[d]
      if (seen) {
        seen.lastSeen = now
        seen.count++
      } else {
        p.deviations[d] = { firstSeen: now, lastSeen: now, count: 1 }
        const w = this.warned.get(stationId)
        if (w) w.fresh = true
      }
      this.totals.set(d, (this.totals.get(d) ?? 0) + 1)
    }
  }

  /**
   * Whether an `hj212-deviation` warning of `stationId` should go to the dead letter now (and if so,
   * it is taken as sent): its first, one with a kind new to the station, or the first after
   * `warnEveryMs` (default 1 h).
   */
  shouldWarn(stationId: string, now: number): boolean {
    const every = this.opts.warnEveryMs ?? 3_600_000
    const w = this.warned.get(stationId)
    if (w && !w.fresh && now - w.at < every) return false
    this.warned.set(stationId, { at: now, fresh: false })
    return true
  }

  /** The profile of a station, or undefined before its first HJ 212 frame. */
  get(stationId: string): Readonly<StationHj212Profile> | undefined {
    return this.stations.get(stationId)
  }

  /** Forget a removed station. */
  forget(stationId: string): void {
    this.stations.delete(stationId)
    this.warned.delete(stationId)
  }

  /** The profiles, for keeping across restarts. */
  toJSON(): { version: 1; stations: Record<string, StationHj212Profile> } {
    return { version: 1, stations: Object.fromEntries(this.stations) }
  }

  /** Restore what {@link toJSON} gave (unknown shapes are skipped); totals start from the restored counts. */
  load(json: unknown): void {
    const stations = (json as { stations?: unknown } | null)?.stations
    if (typeof stations !== 'object' || stations === null) return
    for (const [id, p] of Object.entries(stations as Record<string, StationHj212Profile>)) {
      if (typeof p !== 'object' || p === null || typeof p.deviations !== 'object' || p.deviations === null) continue
      this.stations.set(id, p)
      for (const [d, seen] of Object.entries(p.deviations) as [Hj212Deviation, DeviationSeen][])
        this.totals.set(d, (this.totals.get(d) ?? 0) + (Number(seen.count) || 0))
    }
  }
}
