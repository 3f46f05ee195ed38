import { describe, expect, it } from 'vitest'
import { base64ToBytes, decodePayload, hexDump } from './payload-decode'

const b64 = (bytes: number[] | string) =>
  Buffer.from(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Uint8Array.from(bytes)).toString('base64')

describe('dead letter payload', () => {
  it('shows UTF-8 text as text', () => {
    expect(decodePayload(b64('not json {'))).toEqual({ kind: 'text', text: 'not json {', bytes: 10 })
  })

  it('keeps Chinese text and the CRLF of an HJ 212 frame', () => {
    const frame = '##0101QN=20260101;ST=22;CN=2011;PW=x;MN=1&&ABCD\r\n'
    expect(decodePayload(b64(frame))).toMatchObject({ kind: 'text', text: frame })
    expect(decodePayload(b64('温度 25°C'))).toMatchObject({ kind: 'text', text: '温度 25°C', bytes: 12 })
  })

  it('pretty-prints JSON', () => {
    expect(decodePayload(b64('{"ts":1,"values":{"pm25":"x"}}'))).toEqual({
      kind: 'json',
      text: '{\n  "ts": 1,\n  "values": {\n    "pm25": "x"\n  }\n}',
      bytes: 30,
    })
  })

  it('shows JSON that does not parse as sent', () => {
    expect(decodePayload(b64('{"ts": 1,'))).toMatchObject({ kind: 'text', text: '{"ts": 1,' })
  })

  it('shows invalid UTF-8 as hex', () => {
    const r = decodePayload(b64([0xff, 0xfe, 0x41]))
    expect(r).toEqual({ kind: 'hex', text: '0000  ff fe 41' + ' '.repeat(39) + '  |..A|', bytes: 3 })
  })

  it('shows valid UTF-8 with control characters as hex', () => {
    expect(decodePayload(b64([0x7b, 0x00, 0x7d])).kind).toBe('hex')
  })

  it('does not call a truncated text binary when the cut splits a character', () => {
    const bytes = [...Buffer.from('ab温', 'utf8')].slice(0, 4) // 'ab' + 2 of the 3 bytes of 温
    expect(decodePayload(b64(bytes), true)).toEqual({ kind: 'text', text: 'ab', bytes: 4 })
    expect(decodePayload(b64(bytes), false).kind).toBe('hex')
  })

  it('does not pretty-print a truncated JSON', () => {
    expect(decodePayload(b64('{"a":1}'), true).kind).toBe('text')
  })

  it('says when the payload is empty or not base64', () => {
    expect(decodePayload('')).toEqual({ kind: 'empty', text: '', bytes: 0 })
    expect(decodePayload('***')).toEqual({ kind: 'invalid', text: '', bytes: 0 })
    expect(base64ToBytes('***')).toBeUndefined()
  })
})

describe('hex dump', () => {
  it('writes 16 bytes a line with the offset and printable ASCII', () => {
    const bytes = Uint8Array.from({ length: 18 }, (_, i) => 0x41 + i)
    expect(hexDump(bytes).split('\n')).toEqual([
      '0000  41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f 50  |ABCDEFGHIJKLMNOP|',
      '0010  51 52' + ' '.repeat(42) + '  |QR|',
    ])
  })

  it('is empty for no bytes', () => {
    expect(hexDump(new Uint8Array(0))).toBe('')
  })
})
