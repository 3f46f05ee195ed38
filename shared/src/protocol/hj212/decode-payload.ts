/**
 * Decode the payload of the MQTT `<kind>/<stationId>/hj212` channel (CONTRACT.md: one or more raw
 * HJ 212-2017 frames) for the station the topic names. Pure: `now` comes in. Its signature fits
 * the ingest side's `Hj212Decoder`.
 */
import { DEFAULT_LIMITS, type ParseResult, type RejectReason, type ValidationLimits } from '../../domain/reading'
import type { StationKind } from '../../domain/station'
import { acceptPacket, type PacketOutcome } from './accept'
import { parseFrame, HJ212_MAX_FRAME_BYTES } from './parse'
import { FrameSplitter, type GarbageReason } from './splitter'

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

/**
 * Decode every frame of `payload` for `station`. Frames that fail to parse, carry another MN than
 * the station's registered one (`unauthorized`), or hold out-of-window readings are listed in
 * `rejected` (index = frame number, -1 for bytes between frames) and the rest is accepted. The
 * whole payload is rejected only when nothing in it was accepted.
 *
 * @example
 * const r = decodeHj212Payload(payload, station, clock.now())
 * if (r.ok) for (const reading of r.value.readings) buffer.add(reading)
 */
export function decodeHj212Payload(
  payload: Uint8Array,
  station: { id: string; kind: StationKind; mn?: string },
  now: number,
  limits: ValidationLimits = DEFAULT_LIMITS,
): ParseResult<PacketOutcome> {
  const splitter = new FrameSplitter({ maxFrameBytes: HJ212_MAX_FRAME_BYTES })
  const cut = splitter.push(payload)
  const rest = splitter.finish()
  const out: PacketOutcome = { readings: [], warnings: [], rejected: [] }
  for (const g of [...cut.garbage, ...rest.garbage])
    out.rejected.push({
      index: -1,
      reason: garbageRejectReason(g.reason),
      message: `${g.bytes.length} bytes outside a frame (${g.reason})`,
    })
  let accepted = 0
  cut.frames.forEach((frame, index) => {
    const p = parseFrame(frame)
    if (!p.ok) {
      out.rejected.push({ index, reason: p.reason, message: p.message })
      return
    }
    if (station.mn !== undefined && p.value.mn !== station.mn) {
      out.rejected.push({
        index,
        reason: 'unauthorized',
        message: `MN ${p.value.mn} is not the data logger registered for station ${station.id}`,
      })
      return
    }
    accepted++
    const o = acceptPacket(p.value, station, now, limits)
    out.readings.push(...o.readings)
    out.warnings.push(...o.warnings)
    for (const r of o.rejected) out.rejected.push({ ...r, index })
  })
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
