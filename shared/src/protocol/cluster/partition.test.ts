import { describe, expect, it } from 'vitest'
import { checkOwnership, ownedPartitions, ownsStation, partitionOf, stationHash } from './partition'

describe('partitioning', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('stationHash(%j) is the FNV-1a 32-bit reference value', (id, h) => {
    expect(stationHash(id)).toBe(h)
  })

  it('puts a station in the same partition every time, within range', () => {
    for (const id of ['DG-AIR-01', 'DG-WW-03', 'x']) {
      const p = partitionOf(id, 16)
      expect(p).toBeGreaterThanOrEqual(0)
      expect(p).toBeLessThan(16)
      expect(partitionOf(id, 16)).toBe(p)
    }
  })

  it('gives every partition to exactly one node', () => {
    const count = 3
    const owned = [0, 1, 2].flatMap((index) => ownedPartitions({ partitions: 16, index, count }))
    expect(owned.sort((a, b) => a - b)).toEqual([...Array(16).keys()])
  })

  it('makes exactly one node own each station', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `ST-${i}`)
    for (const id of ids) expect([0, 1].filter((index) => ownsStation({ partitions: 16, index, count: 2 }, id))).toHaveLength(1)
  })

  it.each([
    [{ partitions: 0, index: 0, count: 1 }, 'invalid PARTITIONS: 0'],
    [{ partitions: 4, index: 0, count: 5 }, 'invalid INGEST_COUNT: 5'],
    [{ partitions: 16, index: 2, count: 2 }, 'invalid INGEST_INDEX: 2'],
  ])('rejects %j naming the setting', (o, msg) => {
    expect(() => checkOwnership(o)).toThrow(msg)
  })
})
