/**
 * Ingest side of station-affine partitioning: accepted readings and status announcements (already
 * durable in this node's spool) are forwarded, QoS 1, to `part/<partitionOf(station)>`, where the
 * one node owning that partition runs the station's rules.
 *
 * Entries are batched per partition within one event-loop turn (no added latency when idle, far
 * fewer MQTT messages under load: mqtt.js hands a socket read's worth of messages over in one
 * turn) and split so no message exceeds `maxBytes` (the broker's packet limit).
 */
import type { Reading } from '../../../shared/src/domain/reading'
import type { Station } from '../../../shared/src/domain/station'
import type { InternalTopics } from '../../../shared/src/protocol/cluster/internal-topics'
import type { PartitionMessage } from '../../../shared/src/protocol/cluster/messages'
import { partitionOf } from '../../../shared/src/protocol/cluster/partition'

/** Topics, partition count and the ingest connection's publish. */
export interface PartitionForwarderOptions {
  topics: InternalTopics
  partitions: number
  /** Publish through the ingest connection (mqtt.js queues while offline). */
  publish: (topic: string, payload: string, qos: 0 | 1) => void
  /** Largest payload (default 256 KiB, well under mosquitto's 1 MiB max_packet_size). */
  maxBytes?: number
}

/**
 * Forwards accepted data to the partitions' owners.
 * @example
 * ingest.on('readings', (station, readings) => forwarder.readings(station, readings))
 */
export class PartitionForwarder {
  readonly stats = { messages: 0, entries: 0, readings: 0 }
  /** Serialized entries per partition, waiting for the end of the turn. */
  private readonly pending = new Map<number, string[]>()
  private scheduled = false

  constructor(private readonly o: PartitionForwarderOptions) {}

  readings(station: Pick<Station, 'id'>, readings: readonly Reading[]): void {
    if (readings.length === 0) return
    this.stats.readings += readings.length
    // A big batch (backfill) is split so each entry stays far below maxBytes.
    const step = 500
    for (let i = 0; i < readings.length; i += step)
      this.add(station.id, { t: 'readings', stationId: station.id, readings: readings.slice(i, i + step) })
  }

  status(station: Pick<Station, 'id'>, status: 'online' | 'offline'): void {
    this.add(station.id, { t: 'status', stationId: station.id, status })
  }

  /** Publish everything pending now. */
  flush(): void {
    this.scheduled = false
    const max = this.o.maxBytes ?? 256 * 1024
    for (const [p, entries] of this.pending) {
      let parts: string[] = []
      let bytes = 2
      for (const e of entries) {
        if (parts.length > 0 && bytes + e.length + 1 > max) {
          this.send(p, parts)
          parts = []
          bytes = 2
        }
        parts.push(e)
        bytes += e.length + 1
      }
      if (parts.length) this.send(p, parts)
    }
    this.pending.clear()
  }

  private add(stationId: string, m: PartitionMessage): void {
    const p = partitionOf(stationId, this.o.partitions)
    let list = this.pending.get(p)
    if (!list) this.pending.set(p, (list = []))
    list.push(JSON.stringify(m))
    this.stats.entries++
    if (!this.scheduled) {
      this.scheduled = true
      setImmediate(() => this.flush())
    }
  }

  private send(p: number, parts: string[]): void {
    this.stats.messages++
    this.o.publish(this.o.topics.partition(p), `[${parts.join(',')}]`, 1)
  }
}
