/**
 * Readings: what a station measured at one instant, and the pure validation of the contract's
 * JSON reading payload (docs/contract.md, "JSON reading").
 *
 * Validation is hand-written rather than zod: it runs on the ingest hot path (tens of thousands of
 * messages a second) and gives one precise reason per rejected message for the dead letter.
 */
import { MAX_JSON_DEPTH, jsonDepthExceeds } from './json-depth'
import { isKnownMetric } from './metric-catalog'
import type { StationKind } from './station'

/**
 * HJ 212-2017 data flags: N normal, F stopped, M maintenance, S manual input, D fault,
 * C calibration, T over range, B communication fault. HJ 212-2017 defines the flags only; which of
 * them count is envmon's policy (the project contract: "Only N and S values count toward compliance
 * statistics"), not a clause of GB 3095-2012 or HJ 212-2017: a value measured in normal operation or
 * entered by hand counts, one from a stopped, maintained, faulty, calibrating, over-range or
 * communication-faulted analyser does not.
 */
export const DATA_FLAGS = ['N', 'F', 'M', 'S', 'D', 'C', 'T', 'B'] as const
export type DataFlag = (typeof DATA_FLAGS)[number]

/** Whether a value with this flag counts toward compliance statistics and alert evaluation (envmon policy on the HJ 212-2017 flags: N and S; absent = N). */
export function isValidFlag(flag: DataFlag | undefined): boolean {
  return flag === undefined || flag === 'N' || flag === 'S'
}

/** How a reading reached the system. */
export type ReadingSource = 'json' | 'hj212'

/** One station's measurements at one instant. `ts` is epoch milliseconds (UTC). */
export interface Reading {
  stationId: string
  kind: StationKind
  ts: number
  values: Record<string, number>
  /** Per-metric data flag; absent means N. */
  flags?: Record<string, DataFlag>
}

/** Closed set of reasons a message is rejected to the dead letter. */
export type RejectReason =
  | 'too-large'
  | 'invalid-utf8'
  | 'not-json'
  | 'schema'
  | 'non-finite'
  | 'bad-timestamp'
  | 'ts-future'
  | 'ts-too-old'
  | 'bad-topic'
  | 'unknown-station'
  | 'kind-mismatch'
  | 'hj212-crc'
  | 'hj212-length'
  | 'hj212-format'
  | 'hj212-password'
  | 'unauthorized'
  | 'store-refused'
  // HJ 212 TCP listener, per connection (ingest/src/hj212): refused at accept (per-address cap or
  // listener full of authenticated loggers), no authenticated frame before the deadline, evicted
  // to make room for a newer connection.
  | 'connection-refused'
  | 'auth-timeout'
  | 'evicted'
  // envmon as HJ 212 upper computer (issue 12): an answer to a QN never asked, a garbled answer,
  // history for another MN, outside the span asked for, or more of it than asked for.
  | 'hj212-command'

/**
 * Warnings are accepted messages with something worth telling (also sent to the dead letter topic).
 * Issue 12: `no-readings`, an HJ 212 data upload that maps to no reading (yet is acknowledged, so
 * its logger believes its data arrived); `implausible-value`, a value orders of magnitude off its
 * metric's range (a unit mix-up, domain/metric-plausibility.ts).
 */
export type WarningReason = 'unknown-metric' | 'hj212-deviation' | 'no-readings' | 'implausible-value'

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: RejectReason; message: string }

/** Limits applied by {@link validateReadingPayload}. */
export interface ValidationLimits {
  /** Readings older than this many ms before `now` are rejected (retention window). */
  maxAgeMs: number
  /** Readings more than this many ms after `now` are rejected (contract: 5 minutes). */
  maxFutureMs: number
  /** Most readings accepted in one batch message. */
  maxBatch: number
}

export const DEFAULT_LIMITS: ValidationLimits = {
  maxAgeMs: 400 * 24 * 3600_000,
  maxFutureMs: 5 * 60_000,
  maxBatch: 10_000,
}

/** One accepted reading and any warnings about it; or one rejected element of a batch. */
export interface ValidatedBatch {
  readings: Reading[]
  warnings: { reason: WarningReason; message: string }[]
  /** Rejected elements of a batch (the rest of the batch is still accepted). */
  rejected: { index: number; reason: RejectReason; message: string }[]
}

/** The last instant a JavaScript Date represents (ECMA-262 §21.4.1.1: 8.64e15 ms after the epoch). */
const MAX_EPOCH_MS = 8.64e15
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/

/**
 * Parse the contract's `ts`: ISO 8601 with an explicit offset, or epoch milliseconds.
 * Returns epoch ms or a reason.
 */
export function parseTimestamp(ts: unknown): ParseResult<number> {
  if (typeof ts === 'number') {
    if (!Number.isFinite(ts) || !Number.isInteger(ts) || ts < 0)
      return { ok: false, reason: 'bad-timestamp', message: `ts must be epoch milliseconds, got ${ts}` }
    // Beyond ±8.64e15 ms a Date is invalid and toISOString throws (found by the property fuzz, issue 15).
    if (ts > MAX_EPOCH_MS) return { ok: false, reason: 'bad-timestamp', message: `ts ${ts} is past the last date a timestamp can hold` }
    return { ok: true, value: ts }
  }
  if (typeof ts === 'string') {
    if (!ISO_WITH_OFFSET.test(ts))
      return { ok: false, reason: 'bad-timestamp', message: `ts must be ISO 8601 with a UTC offset, got "${ts.slice(0, 40)}"` }
    const v = Date.parse(ts)
    if (!Number.isFinite(v)) return { ok: false, reason: 'bad-timestamp', message: `ts is not a valid date: "${ts.slice(0, 40)}"` }
    return { ok: true, value: v }
  }
  return { ok: false, reason: 'schema', message: ts === undefined ? 'ts is required' : `ts must be a string or number, got ${typeof ts}` }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

const FLAG_SET = new Set<string>(DATA_FLAGS)
const METRIC_KEY = /^[A-Za-z0-9_.-]{1,32}$/

/**
 * Validate one already-JSON-parsed reading object for a station. Pure: `now` comes in.
 */
export function validateReading(
  obj: unknown,
  stationId: string,
  kind: StationKind,
  now: number,
  limits: ValidationLimits = DEFAULT_LIMITS,
): ParseResult<{ reading: Reading; unknownKeys: string[] }> {
  if (!isPlainObject(obj)) return { ok: false, reason: 'schema', message: 'a reading must be a JSON object' }
  const ts = parseTimestamp(obj.ts)
  if (!ts.ok) return ts
  if (ts.value > now + limits.maxFutureMs)
    return {
      ok: false,
      reason: 'ts-future',
      message: `ts ${new Date(ts.value).toISOString()} is more than ${limits.maxFutureMs / 60_000} min in the future`,
    }
  if (ts.value < now - limits.maxAgeMs)
    return { ok: false, reason: 'ts-too-old', message: `ts ${new Date(ts.value).toISOString()} is older than the retention window` }
  const rawValues = obj.values
  if (!isPlainObject(rawValues)) return { ok: false, reason: 'schema', message: 'values must be an object of metric → number' }
  const values: Record<string, number> = {}
  const unknownKeys: string[] = []
  let n = 0
  for (const key in rawValues) {
    const v = rawValues[key]
    if (!METRIC_KEY.test(key)) return { ok: false, reason: 'schema', message: `invalid metric key "${key.slice(0, 40)}"` }
    if (typeof v !== 'number')
      return { ok: false, reason: 'schema', message: `values.${key} must be a number, got ${v === null ? 'null' : typeof v}` }
    if (!Number.isFinite(v)) return { ok: false, reason: 'non-finite', message: `values.${key} is not finite` }
    values[key] = v
    n++
    if (!isKnownMetric(kind, key)) unknownKeys.push(key)
  }
  if (n === 0) return { ok: false, reason: 'schema', message: 'values is empty' }
  let flags: Record<string, DataFlag> | undefined
  if (obj.flags !== undefined) {
    if (!isPlainObject(obj.flags)) return { ok: false, reason: 'schema', message: 'flags must be an object of metric → flag' }
    flags = {}
    for (const key in obj.flags) {
      const f = obj.flags[key]
      if (typeof f !== 'string' || !FLAG_SET.has(f))
        return { ok: false, reason: 'schema', message: `flags.${key.slice(0, 40)} must be one of ${DATA_FLAGS.join(',')}` }
      if (!(key in values)) return { ok: false, reason: 'schema', message: `flags.${key.slice(0, 40)} has no value` }
      flags[key] = f as DataFlag
    }
  }
  const reading: Reading = { stationId, kind, ts: ts.value, values }
  if (flags) reading.flags = flags
  return { ok: true, value: { reading, unknownKeys } }
}

/**
 * Validate a parsed JSON payload: one reading object, or a batch (array) of them.
 * A single bad object rejects the message; in a batch, bad elements are rejected one by one
 * and the rest is accepted (nothing else is lost).
 */
export function validateReadingPayload(
  json: unknown,
  stationId: string,
  kind: StationKind,
  now: number,
  limits: ValidationLimits = DEFAULT_LIMITS,
): ParseResult<ValidatedBatch> {
  const out: ValidatedBatch = { readings: [], warnings: [], rejected: [] }
  if (Array.isArray(json)) {
    if (json.length === 0) return { ok: false, reason: 'schema', message: 'empty batch' }
    if (json.length > limits.maxBatch)
      return { ok: false, reason: 'too-large', message: `batch of ${json.length} readings exceeds ${limits.maxBatch}` }
    for (let i = 0; i < json.length; i++) {
      const r = validateInto(out, json[i], i, stationId, kind, now, limits)
      if (!r.ok) out.rejected.push({ index: i, reason: r.reason, message: r.message })
    }
    if (out.readings.length === 0) {
      const first = out.rejected[0]!
      return { ok: false, reason: first.reason, message: `no valid reading in batch; [${first.index}] ${first.message}` }
    }
    return { ok: true, value: out }
  }
  const r = validateInto(out, json, -1, stationId, kind, now, limits)
  if (!r.ok) return r
  return { ok: true, value: out }
}

/** Validate one element (index -1: a single reading) and add it, with its warnings, to `out`. */
function validateInto(
  out: ValidatedBatch,
  obj: unknown,
  index: number,
  stationId: string,
  kind: StationKind,
  now: number,
  limits: ValidationLimits,
): ParseResult<null> {
  const r = validateReading(obj, stationId, kind, now, limits)
  if (!r.ok) return r
  out.readings.push(r.value.reading)
  if (r.value.unknownKeys.length > 0) {
    out.warnings.push({
      reason: 'unknown-metric',
      message: `${index >= 0 ? `[${index}] ` : ''}metric(s) not in the ${kind} catalog kept as-is: ${r.value.unknownKeys.join(', ')}`,
    })
  }
  return OK_NULL
}

const OK_NULL: ParseResult<null> = { ok: true, value: null }

/**
 * Decode and JSON-parse a message payload, never throwing. Rejects invalid UTF-8 (fatal decoder),
 * non-JSON, and nesting deeper than {@link MAX_JSON_DEPTH} (`schema`).
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true })
export function decodeJson(payload: Uint8Array, maxBytes: number): ParseResult<unknown> {
  if (payload.byteLength > maxBytes)
    return { ok: false, reason: 'too-large', message: `payload of ${payload.byteLength} bytes exceeds ${maxBytes}` }
  let text: string
  try {
    text = UTF8.decode(payload)
  } catch {
    return { ok: false, reason: 'invalid-utf8', message: 'payload is not valid UTF-8' }
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    const msg = e instanceof RangeError ? 'JSON nesting too deep' : `not JSON: ${(e as Error).message.slice(0, 120)}`
    return { ok: false, reason: 'not-json', message: msg }
  }
  // Valid JSON, but no reading nests this deep; nothing downstream walks it (issue 15).
  if (jsonDepthExceeds(value, MAX_JSON_DEPTH))
    return { ok: false, reason: 'schema', message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` }
  return { ok: true, value }
}
