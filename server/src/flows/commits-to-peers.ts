/**
 * Store commits → metrics and the server nodes (a cluster ingest node): a committed batch is timed
 * for `/metrics`, and the station-days it touched are published on the internal `stored` topic so
 * the server nodes' targets boards drop their cached figures; a failed write is counted.
 */
import type { EventEmitter } from 'node:events'
import { cstDay } from '../../../shared/src/standards/time'
import type { StationKind } from '../../../shared/src/domain/station'
import type { Metrics } from '../http/prometheus'
import type { IngestStackEvents } from '../compose/ingest-stack'

export interface CommitsToPeersDeps {
  stack: Pick<EventEmitter<IngestStackEvents>, 'on'>
  metrics: Pick<Metrics, 'writeLatency' | 'writeFailures'>
  /** Publish on the internal `stored` topic (QoS 1). */
  publishStored: (payload: string) => void
}

export function wireCommitsToPeers(d: CommitsToPeersDeps): void {
  d.stack.on('committed', (readings, sec) => {
    d.metrics.writeLatency.observe(sec)
    const days = new Map<string, [string, StationKind, number]>()
    for (const r of readings) {
      const k = `${r.stationId}|${cstDay(r.ts)}`
      if (!days.has(k)) days.set(k, [r.stationId, r.kind, r.ts])
    }
    d.publishStored(JSON.stringify({ items: [...days.values()] }))
  })
  d.stack.on('write-failed', () => d.metrics.writeFailures.inc())
}
