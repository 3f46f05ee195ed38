/**
 * A station's backlog (issue 10): a run of late data, i.e. readings older than the late-data lag
 * (`LATE_DATA_AFTER`) when they were processed, as a data logger uploads its history after a comms
 * outage, HJ 212 re-sends history, a JSON batch of old readings, or the simulator's start-up
 * backfill. It ends at the station's first reading on time, or when no late data has come from the
 * station for the quiet period (`LATE_DATA_QUIET`). The summary at its end is what the late-data
 * digest tells recipients. Pure: times come in.
 */
import type { Alert } from '../domain/alert'
import type { StationKind } from '../domain/station'

/** At most this many historical exceedances are kept per backlog for the digest (the count is exact). */
export const BACKLOG_KEEP_EXCEEDANCES = 50

/** What one backlog of one station held, announced when it ends. */
export interface BacklogSummary {
  stationId: string
  kind: StationKind
  /** Processing times of its first and last late reading, epoch ms. */
  receivedFrom: number
  receivedTo: number
  /** Data times of its oldest and newest late reading, epoch ms. */
  dataFrom: number
  dataTo: number
  /** Late readings in it. */
  readings: number
  /** Historical exceedances recorded from it (the first `BACKLOG_KEEP_EXCEEDANCES`), in data order. */
  exceedances: Alert[]
  /** How many historical exceedances it recorded. */
  exceedanceCount: number
  /** Ids of the alerts it left going on (announced live at its end). */
  ongoing: string[]
}

/** The open backlogs of the stations. */
export class Backlogs {
  private readonly open = new Map<string, BacklogSummary>()

  /** Count a late reading of a station received at `now`. */
  late(stationId: string, kind: StationKind, ts: number, now: number): void {
    const b = this.ensure(stationId, kind, now)
    b.readings++
    if (ts < b.dataFrom) b.dataFrom = ts
    if (ts > b.dataTo) b.dataTo = ts
    b.receivedTo = now
  }

  /** A historical exceedance recorded from the station's late data. */
  recorded(a: Alert, now: number): void {
    const b = this.ensure(a.stationId, a.kind, now)
    b.exceedanceCount++
    if (b.exceedances.length < BACKLOG_KEEP_EXCEEDANCES) b.exceedances.push(a)
  }

  /** A held alert of the station went live. */
  ongoing(a: Alert, now: number): void {
    this.ensure(a.stationId, a.kind, now).ongoing.push(a.id)
  }

  /** Whether a station has a backlog in progress. */
  has(stationId: string): boolean {
    return this.open.has(stationId)
  }

  /** Stations whose backlog has had no late data for `quietMs`. */
  quiet(now: number, quietMs: number): string[] {
    const out: string[] = []
    for (const b of this.open.values()) if (now - b.receivedTo >= quietMs) out.push(b.stationId)
    return out
  }

  /** End a station's backlog; its summary, or undefined when it had none. */
  end(stationId: string): BacklogSummary | undefined {
    const b = this.open.get(stationId)
    this.open.delete(stationId)
    if (!b) return undefined
    b.exceedances.sort((x, y) => x.openedAt - y.openedAt)
    // Held alerts restored after a restart, with no late reading since: no data span known.
    if (b.readings === 0) b.dataFrom = b.dataTo = b.receivedFrom
    return b
  }

  /** Start a station's backlog (also: held alerts restored after a restart) unless one is open. */
  ensure(stationId: string, kind: StationKind, now: number): BacklogSummary {
    let b = this.open.get(stationId)
    if (!b)
      this.open.set(
        stationId,
        (b = {
          stationId,
          kind,
          receivedFrom: now,
          receivedTo: now,
          dataFrom: Infinity,
          dataTo: -Infinity,
          readings: 0,
          exceedances: [],
          exceedanceCount: 0,
          ongoing: [],
        }),
      )
    return b
  }
}
