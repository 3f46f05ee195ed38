/**
 * The publisher's message set for the ingest runs: generated once with the simulator's timer-free
 * generator (simulator/src/generate.ts) and cached in a flat binary file, so every broker variant
 * publishes exactly the same bytes and the generator's cost stays out of the measurement.
 * Format: repeated [u16 topic length][topic utf8][u32 payload length][payload].
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import type { Protocol } from '../../simulator/src/output/encoders'
import { generateReadings } from '../../simulator/src/generate'
import { demoStations } from '../../simulator/src/select-stations'

export interface MessageSetSpec {
  stations: number
  seed: number
  startTs: number
  count: number
  protocol: Protocol
}

export interface MessageSet {
  topics: string[]
  payloads: Buffer[]
  bytes: number
}

/** Load the cached set or generate (and cache) it. */
export function loadOrGenerate(file: string, spec: MessageSetSpec): MessageSet {
  if (existsSync(file)) return decodeSet(readFileSync(file))
  const topics: string[] = []
  const payloads: Buffer[] = []
  let bytes = 0
  for (const m of generateReadings(demoStations(spec.stations, spec.seed), spec.startTs, spec.count, spec.seed, {
    protocol: spec.protocol,
  })) {
    topics.push(m.topic)
    payloads.push(m.payload)
    bytes += m.payload.byteLength
  }
  const set = { topics, payloads, bytes }
  writeFileSync(file + '.tmp', encodeSet(set))
  renameSync(file + '.tmp', file)
  return set
}

function encodeSet(set: MessageSet): Buffer {
  const parts: Buffer[] = []
  for (let i = 0; i < set.topics.length; i++) {
    const t = Buffer.from(set.topics[i]!, 'utf8')
    const h = Buffer.allocUnsafe(2)
    h.writeUInt16LE(t.byteLength)
    const l = Buffer.allocUnsafe(4)
    l.writeUInt32LE(set.payloads[i]!.byteLength)
    parts.push(h, t, l, set.payloads[i]!)
  }
  return Buffer.concat(parts)
}

function decodeSet(buf: Buffer): MessageSet {
  const topics: string[] = []
  const payloads: Buffer[] = []
  let bytes = 0
  let o = 0
  while (o < buf.byteLength) {
    const tl = buf.readUInt16LE(o)
    o += 2
    topics.push(buf.toString('utf8', o, o + tl))
    o += tl
    const pl = buf.readUInt32LE(o)
    o += 4
    payloads.push(buf.subarray(o, o + pl))
    bytes += pl
    o += pl
  }
  return { topics, payloads, bytes }
}
