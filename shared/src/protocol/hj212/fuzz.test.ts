/**
 * Seeded fuzz: parseFrame and FrameSplitter never throw, whatever the input, and the splitter
 * accounts for every byte (frames + garbage + buffered = bytes pushed) within its memory bound.
 */
import { describe, expect, it } from 'vitest'
import type { RejectReason } from '../../domain/reading'
import { hj212Crc } from './crc'
import { buildDataUpload } from './encode'
import { parseFrame } from './parse'
import { FrameSplitter } from './splitter'
import { STANDARD_EXAMPLE, VENDOR_AIR, WATER_2005, seededRandom } from './test-fixtures'

const utf8 = new TextEncoder()
const PARSE_REASONS: ReadonlySet<RejectReason> = new Set(['hj212-crc', 'hj212-length', 'hj212-format', 'too-large'])

const SEEDS = [
  STANDARD_EXAMPLE,
  WATER_2005,
  VENDOR_AIR,
  ...buildDataUpload({ cn: '2061', qn: '20261124080005123', st: '22', pw: '123456', mn: 'DG0001', dataTime: Date.parse('2026-11-24T08:00:00+08:00'), ackRequired: true, maxDataLength: 200, factors: { a34004: { Avg: 35, Min: 1, Max: 50, Flag: 'N' }, a21026: { Avg: 5, Flag: 'D' }, a05024: { Avg: 120 } } }),
].map((f) => utf8.encode(f))

function randomBytes(rand: () => number, n: number): Uint8Array {
  const b = new Uint8Array(n)
  for (let i = 0; i < n; i++) b[i] = rand() < 0.3 ? '#0123456789;=,&-\r\nCPQNST'.charCodeAt(Math.floor(rand() * 25)) : Math.floor(rand() * 256)
  return b
}

/** A seed frame with 1-4 random edits: flip, insert, delete, truncate or duplicate a slice. */
function mutate(rand: () => number, seed: Uint8Array): Uint8Array {
  let b = Array.from(seed)
  const edits = 1 + Math.floor(rand() * 4)
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (b.length + 1))
    const op = Math.floor(rand() * 5)
    if (op === 0 && b.length > 0) b[Math.min(at, b.length - 1)] = Math.floor(rand() * 256)
    else if (op === 1) b.splice(at, 0, ...randomBytes(rand, 1 + Math.floor(rand() * 8)))
    else if (op === 2) b.splice(at, 1 + Math.floor(rand() * 8))
    else if (op === 3) b = b.slice(0, at)
    else b.splice(at, 0, ...b.slice(Math.floor(rand() * b.length), Math.floor(rand() * b.length)))
  }
  return Uint8Array.from(b)
}

describe('fuzz: parseFrame', () => {
  it.each([[1], [2], [3]])('never throws on 2,000 random and mutated inputs (seed %i)', (seed) => {
    const rand = seededRandom(seed)
    for (let i = 0; i < 2000; i++) {
      const input = i % 2 === 0 ? randomBytes(rand, Math.floor(rand() * 300)) : mutate(rand, SEEDS[i % SEEDS.length]!)
      const asText = i % 4 === 1
      let r: ReturnType<typeof parseFrame> | undefined
      expect(() => {
        r = parseFrame(asText ? new TextDecoder().decode(input) : input)
      }).not.toThrow()
      if (r && !r.ok) expect(PARSE_REASONS.has(r.reason)).toBe(true)
    }
  })

  it('accepts a mutant only when its CRC field matches its data segment', () => {
    const rand = seededRandom(7)
    let accepted = 0
    for (let i = 0; i < 3000; i++) {
      const input = mutate(rand, SEEDS[i % SEEDS.length]!)
      if (!parseFrame(input).ok) continue
      accepted++
      const crcField = Number.parseInt(new TextDecoder().decode(input.subarray(input.length - 6, input.length - 2)), 16)
      expect(hj212Crc(input, 6, input.length - 6)).toBe(crcField)
    }
    expect(accepted).toBeLessThan(3000)
  })

  it('rejects a huge input quickly and without throwing', () => {
    expect(parseFrame('#'.repeat(5_000_000))).toMatchObject({ ok: false, reason: 'too-large' })
    expect(parseFrame(new Uint8Array(5_000_000))).toMatchObject({ ok: false, reason: 'too-large' })
  })
})

describe('fuzz: FrameSplitter', () => {
  it.each([[11], [12], [13]])('accounts for every byte and stays bounded over a noisy stream (seed %i)', (seed) => {
    const rand = seededRandom(seed)
    const max = 512
    const s = new FrameSplitter({ maxFrameBytes: max })
    let pushed = 0
    let emitted = 0
    let frames = 0
    for (let i = 0; i < 1500; i++) {
      const pick = rand()
      const piece = pick < 0.5 ? SEEDS[i % SEEDS.length]! : pick < 0.75 ? mutate(rand, SEEDS[i % SEEDS.length]!) : randomBytes(rand, Math.floor(rand() * 200))
      // Deliver the piece in random-sized chunks.
      for (let at = 0; at < piece.length; ) {
        const n = 1 + Math.floor(rand() * 64)
        const chunk = piece.subarray(at, at + n)
        at += n
        pushed += chunk.length
        let r: ReturnType<FrameSplitter['push']> | undefined
        expect(() => {
          r = s.push(chunk)
        }).not.toThrow()
        for (const f of r!.frames) emitted += utf8.encode(f).length
        for (const g of r!.garbage) emitted += g.bytes.length
        frames += r!.frames.length
        expect(s.buffered).toBeLessThan(max)
      }
    }
    expect(emitted + s.buffered).toBe(pushed)
    expect(frames).toBeGreaterThan(300)
  })

  it('recovers every intact frame that follows garbage', () => {
    const rand = seededRandom(21)
    const s = new FrameSplitter()
    const got: string[] = []
    for (let i = 0; i < 500; i++) {
      const junk = randomBytes(rand, Math.floor(rand() * 40)).map((b) => (b === 0x23 ? 0x20 : b)) // no '#' in the junk
      got.push(...s.push(junk).frames.filter((f) => f === STANDARD_EXAMPLE))
      got.push(...s.push(utf8.encode(STANDARD_EXAMPLE)).frames)
    }
    expect(got.filter((f) => f === STANDARD_EXAMPLE).length).toBe(500)
  })
})
