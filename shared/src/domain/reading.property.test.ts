/**
 * Property-based fuzzing of the JSON reading validator with fast-check (issue 15): decodeJson and
 * validateReadingPayload are total (no throw, bounded time, every input accepted or rejected with
 * a reason), what they accept can be walked safely, and a valid reading or batch encoded as JSON
 * is accepted unchanged. Runs are bounded to finish in a few seconds.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_JSON_DEPTH } from './json-depth'
import { METRICS } from './metric-catalog'
import { DATA_FLAGS, DEFAULT_LIMITS, decodeJson, validateReadingPayload, type DataFlag, type Reading, type RejectReason } from './reading'
import { STATION_KINDS, type StationKind } from './station'

const NOW = Date.parse('2026-11-24T08:00:00+08:00')
const MAX_BYTES = 64 * 1024
const MAX_MS_PER_INPUT = 250
const DECODE_REASONS: ReadonlySet<RejectReason> = new Set(['too-large', 'invalid-utf8', 'not-json', 'schema'])
const VALIDATE_REASONS: ReadonlySet<RejectReason> = new Set([
  'schema',
  'non-finite',
  'bad-timestamp',
  'ts-future',
  'ts-too-old',
  'too-large',
])
const utf8 = new TextEncoder()

function timed<T>(f: () => T): T {
  const t0 = performance.now()
  const r = f()
  const ms = performance.now() - t0
  if (ms > MAX_MS_PER_INPUT) throw new Error(`took ${ms.toFixed(0)} ms (bound ${MAX_MS_PER_INPUT} ms)`)
  return r
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const kind = fc.constantFrom<StationKind>(...STATION_KINDS)
const flag = fc.constantFrom<DataFlag>(...DATA_FLAGS)
/** Finite numbers as JSON carries them (-0 is written as 0). */
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v))
/** Within the acceptance window: the retention window back, the 5-minute future tolerance ahead. */
const tsInWindow = fc.integer({ min: NOW - DEFAULT_LIMITS.maxAgeMs + 1000, max: NOW + DEFAULT_LIMITS.maxFutureMs - 1000 })
/** `ts` as the contract allows it: epoch ms, or ISO 8601 with `Z` or a `+08:00` offset. */
const tsField = (ts: number) =>
  fc.constantFrom(ts, new Date(ts).toISOString(), new Date(ts + 8 * 3600_000).toISOString().replace('Z', '+08:00'))

/** A valid reading of a station of `k`: catalog metrics (some unknown ones too), finite values, flags on some. */
const validReading = (k: StationKind) =>
  fc
    .record({
      ts: tsInWindow,
      values: fc.dictionary(
        fc.oneof(fc.constantFrom(...METRICS[k].map((x) => x.key)), fc.stringMatching(/^[A-Za-z0-9_.-]{1,32}$/)),
        finite,
        { minKeys: 1, maxKeys: 12 },
      ),
      flagged: fc.array(fc.tuple(fc.nat(), flag), { maxLength: 4 }),
    })
    .map(({ ts, values, flagged }) => {
      // Plain-object keys that JSON.parse turns into something else (__proto__) are left out.
      const keys = Object.keys(values).filter((key) => key !== '__proto__')
      const vals = Object.fromEntries(keys.map((key) => [key, values[key]!]))
      const flags = Object.fromEntries(flagged.map(([i, f]) => [keys[i % keys.length]!, f]))
      const r: Reading = { stationId: 'DG-X', kind: k, ts, values: vals }
      if (Object.keys(flags).length > 0) r.flags = flags
      return r
    })
    .filter((r) => Object.keys(r.values).length > 0)

/** Reading-shaped objects with wrong parts, so validation gets past its first checks. */
const nearlyReading = fc.record(
  {
    ts: fc.oneof(
      { arbitrary: tsInWindow, weight: 4 },
      fc.integer({ min: NOW + DEFAULT_LIMITS.maxFutureMs + 1, max: NOW + 1e12 }),
      fc.integer({ min: 0, max: NOW - DEFAULT_LIMITS.maxAgeMs - 1 }),
      fc.oneof(
        fc.integer(),
        fc.double(),
        fc.string(),
        fc.constantFrom('2026-11-24T08:00:00', '2026-13-40T99:00:00+08:00', '2026-11-24T08:00:00.1234567891+08:00', 8.64e15 + 1, 1e300),
        fc.anything(),
      ),
    ),
    values: fc.oneof(
      {
        arbitrary: fc.dictionary(fc.oneof(fc.constantFrom('pm25', 'ph', 'elec_kwh'), fc.string({ maxLength: 40 })), finite, { minKeys: 1 }),
        weight: 3,
      },
      // Valid keys with some values NaN or ±Infinity, so `non-finite` is reached on every run.
      fc.dictionary(fc.constantFrom('pm25', 'ph', 'elec_kwh', 'no2'), fc.oneof(finite, fc.constantFrom(Number.NaN, Infinity, -Infinity)), {
        minKeys: 1,
      }),
      fc.dictionary(
        fc.string({ maxLength: 40 }),
        fc.oneof(finite, fc.constantFrom(Number.NaN, Infinity, -Infinity, null, '7', true), fc.anything({ maxDepth: 2 })),
      ),
      fc.anything({ maxDepth: 2 }),
    ),
    flags: fc.oneof(fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(flag, fc.string({ maxLength: 2 }))), fc.anything({ maxDepth: 2 })),
  },
  { requiredKeys: [] },
)
const anyPayloadValue = fc.oneof(nearlyReading, fc.array(nearlyReading, { maxLength: 20 }), fc.anything(), fc.jsonValue())

/** `depth` levels of arrays or objects around a leaf, as text. */
const nestedText = fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.boolean()).map(([depth, arrays]) => ({
  depth,
  text: arrays ? '['.repeat(depth) + '1' + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
}))

// ---------------------------------------------------------------------------------------------

describe('fuzz: decodeJson is total', () => {
  it('any bytes: a value, or a rejection with a reason and a message, in bounded time', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }),
      fc.string({ unit: 'binary', maxLength: 500 }).map((s) => utf8.encode(s)),
      fc.jsonValue().map((v) => utf8.encode(JSON.stringify(v))),
    )
    fc.assert(
      fc.property(bytes, (b) => {
        const r = timed(() => decodeJson(b, MAX_BYTES))
        if (!r.ok) {
          expect(DECODE_REASONS.has(r.reason)).toBe(true)
          expect(r.message.length).toBeGreaterThan(0)
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('nesting anywhere: accepted up to the limit (and then safe to walk recursively), rejected as schema beyond it', () => {
    fc.assert(
      fc.property(nestedText, fc.constantFrom('top', 'values', 'extra'), ({ depth, text }, where) => {
        const payload =
          where === 'top'
            ? text
            : where === 'values'
              ? `{"ts":${NOW},"values":{"pm25":${text}}}`
              : `{"ts":${NOW},"values":{"pm25":1},"meta":${text}}`
        const total = depth + (where === 'top' ? 0 : where === 'values' ? 2 : 1)
        const r = timed(() => decodeJson(utf8.encode(payload), MAX_BYTES))
        if (total > MAX_JSON_DEPTH) {
          expect(r).toEqual({ ok: false, reason: 'schema', message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` })
          return
        }
        expect(r.ok).toBe(true)
        if (r.ok) expect(() => JSON.stringify(r.value)).not.toThrow()
      }),
      { numRuns: 300 },
    )
  })
})

describe('fuzz: validateReadingPayload is total', () => {
  it('any parsed value: readings, or a rejection with a reason and a message, in bounded time', () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(anyPayloadValue, kind, (json, k) => {
        const r = timed(() => validateReadingPayload(json, 'DG-X', k, NOW))
        seen.add(r.ok ? 'ok' : r.reason)
        if (!r.ok) {
          expect(VALIDATE_REASONS.has(r.reason)).toBe(true)
          expect(r.message.length).toBeGreaterThan(0)
          return
        }
        expect(r.value.readings.length).toBeGreaterThan(0)
        // A batch: every element either accepted or rejected with its index.
        if (Array.isArray(json)) expect(r.value.readings.length + r.value.rejected.length).toBe(json.length)
        for (const x of r.value.rejected) expect(VALIDATE_REASONS.has(x.reason)).toBe(true)
        for (const reading of r.value.readings) {
          expect(reading).toMatchObject({ stationId: 'DG-X', kind: k })
          expect(Object.values(reading.values).every(Number.isFinite)).toBe(true)
        }
      }),
      { numRuns: 2000 },
    )
    // The inputs reached acceptance and every rejection a single message can have.
    expect([...seen].sort()).toEqual(['bad-timestamp', 'non-finite', 'ok', 'schema', 'ts-future', 'ts-too-old'])
  })
})

describe('fuzz: a valid reading survives JSON unchanged', () => {
  it('one reading, its ts as epoch ms or ISO 8601 with an offset', () => {
    const input = kind.chain((k) => validReading(k).chain((r) => tsField(r.ts).map((ts) => ({ r, ts }))))
    fc.assert(
      fc.property(input, ({ r, ts }) => {
        const json = decodeJson(utf8.encode(JSON.stringify({ ts, values: r.values, ...(r.flags ? { flags: r.flags } : {}) })), MAX_BYTES)
        expect(json.ok).toBe(true)
        if (!json.ok) return
        const v = validateReadingPayload(json.value, r.stationId, r.kind, NOW)
        expect(v.ok).toBe(true)
        if (v.ok) expect(v.value.readings).toEqual([r])
      }),
      { numRuns: 1000 },
    )
  })

  it('a batch keeps its readings in order', () => {
    const input = kind.chain((k) => fc.array(validReading(k), { minLength: 1, maxLength: 30 }))
    fc.assert(
      fc.property(input, (readings) => {
        const json = decodeJson(utf8.encode(JSON.stringify(readings.map(({ ts, values, flags }) => ({ ts, values, flags })))), MAX_BYTES)
        expect(json.ok).toBe(true)
        if (!json.ok) return
        const v = validateReadingPayload(json.value, 'DG-X', readings[0]!.kind, NOW)
        expect(v.ok).toBe(true)
        if (v.ok) {
          expect(v.value.readings).toEqual(readings)
          expect(v.value.rejected).toEqual([])
        }
      }),
      { numRuns: 300 },
    )
  })
})
