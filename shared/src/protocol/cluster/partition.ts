/**
 * Station-affine partitioning (issue 7, scale-out): every station belongs to one of `partitions`
 * partitions by a stable hash of its id, and every partition to one ingest node (index mod count).
 * So each station's rules (standards windows, alert book, liveness) run in exactly one place while
 * the readings themselves are spread over all ingest nodes by the broker's shared subscription.
 *
 * The hash is FNV-1a (32 bit) over the id's UTF-16 code units: stable across processes, versions
 * and platforms (it must never change: a changed hash would move every station at once).
 */

/** FNV-1a, 32 bit. */
export function stationHash(stationId: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < stationId.length; i++) {
    h ^= stationId.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

/**
 * The partition of a station.
 * @example
 * partitionOf('DG-AIR-01', 16) // always the same number in 0..15
 */
export function partitionOf(stationId: string, partitions: number): number {
  return stationHash(stationId) % partitions
}

/** Static ownership: which node of `count` owns each partition (p ≡ index mod count). */
export interface Ownership {
  partitions: number
  index: number
  count: number
}

/** Check an ownership plan; throws `invalid <name>: <value>` naming the setting. */
export function checkOwnership(o: Ownership): Ownership {
  if (!Number.isSafeInteger(o.partitions) || o.partitions < 1 || o.partitions > 1024)
    throw new Error(`invalid PARTITIONS: ${o.partitions} (1..1024)`)
  if (!Number.isSafeInteger(o.count) || o.count < 1 || o.count > o.partitions)
    throw new Error(`invalid INGEST_COUNT: ${o.count} (1..PARTITIONS=${o.partitions})`)
  if (!Number.isSafeInteger(o.index) || o.index < 0 || o.index >= o.count)
    throw new Error(`invalid INGEST_INDEX: ${o.index} (0..INGEST_COUNT-1=${o.count - 1})`)
  return o
}

/** The partitions a node owns, ascending. */
export function ownedPartitions(o: Ownership): number[] {
  const out: number[] = []
  for (let p = o.index; p < o.partitions; p += o.count) out.push(p)
  return out
}

/** Whether the node owns a station's rules. */
export function ownsStation(o: Ownership, stationId: string): boolean {
  return partitionOf(stationId, o.partitions) % o.count === o.index
}
