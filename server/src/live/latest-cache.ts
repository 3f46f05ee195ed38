/**
 * The latest value of every metric of every station, kept in memory for the map and the
 * stations API; warmed from the store at start-up and updated from accepted readings.
 */
import type { DataFlag, Reading } from '../../../shared/src/domain/reading'
import type { StationKind } from '../../../shared/src/domain/station'
import type { LatestValue } from '../../../shared/src/ports/store'

export interface StationLatest {
  /** Time of the newest reading, epoch ms. */
  ts: number
  values: Record<string, LatestValue>
}

export class LatestCache {
  private readonly byStation = new Map<string, StationLatest>()

  warm(from: Map<string, Map<string, LatestValue>>): void {
    for (const [sid, metrics] of from) {
      const e = this.entry(sid)
      for (const [m, v] of metrics) this.set(e, m, v.value, v.ts, v.flag)
    }
  }

  /** Apply readings (any order); keeps the newest value per metric. */
  update(readings: readonly Reading[]): void {
    for (const r of readings) {
      const e = this.entry(r.stationId)
      for (const m in r.values) this.set(e, m, r.values[m]!, r.ts, r.flags?.[m] ?? 'N')
    }
  }

  get(stationId: string): StationLatest | undefined {
    return this.byStation.get(stationId)
  }

  /** The station's newest reading (the metrics stamped with its newest time), or undefined. */
  newestReading(stationId: string, kind: StationKind): Reading | undefined {
    const e = this.byStation.get(stationId)
    if (!e || !Number.isFinite(e.ts)) return undefined
    const r: Reading = { stationId, kind, ts: e.ts, values: {}, flags: {} }
    for (const m in e.values) {
      const v = e.values[m]!
      if (v.ts !== e.ts) continue
      r.values[m] = v.value
      r.flags![m] = v.flag
    }
    return r
  }

  delete(stationId: string): void {
    this.byStation.delete(stationId)
  }

  private entry(sid: string): StationLatest {
    let e = this.byStation.get(sid)
    if (!e) this.byStation.set(sid, (e = { ts: -Infinity, values: {} }))
    return e
  }

  private set(e: StationLatest, metric: string, value: number, ts: number, flag: DataFlag): void {
    const cur = e.values[metric]
    if (cur && cur.ts > ts) return
    if (cur) {
      // In place: one object per (station, metric) for the life of the process, not one per reading.
      cur.value = value
      cur.ts = ts
      cur.flag = flag
    } else e.values[metric] = { value, ts, flag }
    if (ts > e.ts) e.ts = ts
  }
}
