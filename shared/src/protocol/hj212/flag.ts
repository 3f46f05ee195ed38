/**
 * The `Flag` field (HJ 212-2017 §6, 数据段结构 and its Flag bit table): one byte,
 * `V5 V4 V3 V2 V1 V0 D A`. Bit 0 `A`: the command wants an acknowledgement. Bit 1 `D`: the packet is
 * one of a split set and carries PNUM/PNO. Bits 2-7: the protocol version (HJ 212-2017 = 1, so a
 * 2017 logger sends Flag=4, or 5 when it wants the 9014 acknowledgement).
 */

/** The protocol version HJ 212-2017 writes into Flag bits 2-7. */
export const HJ212_2017_VERSION = 1

/** A decoded Flag field. */
export interface Hj212Flag {
  /** The field as sent; undefined when the frame had no Flag (HJ/T 212-2005 style). */
  raw: number | undefined
  /** Bit 0 (A): the sender wants an acknowledgement (9014 for data uploads). */
  ackRequired: boolean
  /** Bit 1 (D): split packet; PNUM and PNO are present. */
  split: boolean
  /** Bits 2-7: protocol version; 1 for HJ 212-2017, 0 for frames without a Flag. */
  version: number
}

/**
 * Decode a Flag value (0-255); undefined (no Flag field) decodes as version 0 without ack or split.
 *
 * @example
 * decodeFlag(5) // { raw: 5, ackRequired: true, split: false, version: 1 }
 */
export function decodeFlag(raw: number | undefined): Hj212Flag {
  const v = raw ?? 0
  return { raw, ackRequired: (v & 1) === 1, split: (v & 2) === 2, version: v >> 2 }
}

/**
 * Encode a Flag value; the version defaults to HJ 212-2017.
 *
 * @example
 * encodeFlag({ ackRequired: true }) // 5
 */
export function encodeFlag(opts: { ackRequired?: boolean; split?: boolean; version?: number }): number {
  const version = opts.version ?? HJ212_2017_VERSION
  if (!Number.isInteger(version) || version < 0 || version > 63) throw new RangeError(`invalid version: ${version}`)
  return (version << 2) | (opts.split ? 2 : 0) | (opts.ackRequired ? 1 : 0)
}
