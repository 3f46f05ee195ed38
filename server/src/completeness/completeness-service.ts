/**
 * The completeness service: each station's readings expected, received and valid per hour, CST day
 * or month, and the transmission and valid-data rates, from one aggregate store query
 * (Store.completenessCounts) and the pure formulas (shared/src/standards/completeness.ts).
 *
 * Reviewer-invalidated data (issue 13, data review): pass `invalidated` in the deps and the valid
 * counts leave out what a reviewer marked invalid; nothing else changes.
 */
import type { Station } from '../../../shared/src/domain/station'
import type { Store } from '../../../shared/src/ports/store'
import type { CompletenessBody, CompletenessStationBody, CompletenessTallyBody } from '../../../shared/src/protocol/http/completeness'
import {
  missingHours,
  stationCompleteness,
  sumTallies,
  type CompletenessEvery,
  type InvalidatedRange,
  type MissingHour,
  type StationCompleteness,
  type Tally,
} from '../../../shared/src/standards/completeness'
import { isoCst } from '../http/time-query'

/** What the service reads. */
export interface CompletenessDeps {
  registry: { list(): Station[]; get(id: string): Station | undefined }
  store: Pick<Store, 'completenessCounts'>
  now: () => number
  /** Ranges a reviewer invalidated for these stations in [from, to) (data review); default none. */
  invalidated?: (stationIds: string[], from: number, to: number) => readonly InvalidatedRange[] | Promise<readonly InvalidatedRange[]>
}

/** Which stations and what range. */
export interface CompletenessRequest {
  kind?: Station['kind']
  /** Town, zh or en name. */
  town?: string
  station?: string
  from: number
  to: number
  every: CompletenessEvery
}

/** A station's figures with its registry entry. */
export interface StationFigures {
  station: Station
  figures: StationCompleteness
}

const rate = (t: Tally): CompletenessTallyBody => ({
  expected: t.expected,
  received: t.received,
  valid: t.valid,
  transmission: t.transmission,
  validRate: t.validRate,
})

/** Worst valid-data rate first; stations with nothing expected last; then by id. */
function worstFirst(a: StationFigures, b: StationFigures): number {
  const x = a.figures.total.validRate
  const y = b.figures.total.validRate
  if (x === null || y === null) return x === y ? a.station.id.localeCompare(b.station.id) : x === null ? 1 : -1
  return x - y || a.station.id.localeCompare(b.station.id)
}

export class CompletenessService {
  constructor(private readonly deps: CompletenessDeps) {}

  /** The registered stations a request selects. */
  select(q: Pick<CompletenessRequest, 'kind' | 'town' | 'station'>): Station[] {
    return this.deps.registry
      .list()
      .filter(
        (s) =>
          (q.kind === undefined || s.kind === q.kind) &&
          (q.town === undefined || s.town === q.town || s.townEn === q.town) &&
          (q.station === undefined || s.id === q.station),
      )
  }

  /**
   * Figures of the given stations over [from, to) in buckets of `every` (months are summed from CST
   * days), sorted worst valid-data rate first.
   */
  async figures(stations: Station[], from: number, to: number, every: CompletenessEvery): Promise<StationFigures[]> {
    if (stations.length === 0) return []
    const ids = stations.map((s) => s.id)
    const invalidated = this.deps.invalidated ? await this.deps.invalidated(ids, from, to) : undefined
    const counts = await this.deps.store.completenessCounts({ stationIds: ids, from, to, every: every === '1h' ? '1h' : '1d', invalidated })
    const byStation = new Map<string, typeof counts.rows>()
    for (const r of counts.rows) {
      let l = byStation.get(r.stationId)
      if (!l) byStation.set(r.stationId, (l = []))
      l.push(r)
    }
    const now = this.deps.now()
    return stations
      .map((station) => ({
        station,
        figures: stationCompleteness(station, byStation.get(station.id) ?? [], {
          from,
          to,
          every,
          now,
          firstSeen: counts.firstSeen.get(station.id),
        }),
      }))
      .sort(worstFirst)
  }

  /** The `GET /api/completeness` body. */
  async body(q: CompletenessRequest): Promise<CompletenessBody> {
    const figs = await this.figures(this.select(q), q.from, q.to, q.every)
    const perMetric = q.station !== undefined
    const stations: CompletenessStationBody[] = figs.map(({ station: s, figures: f }) => ({
      stationId: s.id,
      kind: s.kind,
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      town: s.town,
      ...(s.townEn ? { townEn: s.townEn } : {}),
      intervalSec: s.intervalSec,
      countedFrom: isoCst(f.countedFrom),
      total: { ...rate(f.total), metrics: Object.fromEntries(Object.entries(f.total.metrics).map(([m, t]) => [m, rate(t)])) },
      buckets: f.buckets.map((b) => ({
        from: isoCst(b.from),
        ...rate(b),
        ...(perMetric ? { metrics: Object.fromEntries(Object.entries(b.metrics).map(([m, t]) => [m, rate(t)])) } : {}),
      })),
    }))
    return {
      from: isoCst(q.from),
      to: isoCst(q.to),
      every: q.every,
      computedAt: isoCst(this.deps.now()),
      total: rate(sumTallies(figs.map((x) => x.figures.total))),
      stations,
    }
  }

  /**
   * A station's closed hours in [from, to) with missing or partial data (gap recovery asks its
   * logger for these, HJ 212-2017 CN 2051/2061). Empty for an unknown station.
   * @example await completeness.missingHours('DG-AIR-01', Date.now() - 86_400_000, Date.now())
   */
  async missingHours(stationId: string, from: number, to: number): Promise<MissingHour[]> {
    const station = this.deps.registry.get(stationId)
    if (!station) return []
    const invalidated = this.deps.invalidated ? await this.deps.invalidated([stationId], from, to) : undefined
    const counts = await this.deps.store.completenessCounts({ stationIds: [stationId], from, to, every: '1h', invalidated })
    return missingHours(station, counts.rows, { from, to, now: this.deps.now(), firstSeen: counts.firstSeen.get(stationId) })
  }
}
