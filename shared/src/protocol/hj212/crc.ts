/**
 * The HJ 212-2017 frame check (Appendix A, "CRC 校验算法").
 *
 * It is NOT CRC-16/MODBUS, although it uses the same reflected polynomial 0xA001: the standard
 * folds each byte in as `crc = (crc >> 8) ^ byte` (the high byte is shifted away first), where
 * MODBUS does `crc ^= byte`. Cross-checked against the standard's example frame
 * (`...Flag=5;CP=&&RtdInterval=30&&` → 1C80) and github.com/tang0-0/HJ212-Pack (src/hj212.c).
 */

/**
 * One byte of Appendix A at a time. Folding in gives `x = (crc >> 8) ^ byte`, which is below 256,
 * and the eight shift-and-xor rounds of a value below 256 depend on nothing else: the new CRC is
 * `TABLE[x]`, the eight rounds applied to x. Built from the bitwise definition.
 */
const TABLE = (() => {
  const t = new Uint16Array(256)
  for (let x = 0; x < 256; x++) {
    let crc = x
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >> 1) ^ 0xa001 : crc >> 1
    t[x] = crc
  }
  return t
})()

/**
 * The CRC as the 4 upper-case hex digits a frame carries (HJ 212-2017 §6, 通讯包组成).
 *
 * @example
 * formatCrc(0x1c80) // '1C80'
 */
export function formatCrc(crc: number): string {
  return (crc & 0xffff).toString(16).toUpperCase().padStart(4, '0')
}

/**
 * The Appendix A CRC of `bytes` (the data segment only: not `##`, the length, the CRC or CRLF).
 *
 * @example
 * hj212Crc(new TextEncoder().encode('123456789')) // 0x2F80
 */
export function hj212Crc(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0xffff
  for (let i = start; i < end; i++) crc = TABLE[(crc >> 8) ^ bytes[i]!]!
  return crc
}

/**
 * CRC-16/MODBUS (poly 0xA001 reflected, init 0xFFFF): `crc ^= byte`, then eight shift-and-xor rounds.
 * Some loggers send it in place of Appendix A (see {@link Hj212CrcVariant}).
 */
function crc16Reflected(bytes: Uint8Array, start: number, end: number, init: number): number {
  let crc = init
  for (let i = start; i < end; i++) {
    crc ^= bytes[i]!
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >> 1) ^ 0xa001 : crc >> 1
  }
  return crc
}

/**
 * Which check a frame's 4 hex digits satisfy: `appendix-a`, the standard's; or one of the checks
 * real loggers send instead, which a tolerant data centre accepts (issue 12), each recorded as a
 * deviation:
 * - `modbus-swapped`: CRC-16/MODBUS of the data segment written with its two bytes swapped, i.e.
 *   low byte first, the order MODBUS RTU puts on the wire (`123456789` → MODBUS 4B37, sent `374B`).
 * - `arc`: CRC-16/ARC (same polynomial, init 0x0000), found in a live receiver's log from two MNs
 *   (`##0159ST=22;CN=2011;PW=123456;MN=8888888826462285;...&&8ef7`, and MN 8888888861748803 `9308`):
 *   neither Appendix A nor MODBUS (in either byte order) matches them, ARC does.
 */
export type Hj212CrcVariant = 'appendix-a' | 'modbus-swapped' | 'arc'

/**
 * The variant whose CRC of `bytes[start, end)` equals `sent`, or undefined when none does (a wrong
 * CRC under every known variant: the frame is refused). Appendix A is tried first, so a frame that
 * conforms costs one CRC.
 *
 * @example
 * crcVariantOf(new TextEncoder().encode('123456789'), 0, 9, 0x374b) // 'modbus-swapped'
 */
export function crcVariantOf(bytes: Uint8Array, start: number, end: number, sent: number): Hj212CrcVariant | undefined {
  if (hj212Crc(bytes, start, end) === sent) return 'appendix-a'
  const modbus = crc16Reflected(bytes, start, end, 0xffff)
  if (((modbus & 0xff) << 8) + (modbus >> 8) === sent) return 'modbus-swapped'
  if (crc16Reflected(bytes, start, end, 0) === sent) return 'arc'
  return undefined
}

/** CRC-16/MODBUS of `bytes` (tests build frames of the swapped-MODBUS kind with it). */
export function modbusCrc(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return crc16Reflected(bytes, start, end, 0xffff)
}

/** CRC-16/ARC of `bytes` (tests build frames of the ARC kind with it). */
export function arcCrc(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return crc16Reflected(bytes, start, end, 0)
}
