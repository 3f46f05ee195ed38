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
