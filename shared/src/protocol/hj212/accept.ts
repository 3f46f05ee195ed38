/**
 * Accept a parsed packet for a known station: map it to readings and run each through the same
 * contract validation as JSON readings (validateReading: timestamp window, finite values, metric
 * keys), so an HJ 212 reading is held to the contract exactly like a JSON one. Pure: `now` comes in.
 */
import {
  DEFAULT_LIMITS,
  validateReading,
  type Reading,
  type RejectReason,
  type ValidationLimits,
  type WarningReason,
} from '../../domain/reading'
import type { StationKind } from '../../domain/station'
import type { Hj212Packet } from './packet'
import { packetToReadings } from './to-readings'

/** What one packet yields: readings to store, warnings (accepted with a note), rejected readings. */
export interface PacketOutcome {
  readings: Reading[]
  warnings: { reason: WarningReason; message: string }[]
  rejected: { index: number; reason: RejectReason; message: string }[]
}

/**
 * Readings, warnings and rejections of one packet for a station. Warnings: `hj212-deviation` when
 * the frame departed from the standard (see Hj212Deviation), `unknown-metric` for keys outside the
 * kind's catalog (kept, per the contract). Rejections: a reading outside the time window
 * (`ts-future`, `ts-too-old`) or otherwise invalid, with its index in the packet's readings.
 *
 * @example
 * const { readings, warnings, rejected } = acceptPacket(packet, { id: 'DG-A01', kind: 'air' }, clock.now())
 */
export function acceptPacket(
  packet: Hj212Packet,
  station: { id: string; kind: StationKind },
  now: number,
  limits: ValidationLimits = DEFAULT_LIMITS,
): PacketOutcome {
  const out: PacketOutcome = { readings: [], warnings: [], rejected: [] }
  if (packet.deviations.length > 0)
    out.warnings.push({
      reason: 'hj212-deviation',
      message: `MN ${packet.mn} CN ${packet.cn}: accepted with deviations ${packet.deviations.join(', ')}`,
    })
  const mapped = packetToReadings(packet, station.id, station.kind)
  for (let i = 0; i < mapped.length; i++) {
    const m = mapped[i]!
    const v = validateReading({ ts: m.ts, values: m.values, flags: m.flags }, station.id, station.kind, now, limits)
    if (!v.ok) {
      out.rejected.push({ index: i, reason: v.reason, message: `MN ${packet.mn} CN ${packet.cn}: ${v.message}` })
      continue
    }
    out.readings.push(v.value.reading)
    if (v.value.unknownKeys.length > 0) {
      out.warnings.push({
        reason: 'unknown-metric',
        message: `metric(s) not in the ${station.kind} catalog kept as-is: ${v.value.unknownKeys.join(', ')}`,
      })
    }
  }
  return out
}
