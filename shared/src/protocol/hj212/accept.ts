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
import { implausibility } from '../../domain/metric-plausibility'
import type { StationKind } from '../../domain/station'
import { dataKindOf } from './commands'
import type { Hj212Packet } from './packet'
import { packetToReadings } from './to-readings'

/** What one packet yields: readings to store, warnings (accepted with a note), rejected readings. */
export interface PacketOutcome {
  readings: Reading[]
  warnings: { reason: WarningReason; message: string }[]
  rejected: { index: number; reason: RejectReason; message: string }[]
}

/** The station as {@link acceptPacket} needs it: `sentUnits` converts metrics sent in another unit. */
export interface AcceptStation {
  id: string
  kind: StationKind
  sentUnits?: Readonly<Record<string, string>>
}

/**
 * Readings, warnings and rejections of one packet for a station. Warnings: `hj212-deviation` when
 * the frame departed from the standard (see Hj212Deviation; malformed CP fields are named), and
 * issue 12's `no-readings` when a data upload maps to no reading at all (an ST=80 meter frame, only
 * unknown or malformed fields: the logger is still acknowledged and believes its data arrived) and
 * `implausible-value` for a value orders of magnitude off its metric's range (a unit mix-up);
 * `unknown-metric` for keys outside the kind's catalog (kept, per the contract). Rejections: a
 * reading outside the time window (`ts-future`, `ts-too-old`) or otherwise invalid, with its index
 * in the packet's readings.
 *
 * @example
 * const { readings, warnings, rejected } = acceptPacket(packet, { id: 'DG-A01', kind: 'air' }, clock.now())
 */
export function acceptPacket(
  packet: Hj212Packet,
  station: AcceptStation,
  now: number,
  limits: ValidationLimits = DEFAULT_LIMITS,
): PacketOutcome {
  const out: PacketOutcome = { readings: [], warnings: [], rejected: [] }
  const where = `MN ${packet.mn} CN ${packet.cn}`
  if (packet.deviations.length > 0) {
    const bad = packet.malformedFields?.map((f) => `"${f.field}" (${f.problem})`).join('; ')
    out.warnings.push({
      reason: 'hj212-deviation',
      message: `${where}: accepted with deviations ${packet.deviations.join(', ')}${bad ? `; malformed fields dropped, the rest kept: ${bad}` : ''}`,
    })
  }
  const mapped = packetToReadings(packet, station.id, station.kind, station.sentUnits)
  if (mapped.length === 0 && dataKindOf(packet.cn) !== undefined) {
    const codes = Object.keys(packet.factors)
    out.warnings.push({
      reason: 'no-readings',
      message: `${where} ST ${packet.st}: a data upload that yields no reading (${codes.length === 0 ? 'no factor' : `factors ${codes.slice(0, 8).join(', ')}${codes.length > 8 ? '...' : ''} carry no value`}); acknowledged all the same`,
    })
  }
  for (let i = 0; i < mapped.length; i++) {
    const m = mapped[i]!
    const v = validateReading({ ts: m.ts, values: m.values, flags: m.flags }, station.id, station.kind, now, limits)
    if (!v.ok) {
      out.rejected.push({ index: i, reason: v.reason, message: `${where}: ${v.message}` })
      continue
    }
    out.readings.push(v.value.reading)
    if (v.value.unknownKeys.length > 0) {
      out.warnings.push({
        reason: 'unknown-metric',
        message: `metric(s) not in the ${station.kind} catalog kept as-is: ${v.value.unknownKeys.join(', ')}`,
      })
    }
    const odd: string[] = []
    for (const key in m.values) {
      const why = implausibility(station.kind, key, m.values[key]!)
      if (why !== undefined) odd.push(why)
    }
    if (odd.length > 0)
      out.warnings.push({
        reason: 'implausible-value',
        message: `${where}: ${odd.join('; ')}; kept. If the logger sends another unit, set it on the station (sentUnits)`,
      })
  }
  return out
}
