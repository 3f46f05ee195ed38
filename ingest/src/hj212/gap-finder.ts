/**
 * Where a station's data is missing (issue 12). {@link GapFinder} is the seam: gap recovery asks it
 * which spans of a range lack readings. The default, {@link LiveSlotGapFinder}, knows what the live
 * path delivered since the process started (one bit per interval slot, per station and hour); a
 * completeness module counting the store can take its place without touching gap recovery.
 */

/** A span of time, both ends inclusive (epoch ms, on the station's interval grid). */
export interface TimeRange {
  from: number
  to: number
}

/** Which spans of [from, to] have no reading for a station. */
export interface GapFinder {
  /** Missing spans within [from, to] (inclusive), oldest first, each on the interval grid. */
  missing(stationId: string, from: number, to: number, intervalMs: number): Promise<TimeRange[]>
}

const HOUR = 3_600_000

/**
 * The live path's view: readings seen since start, one bit per interval slot. A range before the
 * station's first reading since start is not reported (nothing is known about it). Bounded: hours
 * older than `horizonMs` are dropped.
 *
 * @example
 * const finder = new LiveSlotGapFinder()
 * finder.record('DG-A01', 60_000, [t1, t2])
 * await finder.missing('DG-A01', from, to, 60_000) // [{ from, to }, ...]
 */
export class LiveSlotGapFinder implements GapFinder {
  private readonly hours = new Map<string, Map<number, Uint8Array>>()
  private readonly since = new Map<string, number>()

  constructor(private readonly horizonMs = 2 * 86_400_000) {}

  /** Readings of a station arrived (live or recovered) at these times. */
  record(stationId: string, intervalMs: number, times: readonly number[]): void {
    let byHour = this.hours.get(stationId)
    if (!byHour) this.hours.set(stationId, (byHour = new Map()))
    const slots = Math.max(1, Math.ceil(HOUR / intervalMs))
    for (const t of times) {
      const first = this.since.get(stationId)
      if (first === undefined || t < first) this.since.set(stationId, t)
      const hour = Math.floor(t / HOUR) * HOUR
      let bits = byHour.get(hour)
      if (!bits) byHour.set(hour, (bits = new Uint8Array(Math.ceil(slots / 8))))
      const slot = Math.min(slots - 1, Math.floor((t - hour) / intervalMs))
      bits[slot >> 3]! |= 1 << (slot & 7)
    }
    const cutoff = Math.max(...times, 0) - this.horizonMs
    if (byHour.size > Math.ceil(this.horizonMs / HOUR) + 2) for (const h of byHour.keys()) if (h < cutoff) byHour.delete(h)
  }

  missing(stationId: string, from: number, to: number, intervalMs: number): Promise<TimeRange[]> {
    const out: TimeRange[] = []
    const first = this.since.get(stationId)
    const byHour = this.hours.get(stationId)
    if (first === undefined || !byHour) return Promise.resolve(out)
    let t = Math.ceil(Math.max(from, first) / intervalMs) * intervalMs
    let run: TimeRange | undefined
    for (; t <= to; t += intervalMs) {
      const hour = Math.floor(t / HOUR) * HOUR
      const bits = byHour.get(hour)
      const slot = Math.floor((t - hour) / intervalMs)
      const seen = bits !== undefined && (bits[slot >> 3]! & (1 << (slot & 7))) !== 0
      if (seen) {
        if (run) out.push(run)
        run = undefined
      } else if (run) run.to = t
      else run = { from: t, to: t }
    }
    if (run) out.push(run)
    return Promise.resolve(out)
  }
}
