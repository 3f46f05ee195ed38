import { describe, expect, it } from 'vitest'
import { formatCrc, hj212Crc } from './crc'
import { STANDARD_EXAMPLE, dataSegmentOf } from './test-fixtures'

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s)

describe('hj212Crc (HJ 212-2017 Appendix A)', () => {
  it.each([
    ['123456789', 0x2f80],
    ['', 0xffff],
    [dataSegmentOf(STANDARD_EXAMPLE), 0x1c80],
  ])('CRC of %j is the reference vector', (input, expected) => {
    expect(hj212Crc(bytes(input))).toBe(expected)
  })

  it('is not CRC-16/MODBUS (whose check value for 123456789 is 4B37)', () => {
    expect(hj212Crc(bytes('123456789'))).not.toBe(0x4b37)
  })

  it('equals the bitwise Appendix A definition on random data (the table is only a shortcut)', () => {
    const bitwise = (b: Uint8Array) => {
      let crc = 0xffff
      for (const byte of b) {
        crc = (crc >> 8) ^ byte
        for (let bit = 0; bit < 8; bit++) {
          const lsb = crc & 1
          crc >>= 1
          if (lsb) crc ^= 0xa001
        }
      }
      return crc
    }
    let seed = 12345
    const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24
    for (let n = 0; n < 200; n++) {
      const b = Uint8Array.from({ length: n * 7 }, next)
      expect(hj212Crc(b)).toBe(bitwise(b))
    }
  })

  it('computes over a sub-range without copying', () => {
    const b = bytes(`##0101${dataSegmentOf(STANDARD_EXAMPLE)}1C80\r\n`)
    expect(hj212Crc(b, 6, b.length - 6)).toBe(0x1c80)
  })
})

describe('formatCrc', () => {
  it.each([
    [0x1c80, '1C80'],
    [0x00ab, '00AB'],
    [0, '0000'],
    [0xffff, 'FFFF'],
  ])('formats %i as %s (4 upper-case hex digits)', (crc, text) => {
    expect(formatCrc(crc)).toBe(text)
  })
})
