/**
 * Store commits → metrics and the targets board (one process): a committed batch is timed for
 * `/metrics` and drops the targets board's cached station-days it touched; a failed write is
 * counted (the data stays in the spool and is retried).
 */
import type { EventEmitter } from 'node:events'
import type { Metrics } from '../http/prometheus'
import type { TargetsService } from '../targets/targets-service'
import type { IngestStackEvents } from '../compose/ingest-stack'

export interface CommitsDeps {
  stack: Pick<EventEmitter<IngestStackEvents>, 'on'>
  metrics: Pick<Metrics, 'writeLatency' | 'writeFailures'>
  targets: Pick<TargetsService, 'stored'>
}

export function wireCommits(d: CommitsDeps): void {
  d.stack.on('committed', (readings, sec) => {
    d.metrics.writeLatency.observe(sec)
    d.targets.stored(readings)
  })
  d.stack.on('write-failed', () => d.metrics.writeFailures.inc())
}
