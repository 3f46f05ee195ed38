/**
 * The live feed of the rules owner: per station, the newest reading, the newest value of every
 * metric and the AQI, published (retained) at most once per `intervalMs` — at once when the
 * station has been quiet, otherwise at the end of the interval with everything merged — so the
 * socket contract's "at most one `reading` per station per second" holds however many server
 * nodes share the push.
 */
import type { DataFlag, Reading } from '../../../shared/src/domain/reading'
import type { Station } from '../../../shared/src/domain/station'
import type { AqiSummary } from '../../../shared/src/protocol/events'
import type { LiveSnapshot } from '../../../shared/src/protocol/cluster/messages'

interface Entry {
  snap: LiveSnapshot
  lastSent: number
  dirty: boolean
}

/** Interval, clock, the AQI source and where snapshots go. */
export interface LiveThrottleOptions {
  intervalMs?: number
  now: () => number
  aqiFor: (stationId: string) => AqiSummary | undefined
  send: (s: LiveSnapshot) => void
}

/**
 * Per-station live snapshots, at most one per interval.
 * @example
 * const live = new LiveThrottle({ now: Date.now, aqiFor, send: (s) => publish(s) })
 * live.update(station, readings)
 */
export class LiveThrottle {
  private readonly entries = new Map<string, Entry>()
  private readonly interval: number
  private readonly timer: NodeJS.Timeout

  constructor(private readonly o: LiveThrottleOptions) {
    this.interval = o.intervalMs ?? 1000
    this.timer = setInterval(() => this.flushDue(), Math.max(10, this.interval / 4))
    this.timer.unref()
  }

  update(station: Pick<Station, 'id' | 'kind'>, readings: readonly Reading[]): void {
    if (readings.length === 0) return
    let e = this.entries.get(station.id)
    if (!e) {
      e = {
        snap: { stationId: station.id, kind: station.kind, reading: { ts: -Infinity, values: {} }, latest: {} },
        lastSent: -Infinity,
        dirty: false,
      }
      this.entries.set(station.id, e)
    }
    const s = e.snap
    for (const r of readings) {
      if (r.ts >= s.reading.ts) s.reading = r.flags ? { ts: r.ts, values: r.values, flags: r.flags } : { ts: r.ts, values: r.values }
      for (const m in r.values) {
        const cur = s.latest[m]
        if (!cur || cur[1] <= r.ts) s.latest[m] = [r.values[m]!, r.ts, (r.flags?.[m] ?? 'N') as DataFlag]
      }
    }
    e.dirty = true
    if (this.o.now() - e.lastSent >= this.interval) this.send(e)
  }

  forget(stationId: string): void {
    this.entries.delete(stationId)
  }

  close(): void {
    clearInterval(this.timer)
  }

  private flushDue(): void {
    const now = this.o.now()
    for (const e of this.entries.values()) if (e.dirty && now - e.lastSent >= this.interval) this.send(e)
  }

  private send(e: Entry): void {
    e.dirty = false
    e.lastSent = this.o.now()
    const aqi = e.snap.kind === 'air' ? this.o.aqiFor(e.snap.stationId) : undefined
    if (aqi) e.snap.aqi = aqi
    this.o.send(e.snap)
  }
}
