/**
 * Decode the payload of the MQTT `<kind>/<stationId>/hj212` channel (CONTRACT.md: one or more raw
 * HJ 212-2017 frames) for the station the topic names. Pure: `now` comes in. Its signature fits
 * the ingest side's `Hj212Decoder`.
 */
import { DEFAULT_LIMITS, type ParseResult, type RejectReason, type ValidationLimits } from '../../domain/reading'
import type { StationKind } from '../../domain/station'
import { acceptPacket, type PacketOutcome } from './accept'
import type { Hj212Deviation, Hj212Packet } from './packet'
import { parseFrame, HJ212_MAX_FRAME_BYTES } from './parse'
import { FrameSplitter, type Garbage, type GarbageReason } from './splitter'

/** The reject reason for bytes the splitter dropped. */
export function garbageRejectReason(reason: GarbageReason): RejectReason {
  switch (reason) {
    case 'oversized':
      return 'too-large'
    case 'invalid-utf8':
      return 'invalid-utf8'
    case 'truncated':
    case 'incomplete':
      return 'hj212-length'
    case 'no-header':
    case 'bad-length-field':
      return 'hj212-format'
  }
}

/** What a payload yields, and per accepted frame its deviations and Flag (the ingest side records them per station). */
export interface Hj212PayloadOutcome extends PacketOutcome {
  packets: { deviations: Hj212Deviation[]; flag: number | undefined }[]
}

/**
 * A payload cut into frames, each parsed once: what the upper computer classifies (command answers)
 * and the decoder turns into readings, so no frame is split or parsed twice (issue 16).
 */
export interface Hj212ParsedPayload {
  /** Every frame's parse, in stream order. */
  frames: ParseResult<Hj212Packet>[]
  /** Bytes outside frames. */
  garbage: Garbage[]
}

/** Deviations that say the frame's end was found another way than the splitter's first rule. */
const FRAMING_DEVIATIONS: ReadonlySet<Hj212Deviation> = new Set(['length-counts-crc-crlf', 'length-skips-qn', 'lf-only', 'no-line-end'])

/**
 * Split `payload` into frames (a last one without line end included, issue 12) and parse each.
 * A payload that is one frame, the usual MQTT message, is parsed in place (issue 16: no splitter
 * buffer, no bytes → text → bytes round trip): when it parses with its declared length exact and a
 * CRLF end, the splitter would have cut exactly there (its first rule), so the result is the same;
 * anything else takes the splitter.
 */
export function parseHj212Payload(payload: Uint8Array): Hj212ParsedPayload {
  const one = parseFrame(payload)
  if (one.ok && !one.value.deviations.some((d) => FRAMING_DEVIATIONS.has(d))) return { frames: [one], garbage: [] }
  return splitHj212Payload(payload)
}

/** {@link parseHj212Payload} through the splitter, whatever the payload holds. */
export function splitHj212Payload(payload: Uint8Array): Hj212ParsedPayload {
  const splitter = new FrameSplitter({ maxFrameBytes: HJ212_MAX_FRAME_BYTES })
  const cut = splitter.push(payload)
  const rest = splitter.finish()
  const frames: ParseResult<Hj212Packet>[] = []
  for (const f of cut.frames) frames.push(parseFrame(f))
  for (const f of rest.frames) frames.push(parseFrame(f))
  return { frames, garbage: rest.garbage.length === 0 ? cut.garbage : [...cut.garbage, ...rest.garbage] }
}

/**
 * Decode every frame of `payload` (bytes, or already {@link parseHj212Payload parsed}) for
 * `station`. Frames that fail to parse, carry another MN than
 * the station's registered one (`unauthorized`), or hold out-of-window readings are listed in
 * `rejected` (index = frame number, -1 for bytes between frames) and the rest is accepted. The
 * whole payload is rejected only when nothing in it was accepted.
 *
 * @example
 * const r = decodeHj212Payload(payload, station, clock.now())
 * if (r.ok) for (const reading of r.value.readings) buffer.add(reading)
 */
export function decodeHj212Payload(
  payload: Uint8Array | Hj212ParsedPayload,
  station: { id: string; kind: StationKind; mn?: string; sentUnits?: Readonly<Record<string, string>> },
  now: number,
  limits: ValidationLimits = DEFAULT_LIMITS,
): ParseResult<Hj212PayloadOutcome> {
  const parsed = payload instanceof Uint8Array ? parseHj212Payload(payload) : payload
  const out: Hj212PayloadOutcome = { readings: [], warnings: [], rejected: [], packets: [] }
  for (const g of parsed.garbage)
    out.rejected.push({
      index: -1,
      reason: garbageRejectReason(g.reason),
      message: `${g.bytes.length} bytes outside a frame (${g.reason})`,
    })
  let accepted = 0
  const frames = parsed.frames
  for (let index = 0; index < frames.length; index++) {
    const p = frames[index]!
    if (!p.ok) {
      out.rejected.push({ index, reason: p.reason, message: p.message })
      continue
    }
    if (station.mn !== undefined && p.value.mn !== station.mn) {
      out.rejected.push({
        index,
        reason: 'unauthorized',
        message: `MN ${p.value.mn} is not the data logger registered for station ${station.id}`,
      })
      continue
    }
    accepted++
    out.packets.push({ deviations: p.value.deviations, flag: p.value.flag.raw })
    const o = acceptPacket(p.value, station, now, limits)
    for (const r of o.readings) out.readings.push(r)
    for (const w of o.warnings) out.warnings.push(w)
    for (const r of o.rejected) out.rejected.push({ ...r, index })
  }
  if (accepted === 0 || (out.readings.length === 0 && out.rejected.length > 0)) {
    const first = out.rejected[0]
    if (first === undefined) return { ok: false, reason: 'hj212-format', message: 'payload holds no HJ 212 frame' }
    return {
      ok: false,
      reason: first.reason,
      message: out.rejected.length > 1 ? `${first.message} (and ${out.rejected.length - 1} more)` : first.message,
    }
  }
  return { ok: true, value: out }
}
