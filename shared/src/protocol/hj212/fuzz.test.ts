/**
 * Property-based fuzzing of the HJ 212 codec with fast-check (issue 15): the splitter and the
 * parser are total (no throw, no hang, every input accepted or rejected with a reason), the
 * splitter accounts for every byte within its memory bound, and the codec round-trips: frames
 * built by the encoder parse back to the same fields and readings, and a stream of valid frames
 * with garbage between them, cut at arbitrary chunk boundaries, splits back into the same frames.
 *
 * Runs are bounded (numRuns) to finish in a few seconds; a failure prints its seed and a shrunk
 * counterexample (`fc.assert(…, { seed, path })` replays it).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HJ212_FACTOR_CODES } from '../../domain/metric-catalog'
import type { DataFlag, RejectReason } from '../../domain/reading'
import { DATA_FLAGS } from '../../domain/reading'
import { arcCrc, crcVariantOf, formatCrc, hj212Crc, modbusCrc } from './crc'
import { decodeHj212Payload, parseHj212Payload, splitHj212Payload } from './decode-payload'
import { buildDataUpload, encodeFrame, formatHj212Number, type Hj212FrameFields } from './encode'
import { formatDataTime } from './time'
import { FIELD_PATTERNS } from './packet'
import { parseFrame, HJ212_MAX_FRAME_BYTES } from './parse'
import { FrameSplitter, type GarbageReason } from './splitter'
import { STANDARD_EXAMPLE, WATER_2005, VENDOR_AIR } from './test-fixtures'

const utf8 = new TextEncoder()
/** A generous bound per input: a hang or catastrophic backtracking takes far longer. */
const MAX_MS_PER_INPUT = 250
const PARSE_REASONS: ReadonlySet<RejectReason> = new Set(['hj212-crc', 'hj212-length', 'hj212-format', 'too-large'])
const DECODE_REASONS: ReadonlySet<RejectReason> = new Set([
  ...PARSE_REASONS,
  'invalid-utf8',
  'unauthorized',
  'schema',
  'non-finite',
  'bad-timestamp',
  'ts-future',
  'ts-too-old',
])
const GARBAGE_REASONS: ReadonlySet<GarbageReason> = new Set([
  'no-header',
  'bad-length-field',
  'truncated',
  'oversized',
  'invalid-utf8',
  'incomplete',
])
/** 2026-11-24 08:00:00 +08:00, the "now" of acceptance windows. */
const NOW = Date.parse('2026-11-24T08:00:00+08:00')

/** Run `f`, failing if it takes longer than {@link MAX_MS_PER_INPUT}. */
function timed<T>(f: () => T): T {
  const t0 = performance.now()
  const r = f()
  const ms = performance.now() - t0
  if (ms > MAX_MS_PER_INPUT) throw new Error(`took ${ms.toFixed(0)} ms (bound ${MAX_MS_PER_INPUT} ms)`)
  return r
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

/** Printable ASCII for the password, without `#` (see the note at the splitter round trip). */
const pw = fc.stringMatching(/^[\x21\x22\x24\x25\x27-\x2b\x2d-\x3a\x3c\x3e-\x7e]{0,32}$/)
const mn = fc.stringMatching(FIELD_PATTERNS.mn)
const st = fc.stringMatching(FIELD_PATTERNS.st)
const qn = fc.stringMatching(FIELD_PATTERNS.qn)
const flag = fc.constantFrom<DataFlag>(...DATA_FLAGS)
/** Whole seconds (DataTime has second resolution) in the year before NOW. */
const dataTime = fc.integer({ min: (NOW - 365 * 86_400_000) / 1000, max: NOW / 1000 }).map((s) => s * 1000)
/**
 * A finite value as loggers write it: no exponent (HJ 212 defines none; the encoder prints tiny
 * magnitudes in fixed notation, which is not exact below 1e-6), -0 written as 0.
 */
const value = fc
  .oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.double({ min: -1e12, max: 1e12, noNaN: true }))
  .filter((v) => !/e/i.test(String(v)))
  .map((v) => (Object.is(v, -0) ? 0 : v))

/** Arbitrary but well-formed frame fields; the CP body need not parse (the splitter does not care). */
const frameFields: fc.Arbitrary<Hj212FrameFields> = fc.record(
  {
    qn,
    st,
    cn: fc.stringMatching(FIELD_PATTERNS.cn),
    pw,
    mn,
    flag: fc.integer({ min: 0, max: 255 }),
    // No CR/LF, control characters or `&&` (encodeFrame refuses them), no `#` (see below); any other text, CJK included.
    cp: fc
      .string({ unit: fc.oneof(fc.constantFrom(...'0123456789;=,&-.abcXYZ'), fc.constantFrom(...'站点测试µ°')), maxLength: 200 })
      .filter((s) => !s.includes('&&') && !s.endsWith('&')),
  },
  { requiredKeys: ['st', 'cn', 'pw', 'mn', 'cp'] },
)
const validFrame = fc.oneof(frameFields.map(encodeFrame), fc.constantFrom(STANDARD_EXAMPLE, WATER_2005))

/**
 * Issue 12: a valid frame re-framed the way deviating loggers write it: its CRC as swapped MODBUS
 * or ARC, ended by CRLF, LF alone or nothing. The length is exact, so each still parses.
 */
const tolerantFrame = fc
  .tuple(frameFields.map(encodeFrame), fc.constantFrom('appendix-a', 'modbus-swapped', 'arc'), fc.constantFrom('\r\n', '\n', ''))
  .map(([frame, crc, lineEnd]) => {
    const data = utf8.encode(frame.slice(6, -6))
    const m = modbusCrc(data)
    const value = crc === 'appendix-a' ? hj212Crc(data) : crc === 'arc' ? arcCrc(data) : ((m & 0xff) << 8) | (m >> 8)
    return `${frame.slice(0, -6)}${formatCrc(value)}${lineEnd}`
  })

/** A seed frame with 1-4 random edits: overwrite, insert, delete, truncate or duplicate a slice. */
const mutatedFrame = fc
  .tuple(
    fc.oneof(validFrame, fc.constant(VENDOR_AIR)),
    fc.array(fc.tuple(fc.nat(4), fc.nat(), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 })), { minLength: 1, maxLength: 4 }),
  )
  .map(([frame, edits]) => {
    let b = Array.from(utf8.encode(frame))
    for (const [op, p, q, bytes] of edits) {
      const at = p % (b.length + 1)
      if (op === 0 && b.length > 0) b[Math.min(at, b.length - 1)] = bytes[0]!
      else if (op === 1) b.splice(at, 0, ...bytes)
      else if (op === 2) b.splice(at, 1 + (q % 8))
      else if (op === 3) b = b.slice(0, at)
      else b.splice(at, 0, ...b.slice(q % (b.length + 1), (q % (b.length + 1)) + (p % 40)))
    }
    return Uint8Array.from(b)
  })

/** Random bytes, biased to the protocol's own characters so they get past the first checks. */
const noisyBytes = fc
  .uint8Array({ maxLength: 400 })
  .chain((b) =>
    fc
      .array(fc.constantFrom(...utf8.encode('#0123456789;=,&-\r\nCPQNSTABCDEF')), { minLength: b.length, maxLength: b.length })
      .chain((proto) =>
        fc
          .array(fc.boolean(), { minLength: b.length, maxLength: b.length })
          .map((pick) => Uint8Array.from(b, (x, i) => (pick[i] ? proto[i]! : x))),
      ),
  )
/** Around the parser's size limit: `##` then a repeated pattern. */
const nearLimit = fc
  .tuple(fc.integer({ min: HJ212_MAX_FRAME_BYTES - 50, max: HJ212_MAX_FRAME_BYTES + 50 }), fc.uint8Array({ minLength: 1, maxLength: 16 }))
  .map(([n, pattern]) => {
    const b = Uint8Array.from({ length: n }, (_, i) => pattern[i % pattern.length]!)
    b.set([0x23, 0x23])
    return b
  })
const anyFrameInput = fc.oneof(
  noisyBytes,
  mutatedFrame,
  validFrame.map((f) => utf8.encode(f)),
  fc.uint8Array({ maxLength: 2000 }),
  nearLimit,
)

/** Garbage between frames: any bytes but `#`, so it cannot start a header. */
const garbage = fc.uint8Array({ maxLength: 60 }).map((b) => b.map((x) => (x === 0x23 ? 0x20 : x)))

// ---------------------------------------------------------------------------------------------

describe('fuzz: parseFrame is total', () => {
  it('any bytes or text: a packet, or a rejection with a parser reason and a message, in bounded time', () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(anyFrameInput, fc.boolean(), (bytes, asText) => {
        const r = timed(() => parseFrame(asText ? new TextDecoder().decode(bytes) : bytes))
        seen.add(r.ok ? 'ok' : r.reason)
        if (!r.ok) {
          expect(PARSE_REASONS.has(r.reason)).toBe(true)
          expect(r.message.length).toBeGreaterThan(0)
        }
      }),
      { numRuns: 3000 },
    )
    // The inputs reached every outcome, not only the first checks.
    expect([...seen].sort()).toEqual(['hj212-crc', 'hj212-format', 'hj212-length', 'ok', 'too-large'])
  })

  it('accepts a frame only when its CRC field matches its data segment under a known variant', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          mutatedFrame,
          tolerantFrame.map((f) => utf8.encode(f)),
        ),
        (bytes) => {
          const r = parseFrame(bytes)
          if (!r.ok) return
          // The CRC ends before CRLF, before a lone LF (lf-only) or at the end (no-line-end).
          const end = r.value.deviations.includes('no-line-end')
            ? bytes.length
            : r.value.deviations.includes('lf-only')
              ? bytes.length - 1
              : bytes.length - 2
          const crcField = Number.parseInt(new TextDecoder().decode(bytes.subarray(end - 4, end)), 16)
          const variant = crcVariantOf(bytes, 6, end - 4, crcField)
          expect(variant).toBeDefined()
          // A variant other than Appendix A is always recorded.
          if (variant !== 'appendix-a') expect(r.value.deviations).toContain(variant === 'arc' ? 'crc-arc' : 'crc-modbus-swapped')
          else expect(hj212Crc(bytes, 6, end - 4)).toBe(crcField)
        },
      ),
      { numRuns: 3000 },
    )
  })

  it('rejects a huge input quickly and without throwing', () => {
    expect(timed(() => parseFrame('#'.repeat(5_000_000)))).toMatchObject({ ok: false, reason: 'too-large' })
    expect(timed(() => parseFrame(new Uint8Array(5_000_000)))).toMatchObject({ ok: false, reason: 'too-large' })
  })
})

describe('fuzz: round trips through the encoder', () => {
  it('encodeFrame then parseFrame gives back every header field and the CP body', () => {
    const cpFields = fc.array(fc.tuple(fc.stringMatching(FIELD_PATTERNS.cpName), fc.stringMatching(/^[0-9A-Za-z.:+-]{0,12}$/)), {
      maxLength: 6,
    })
    fc.assert(
      fc.property(frameFields, cpFields, (fields, params) => {
        // A CP body parseCp accepts: distinct parameter names, no DataTime (it would need a real time).
        const names = new Set<string>()
        const cp = params
          .filter(([n]) => n !== 'DataTime' && !n.includes('-') && !names.has(n) && names.add(n))
          .map(([n, v]) => `${n}=${v}`)
          .join(';')
        // Flag bit 1 (D, split) would need PNUM/PNO: this is one whole packet.
        const f = { ...fields, cp, cn: '1062', ...(fields.flag === undefined ? {} : { flag: fields.flag & ~2 }) }
        const r = parseFrame(encodeFrame(f))
        expect(r.ok).toBe(true)
        if (!r.ok) return
        const deviations = [...(f.qn === undefined ? ['missing-qn'] : []), ...(f.flag === undefined ? ['missing-flag'] : [])]
        expect(r.value).toMatchObject({ st: f.st, cn: '1062', pw: f.pw, mn: f.mn, cp, deviations })
        expect(r.value.qn).toBe(f.qn)
        expect(r.value.flag.raw).toBe(f.flag)
        expect(r.value.params).toEqual(Object.fromEntries(cp === '' ? [] : cp.split(';').map((f) => f.split('=') as [string, string])))
      }),
      { numRuns: 500 },
    )
  })

  /** A reading of an air or water station in factor codes the codec maps back to its keys. */
  const readingUpload = fc.constantFrom('air' as const, 'water' as const).chain((kind) => {
    const codes = Object.keys(HJ212_FACTOR_CODES).filter((c) => c.startsWith(kind === 'air' ? 'a' : 'w'))
    return fc.record({
      kind: fc.constant(kind),
      cn: fc.constantFrom('2011' as const, '2051' as const, '2061' as const, '2031' as const),
      qn,
      st,
      pw,
      mn,
      dataTime,
      ackRequired: fc.boolean(),
      maxDataLength: fc.integer({ min: 300, max: 1024 }),
      factors: fc.dictionary(fc.constantFrom(...codes), fc.record({ v: value, flag: fc.option(flag, { nil: undefined }) }), {
        minKeys: 1,
        maxKeys: codes.length,
      }),
    })
  })

  it('a data upload (split into PNUM packets or not) decodes to the reading it encodes', () => {
    let split = 0
    fc.assert(
      fc.property(readingUpload, (u) => {
        const factors = Object.fromEntries(
          Object.entries(u.factors).map(([code, { v, flag: f }]) => [
            code,
            u.cn === '2011' ? { Rtd: v, Flag: f } : { Avg: v, Min: v, Max: v, Flag: f },
          ]),
        )
        const frames = buildDataUpload({ ...u, factors } as Parameters<typeof buildDataUpload>[0])
        for (const f of frames) expect(utf8.encode(f).length).toBeLessThanOrEqual(u.maxDataLength + 12)
        if (frames.length > 1) split++
        const r = decodeHj212Payload(utf8.encode(frames.join('')), { id: 'DG-X', kind: u.kind, mn: u.mn }, NOW)
        expect(r.ok).toBe(true)
        if (!r.ok) return
        expect(r.value.rejected).toEqual([])
        expect(r.value.readings.length).toBe(frames.length)
        const values: Record<string, number> = {}
        const flags: Record<string, DataFlag> = {}
        for (const reading of r.value.readings) {
          expect(reading).toMatchObject({ stationId: 'DG-X', kind: u.kind, ts: u.dataTime })
          Object.assign(values, reading.values)
          Object.assign(flags, reading.flags ?? {})
        }
        const want = Object.entries(u.factors)
        expect(values).toEqual(Object.fromEntries(want.map(([code, { v }]) => [HJ212_FACTOR_CODES[code]!, v])))
        expect(flags).toEqual(
          Object.fromEntries(want.filter(([, x]) => x.flag !== undefined).map(([code, x]) => [HJ212_FACTOR_CODES[code]!, x.flag])),
        )
      }),
      { numRuns: 400 },
    )
    expect(split).toBeGreaterThan(0)
  })
})

describe('fuzz: tolerant paths (issue 12)', () => {
  const upload = fc.record({
    mn,
    qn,
    dataTime,
    crc: fc.constantFrom('appendix-a' as const, 'modbus-swapped' as const, 'arc' as const),
    lineEnd: fc.constantFrom('\r\n', '\n', ''),
    lowerFlags: fc.boolean(),
    ms: fc.boolean(),
    pm25: value,
    junk: fc.option(fc.constantFrom('LA-Rtd-Rtd=50.1', 'a34002-Rtd=n/a', 'x', '=5'), { nil: undefined }),
  })

  it('a data upload in any tolerated style decodes to the reading of a conforming one, with its deviations recorded', () => {
    fc.assert(
      fc.property(upload, (u) => {
        const flag = u.lowerFlags ? 'n' : 'N'
        const time = formatDataTime(u.dataTime) + (u.ms ? '123' : '')
        const data = `QN=${u.qn};ST=22;CN=2011;PW=123456;MN=${u.mn};Flag=4;CP=&&DataTime=${time};a34004-Rtd=${formatHj212Number(u.pm25)},a34004-Flag=${flag}${u.junk ? `;${u.junk}` : ''}&&`
        const b = utf8.encode(data)
        const m = modbusCrc(b)
        const crc = u.crc === 'appendix-a' ? hj212Crc(b) : u.crc === 'arc' ? arcCrc(b) : ((m & 0xff) << 8) | (m >> 8)
        const frame = `##${String(b.length).padStart(4, '0')}${data}${formatCrc(crc)}${u.lineEnd}`
        const r = decodeHj212Payload(utf8.encode(frame), { id: 'DG-X', kind: 'air', mn: u.mn }, NOW)
        expect(r.ok).toBe(true)
        if (!r.ok) return
        expect(r.value.readings).toEqual([
          { stationId: 'DG-X', kind: 'air', ts: u.dataTime, values: { pm25: u.pm25 }, flags: { pm25: 'N' } },
        ])
        const want = [
          ...(u.crc === 'arc' ? ['crc-arc'] : u.crc === 'modbus-swapped' ? ['crc-modbus-swapped'] : []),
          ...(u.lineEnd === '\n' ? ['lf-only'] : u.lineEnd === '' ? ['no-line-end'] : []),
          ...(u.lowerFlags ? ['flag-lowercase'] : []),
          ...(u.junk ? ['malformed-field'] : []),
          ...(u.ms ? ['datatime-ms'] : []),
        ]
        expect([...r.value.packets[0]!.deviations].sort()).toEqual(want.sort())
      }),
      { numRuns: 400 },
    )
  })
})

describe('fuzz: FrameSplitter', () => {
  /** Cut `bytes` at the given positions (taken modulo its length). */
  function chunksOf(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
    const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
    const out: Uint8Array[] = []
    let prev = 0
    for (const c of [...at, bytes.length]) {
      out.push(bytes.subarray(prev, c))
      prev = c
    }
    return out
  }

  // Frames whose PW or CP holds `##` are left out: cut mid-frame, the splitter takes that `##` for
  // the next header and drops the first part as `truncated` (reported in issue 15's hand-back).
  it('valid frames with garbage between them, cut anywhere, split back into exactly those frames', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(garbage, validFrame), { minLength: 1, maxLength: 12 }),
        garbage,
        fc.array(fc.nat(), { maxLength: 40 }),
        (pairs, tail, cuts) => {
          const stream = Buffer.concat([...pairs.flatMap(([g, f]) => [g, utf8.encode(f)]), tail])
          const s = new FrameSplitter()
          const frames: string[] = []
          let garbageBytes = 0
          for (const chunk of chunksOf(stream, cuts)) {
            const r = timed(() => s.push(chunk))
            frames.push(...r.frames)
            for (const g of r.garbage) {
              expect(g.reason).toBe('no-header')
              garbageBytes += g.bytes.length
            }
          }
          expect(frames).toEqual(pairs.map(([, f]) => f))
          expect(s.finish()).toEqual({ frames: [], garbage: [] })
          expect(garbageBytes).toBe(pairs.reduce((n, [g]) => n + g.length, tail.length))
        },
      ),
      { numRuns: 500 },
    )
  })

  /** Issue 12: PW and CP holding `#` and `##`; frames re-framed with another CRC variant and line end. */
  const hashPw = fc.stringMatching(/^[\x21-\x25\x27-\x2b\x2d-\x3a\x3c\x3e-\x7e]{0,32}$/)
  const hashCp = fc
    .string({ unit: fc.constantFrom(...'0123456789;=,-.abc#'), maxLength: 200 })
    .filter((x) => !x.includes('&&') && !x.endsWith('&'))
  const hashFrame = fc.record({ qn, st, cn: fc.stringMatching(FIELD_PATTERNS.cn), pw: hashPw, mn, cp: hashCp }).map(encodeFrame)
  const reframed = fc
    .tuple(fc.oneof(hashFrame, validFrame), fc.constantFrom('appendix-a', 'modbus-swapped', 'arc'), fc.constantFrom('\r\n', '\n', ''))
    .map(([frame, crc, lineEnd]) => {
      const data = utf8.encode(frame.slice(6, -6))
      const m = modbusCrc(data)
      const value = crc === 'appendix-a' ? hj212Crc(data) : crc === 'arc' ? arcCrc(data) : ((m & 0xff) << 8) | (m >> 8)
      return `${frame.slice(0, -6)}${formatCrc(value)}${lineEnd}`
    })

  it('frames with ## in PW or CP, any CRC variant, ended by CRLF, LF or nothing, cut anywhere, split back into exactly those frames', () => {
    let withHashes = 0
    fc.assert(
      fc.property(
        fc.array(fc.tuple(garbage, reframed), { minLength: 1, maxLength: 10 }),
        garbage,
        fc.array(fc.nat(), { maxLength: 40 }),
        (pairs, tail, cuts) => {
          // After a frame without a line end, garbage starting with LF or CRLF would be its line end: leave those out.
          const ambiguous = (i: number) => {
            const next = i + 1 < pairs.length ? pairs[i + 1]![0] : tail
            return !pairs[i]![1].endsWith('\n') && (next[0] === 0x0a || (next[0] === 0x0d && (next.length === 1 || next[1] === 0x0a)))
          }
          if (pairs.some((_, i) => ambiguous(i))) return
          if (pairs.some(([, f]) => f.slice(6).includes('##'))) withHashes++
          const stream = Buffer.concat([...pairs.flatMap(([g, f]) => [g, utf8.encode(f)]), tail])
          const s = new FrameSplitter()
          const frames: string[] = []
          for (const chunk of chunksOf(stream, cuts)) {
            const r = timed(() => s.push(chunk))
            frames.push(...r.frames)
            for (const g of r.garbage) expect(g.reason).toBe('no-header')
          }
          frames.push(...s.finish().frames)
          expect(frames).toEqual(pairs.map(([, f]) => f))
        },
      ),
      { numRuns: 500 },
    )
    expect(withHashes).toBeGreaterThan(0)
  })

  it('accounts for every byte of any stream, within its memory bound, in bounded time', () => {
    const piece = fc.oneof(
      validFrame.map((f) => utf8.encode(f)),
      mutatedFrame,
      noisyBytes,
    )
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        fc.integer({ min: 16, max: 2048 }),
        (pieces, cuts, max) => {
          const s = new FrameSplitter({ maxFrameBytes: max })
          const stream = Buffer.concat(pieces)
          let emitted = 0
          const count = (r: { frames: string[]; garbage: { bytes: Uint8Array; reason: GarbageReason }[] }) => {
            for (const f of r.frames) emitted += utf8.encode(f).length
            for (const g of r.garbage) {
              expect(GARBAGE_REASONS.has(g.reason)).toBe(true)
              emitted += g.bytes.length
            }
          }
          for (const chunk of chunksOf(stream, cuts)) {
            count(timed(() => s.push(chunk)))
            expect(s.buffered).toBeLessThan(max)
            expect(emitted + s.lineEndBytesSkipped + s.buffered).toBeLessThanOrEqual(stream.length)
          }
          count(s.finish())
          expect(s.buffered).toBe(0)
          // A frame emitted before its line end arrived (issue 12, the buffer full): that CRLF or LF is skipped, and counted.
          expect(emitted + s.lineEndBytesSkipped).toBe(stream.length)
        },
      ),
      { numRuns: 400 },
    )
  })
})

describe('fuzz: decodeHj212Payload (the MQTT hj212 channel) is total', () => {
  it('any payload: readings, or a rejection with a reason and a message, in bounded time', () => {
    const station = fc.record({
      id: fc.constant('DG-X'),
      kind: fc.constantFrom('air' as const, 'water' as const, 'wastewater' as const, 'energy' as const),
      mn: fc.option(mn, { nil: undefined }),
    })
    fc.assert(
      fc.property(fc.array(anyFrameInput, { maxLength: 5 }), station, (parts, st) => {
        const payload = Buffer.concat(parts)
        if (payload.length > HJ212_MAX_FRAME_BYTES * 4) return
        const r = timed(() => decodeHj212Payload(payload, st, NOW))
        if (!r.ok) {
          expect(DECODE_REASONS.has(r.reason)).toBe(true)
          expect(r.message.length).toBeGreaterThan(0)
          return
        }
        for (const reading of r.value.readings) {
          expect(reading.stationId).toBe('DG-X')
          expect(Object.values(reading.values).every(Number.isFinite)).toBe(true)
        }
        for (const x of r.value.rejected) expect(DECODE_REASONS.has(x.reason)).toBe(true)
      }),
      { numRuns: 1500 },
    )
  })
})

describe('fuzz: parseHj212Payload parses a one-frame payload in place (issue 16)', () => {
  it('gives what the splitter path gives, for one frame, a re-framed one, several or any bytes', () => {
    const payload = fc.oneof(
      anyFrameInput,
      tolerantFrame.map((f) => utf8.encode(f)),
      fc
        .array(
          fc.oneof(
            anyFrameInput,
            tolerantFrame.map((f) => utf8.encode(f)),
          ),
          { minLength: 2, maxLength: 3 },
        )
        .map((p) => Buffer.concat(p)),
    )
    fc.assert(
      fc.property(payload, (bytes) => {
        expect(parseHj212Payload(bytes)).toEqual(splitHj212Payload(bytes))
      }),
      { numRuns: 1500 },
    )
  })
})
