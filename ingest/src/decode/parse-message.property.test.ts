/**
 * Property-based fuzzing of parseMessage, the ingest's single entry for an MQTT message, with
 * fast-check (issue 15): whatever the topic and payload (JSON, HJ 212, status, garbage, deep
 * nesting), it returns an outcome in bounded time and never throws; every rejection has a reason
 * and a message; readings belong to the topic's registered station; and a valid reading published
 * on its own topic comes out unchanged.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS, type RejectReason } from '../../../shared/src/domain/reading'
import type { Station, StationKind } from '../../../shared/src/domain/station'
import { STATION_KINDS } from '../../../shared/src/domain/station'
import { buildDataUpload } from '../../../shared/src/protocol/hj212/encode'
import { decodeHj212Payload } from '../../../shared/src/protocol/hj212/decode-payload'
import { makeTopics } from '../../../shared/src/protocol/topics'
import { parseMessage, type ParseContext } from './parse-message'

const NOW = Date.parse('2026-11-24T08:00:00+08:00')
const MAX_MS_PER_INPUT = 250
const REASONS: ReadonlySet<RejectReason> = new Set([
  'too-large',
  'invalid-utf8',
  'not-json',
  'schema',
  'non-finite',
  'bad-timestamp',
  'ts-future',
  'ts-too-old',
  'bad-topic',
  'unknown-station',
  'kind-mismatch',
  'hj212-crc',
  'hj212-length',
  'hj212-format',
  'hj212-password',
  'unauthorized',
])
const utf8 = new TextEncoder()

const station = (id: string, kind: StationKind, mn?: string): Station => ({
  id,
  kind,
  nameZh: id,
  nameEn: id,
  lon: 113.75,
  lat: 23.02,
  town: '莞城',
  approx: false,
  intervalSec: 60,
  ...(mn ? { mn } : {}),
})
const STATIONS = [
  station('DG-AIR-01', 'air', 'DGAIR01'),
  station('DG-WAT-01', 'water'),
  station('DG-WW-01', 'wastewater', 'DGWW01'),
  station('DG-EN-01', 'energy'),
]
const byId = new Map(STATIONS.map((s) => [s.id, s]))
const topics = makeTopics('envmon')
const ctx: ParseContext = {
  topics,
  lookup: (id) => byId.get(id),
  now: NOW,
  limits: DEFAULT_LIMITS,
  maxBytes: 64 * 1024,
  hj212: (payload, s, now) => decodeHj212Payload(payload, s, now),
}

function timed<T>(f: () => T): T {
  const t0 = performance.now()
  const r = f()
  const ms = performance.now() - t0
  if (ms > MAX_MS_PER_INPUT) throw new Error(`took ${ms.toFixed(0)} ms (bound ${MAX_MS_PER_INPUT} ms)`)
  return r
}

/** Topics: registered stations on each channel, wrong kinds, unknown ids, and arbitrary strings. */
const topic = fc.oneof(
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...STATIONS), fc.constantFrom('reading', 'hj212', 'status'))
      .map(([s, ch]) => `envmon/v1/${s.kind}/${s.id}/${ch}`),
    weight: 4,
  },
  fc
    .tuple(
      fc.constantFrom<string>(...STATION_KINDS, 'alerts', 'x'),
      fc.oneof(fc.constantFrom(...STATIONS.map((s) => s.id)), fc.string({ maxLength: 70 })),
      fc.constantFrom('reading', 'hj212', 'status', '', 'x'),
    )
    .map(([k, id, ch]) => `envmon/v1/${k}/${id}/${ch}`),
  fc.string({ maxLength: 120 }),
)

/** Payloads: JSON readings right and wrong, HJ 212 frames, status words, deep nesting, bytes. */
const payload = fc.oneof(
  fc
    .record(
      {
        ts: fc.oneof(fc.integer({ min: NOW - 86_400_000, max: NOW }), fc.anything()),
        values: fc.oneof(fc.dictionary(fc.constantFrom('pm25', 'ph', 'cod', 'elec_kwh', 'x'), fc.double()), fc.anything()),
      },
      { requiredKeys: [] },
    )
    .map((o) => utf8.encode(JSON.stringify(o) ?? '')),
  fc
    .array(
      fc.record({
        ts: fc.integer({ min: NOW - 86_400_000, max: NOW + 86_400_000 }),
        values: fc.dictionary(fc.constantFrom('pm25', 'ph', 'do'), fc.integer()),
      }),
      { maxLength: 20 },
    )
    .map((a) => utf8.encode(JSON.stringify(a))),
  fc.tuple(fc.constantFrom('DGAIR01', 'DGWW01', 'OTHER'), fc.integer({ min: 0, max: 1000 })).map(([mn, v]) =>
    utf8.encode(
      buildDataUpload({
        cn: '2011',
        qn: '20261124080000000',
        st: '22',
        pw: '123456',
        mn,
        dataTime: NOW - 60_000,
        factors: { a34004: { Rtd: v }, w01018: { Rtd: v } },
      }).join(''),
    ),
  ),
  fc.constantFrom('online', 'offline', ' online\n', 'ONLINE', '').map((s) => utf8.encode(s)),
  fc.integer({ min: 0, max: 20_000 }).map((d) => utf8.encode(`{"ts":${NOW},"values":{"pm25":1},"x":${'['.repeat(d)}${']'.repeat(d)}}`)),
  fc.jsonValue().map((v) => utf8.encode(JSON.stringify(v))),
  fc.uint8Array({ maxLength: 500 }),
)

describe('fuzz: parseMessage is total', () => {
  it('any topic and payload: an outcome in bounded time, a reason and message for every rejection', () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(topic, payload, (t, p) => {
        const out = timed(() => parseMessage(t, p, ctx))
        seen.add(out.type === 'reject' ? out.reason : out.type)
        if (out.type === 'reject') {
          expect(REASONS.has(out.reason)).toBe(true)
          expect(out.message.length).toBeGreaterThan(0)
          return
        }
        // Accepted messages come only from a registered station's own topic.
        expect(t).toBe(
          `envmon/v1/${out.station.kind}/${out.station.id}/${out.type === 'status' ? 'status' : t.endsWith('/hj212') ? 'hj212' : 'reading'}`,
        )
        if (out.type === 'readings') {
          for (const r of out.readings) expect(r).toMatchObject({ stationId: out.station.id, kind: out.station.kind })
          for (const r of out.rejected) expect(REASONS.has(r.reason)).toBe(true)
        }
      }),
      { numRuns: 3000 },
    )
    for (const outcome of ['readings', 'status', 'bad-topic', 'unknown-station', 'kind-mismatch', 'not-json', 'schema', 'unauthorized'])
      expect(seen).toContain(outcome)
  })

  it('a payload nested deeper than the limit is rejected as schema with its station, not thrown', () => {
    fc.assert(
      fc.property(fc.integer({ min: 33, max: 30_000 }), fc.constantFrom(...STATIONS), (depth, s) => {
        const out = timed(() =>
          parseMessage(`envmon/v1/${s.kind}/${s.id}/reading`, utf8.encode('['.repeat(depth) + ']'.repeat(depth)), ctx),
        )
        expect(out).toMatchObject({ type: 'reject', stationId: s.id, reason: 'schema', message: 'JSON nested deeper than 32 levels' })
      }),
      { numRuns: 100 },
    )
  })
})

describe('fuzz: a valid JSON reading on its own topic comes out unchanged', () => {
  it('readings of any registered station, single or batched', () => {
    const input = fc.constantFrom(...STATIONS).chain((s) =>
      fc.tuple(
        fc.constant(s),
        fc.array(
          fc.record({
            ts: fc.integer({ min: NOW - 86_400_000, max: NOW }),
            values: fc.dictionary(
              fc.oneof(
                fc.constantFrom('pm25', 'pm10', 'ph', 'do', 'cod', 'elec_kwh'),
                fc.string({ unit: fc.constantFrom(...'abcxyz019_.-'), minLength: 1, maxLength: 12 }),
              ),
              fc.oneof(
                fc.integer({ min: -1e9, max: 1e9 }),
                fc.double({ min: -1e9, max: 1e9, noNaN: true }).map((v) => v || 0),
              ),
              { minKeys: 1, maxKeys: 8 },
            ),
          }),
          { minLength: 1, maxLength: 10 },
        ),
        fc.boolean(),
      ),
    )
    fc.assert(
      fc.property(input, ([s, readings, single]) => {
        const body = single ? readings[0]! : readings
        const out = parseMessage(`envmon/v1/${s.kind}/${s.id}/reading`, utf8.encode(JSON.stringify(body)), ctx)
        expect(out.type).toBe('readings')
        if (out.type !== 'readings') return
        expect(out.readings).toEqual((single ? [readings[0]!] : readings).map((r) => ({ stationId: s.id, kind: s.kind, ...r })))
        expect(out.rejected).toEqual([])
      }),
      { numRuns: 500 },
    )
  })
})
