import { describe, expect, it } from 'vitest'
import type { Reading } from '../../../shared/src/domain/reading'
import { internalTopics } from '../../../shared/src/protocol/cluster/internal-topics'
import { decodePartitionBatch } from '../../../shared/src/protocol/cluster/messages'
import { partitionOf } from '../../../shared/src/protocol/cluster/partition'
import { PartitionForwarder } from './partition-forwarder'

const topics = internalTopics('envmon')
const reading = (stationId: string, ts: number): Reading => ({ stationId, kind: 'air', ts, values: { pm25: 10 } })

function setup(maxBytes?: number) {
  const out: { topic: string; payload: string; qos: number }[] = []
  const f = new PartitionForwarder({
    topics,
    partitions: 16,
    publish: (topic, payload, qos) => out.push({ topic, payload, qos }),
    maxBytes,
  })
  return { f, out }
}

describe('PartitionForwarder', () => {
  it('sends a station’s readings and status, in order, QoS 1, to its partition', () => {
    const { f, out } = setup()
    f.readings({ id: 'DG-AIR-01' }, [reading('DG-AIR-01', 1)])
    f.status({ id: 'DG-AIR-01' }, 'offline')
    f.flush()
    expect(out).toHaveLength(1)
    expect(out[0]).toMatchObject({ topic: topics.partition(partitionOf('DG-AIR-01', 16)), qos: 1 })
    expect(decodePartitionBatch(Buffer.from(out[0]!.payload))?.entries.map((e) => e.t)).toEqual(['readings', 'status'])
  })

  it('batches one turn’s entries per partition and sends them at the end of the turn', async () => {
    const { f, out } = setup()
    const ids = Array.from({ length: 40 }, (_, i) => `ST-${i}`)
    for (const id of ids) f.readings({ id }, [reading(id, 1)])
    expect(out).toHaveLength(0)
    await new Promise((r) => setImmediate(r))
    const partitions = new Set(ids.map((id) => partitionOf(id, 16)))
    expect(out).toHaveLength(partitions.size)
    expect(out.flatMap((m) => decodePartitionBatch(Buffer.from(m.payload))!.entries.map((e) => e.stationId)).sort()).toEqual(
      [...ids].sort(),
    )
  })

  it('splits a partition’s batch so no message exceeds maxBytes', () => {
    const { f, out } = setup(2000)
    for (let i = 0; i < 200; i++) f.readings({ id: 'DG-AIR-01' }, [reading('DG-AIR-01', i)])
    f.flush()
    expect(out.length).toBeGreaterThan(1)
    for (const m of out) expect(Buffer.byteLength(m.payload)).toBeLessThanOrEqual(2000)
    expect(out.flatMap((m) => decodePartitionBatch(Buffer.from(m.payload))!.entries)).toHaveLength(200)
  })
})
