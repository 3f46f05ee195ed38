import { describe, expect, it } from 'vitest'
import { formatCrc, hj212Crc } from './crc'
import { encodeFrame, frameDataSegment } from './encode'
import { parseFrame } from './parse'
import { STANDARD_EXAMPLE, VENDOR_AIR, WATER_2005, dataSegmentOf } from './test-fixtures'

const utf8 = new TextEncoder()

/** A frame around `data` with any declared length and CRC text. */
function rawFrame(data: string, declared: number, crcText = formatCrc(hj212Crc(utf8.encode(data)))): string {
  return `##${String(declared).padStart(4, '0')}${data}${crcText}\r\n`
}

const HOURLY =
  'QN=20261124090000123;ST=22;CN=2061;PW=123456;MN=DG0003;Flag=5;CP=&&DataTime=20261124080000;a34004-Avg=35.2,a34004-Min=20,a34004-Max=51.5,a34004-Flag=N&&'

describe('parseFrame: the reference example frames', () => {
  it.each([
    [
      '(1) standard example',
      STANDARD_EXAMPLE,
      { qn: '20160801085857223', st: '32', cn: '1062', pw: '100000', mn: '010000A8900016F000169DC0', cp: 'RtdInterval=30', deviations: [] },
    ],
    [
      '(2) 2005-style water',
      WATER_2005,
      { st: '32', cn: '2011', pw: '123456', mn: '0873HHMZWSLH02', deviations: ['crc-lowercase', 'missing-qn', 'missing-flag'] },
    ],
    [
      '(3) vendor air',
      VENDOR_AIR,
      { st: '22', cn: '2011', pw: '123456', mn: '120112TJTGGN13', deviations: ['length-counts-crc-crlf', 'missing-qn', 'missing-flag'] },
    ],
  ])('%s parses with its header and deviations', (_name, frame, expected) => {
    const r = parseFrame(frame)
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.value).toMatchObject(expected)
  })

  it('(1) decodes Flag=5 as ack required, not split, version 1', () => {
    const r = parseFrame(STANDARD_EXAMPLE)
    expect(r.ok && r.value.flag).toEqual({ raw: 5, ackRequired: true, split: false, version: 1 })
  })

  it('(1) keeps RtdInterval as a CP parameter', () => {
    const r = parseFrame(STANDARD_EXAMPLE)
    expect(r.ok && r.value.params).toEqual({ RtdInterval: '30' })
  })

  it('(2) reads DataTime as UTC+8 and the four factors with flags', () => {
    const r = parseFrame(WATER_2005)
    expect(r.ok && r.value.dataTime).toBe(Date.parse('2016-01-03T13:30:30+08:00'))
    expect(r.ok && r.value.factors).toEqual({
      '060': { Rtd: 3.0943, Flag: 'N' },
      '011': { Rtd: 18.0412, Flag: 'N' },
      '001': { Rtd: 8.2137, Flag: 'N' },
      B01: { Rtd: 10.989, Flag: 'N' },
    })
  })

  it('(2) without Flag decodes as version 0, no ack', () => {
    const r = parseFrame(WATER_2005)
    expect(r.ok && r.value.flag).toEqual({ raw: undefined, ackRequired: false, split: false, version: 0 })
  })

  it('(3) reads DataTime and the PM10/TSP values', () => {
    const r = parseFrame(VENDOR_AIR)
    expect(r.ok && r.value.dataTime).toBe(Date.parse('2015-08-11T15:12:00+08:00'))
    expect(r.ok && r.value.factors).toEqual({ PM10: { Rtd: 89.59, Flag: 'N' }, TSP: { Rtd: 133.71, Flag: 'N' } })
  })

  it.each([
    ['(1)', STANDARD_EXAMPLE],
    ['(2)', WATER_2005],
    ['(3)', VENDOR_AIR],
  ])('%s parses the same from bytes as from text', (_name, frame) => {
    expect(parseFrame(utf8.encode(frame))).toEqual(parseFrame(frame))
  })
})

describe('parseFrame: tolerated deviations (the CRC checks)', () => {
  const data = HOURLY
  const len = utf8.encode(data).length
  const qnLen = 'QN=20261124090000123;'.length

  it.each([
    ['a conforming frame', len, []],
    ['a length that also counts CRC and CRLF', len + 6, ['length-counts-crc-crlf']],
    ['a length counted from ST=', len - qnLen, ['length-skips-qn']],
    ['a length from ST= through CRLF', len - qnLen + 6, ['length-skips-qn', 'length-counts-crc-crlf']],
  ])('accepts %s', (_name, declared, deviations) => {
    const r = parseFrame(rawFrame(data, declared))
    expect(r.ok && r.value.deviations).toEqual(deviations)
  })

  it('accepts a lower-case CRC', () => {
    const crcText = formatCrc(hj212Crc(utf8.encode(data)))
    expect(crcText).toMatch(/[A-F]/) // the fixture's CRC has letters, so lower-casing changes it
    const r = parseFrame(rawFrame(data, len, crcText.toLowerCase()))
    expect(r.ok && r.value.deviations).toEqual(['crc-lowercase'])
  })

  it('records a QN that is not 17 digits', () => {
    const r = parseFrame(frameDataSegment('QN=20261124090000;ST=91;CN=9014;PW=1;MN=M;Flag=4;CP=&&&&'))
    expect(r.ok && r.value).toMatchObject({ qn: '20261124090000', deviations: ['qn-nonstandard'] })
  })

  it('keeps an unknown header field in extra', () => {
    const r = parseFrame(frameDataSegment('QN=20261124090000123;ST=91;CN=9014;PW=1;MN=M;Flag=4;XX=7;CP=&&&&'))
    expect(r.ok && r.value).toMatchObject({ extra: { XX: '7' }, deviations: ['unknown-field'] })
  })

  it('records a data segment over 1024 bytes', () => {
    const groups = Array.from({ length: 60 }, (_, i) => `a${10000 + i}-Rtd=${i}.123456,a${10000 + i}-Flag=N`).join(';')
    const r = parseFrame(frameDataSegment(`QN=20261124090000123;ST=22;CN=2011;PW=1;MN=M;Flag=4;CP=&&DataTime=20261124080000;${groups}&&`))
    expect(r.ok && r.value.deviations).toEqual(['data-over-1024'])
  })

  it('records PNUM/PNO without the Flag D bit', () => {
    const r = parseFrame(
      frameDataSegment('QN=20261124090000123;ST=22;CN=2011;PW=1;MN=M;Flag=4;PNUM=2;PNO=1;CP=&&DataTime=20261124080000&&'),
    )
    expect(r.ok && r.value).toMatchObject({ pnum: 2, pno: 1, deviations: ['split-without-flag'] })
  })

  it('parses a split packet with its own CP', () => {
    const r = parseFrame(
      encodeFrame({
        qn: '20261124090000123',
        st: '22',
        cn: '2011',
        pw: '1',
        mn: 'M',
        flag: 7,
        pnum: 3,
        pno: 2,
        cp: 'DataTime=20261124080000;a21026-Rtd=5',
      }),
    )
    expect(r.ok && r.value).toMatchObject({
      pnum: 3,
      pno: 2,
      flag: { split: true, ackRequired: true },
      factors: { a21026: { Rtd: 5 } },
      deviations: [],
    })
  })
})

describe('parseFrame: rejections', () => {
  const good = frameDataSegment(HOURLY)
  const goodCrc = good.slice(-6, -2)
  const badCrc = goodCrc === '0000' ? '0001' : '0000'
  const len = utf8.encode(HOURLY).length

  it.each([
    ['bad CRC', `${good.slice(0, -6)}${badCrc}\r\n`, 'hj212-crc', `CRC mismatch: expected ${goodCrc}, got ${badCrc}`],
    ['one data byte changed', good.replace('a34004-Avg=35.2', 'a34004-Avg=35.3'), 'hj212-crc', 'CRC mismatch: expected'],
    ['bad CRC on a lenient length', rawFrame(HOURLY, len + 6, badCrc), 'hj212-crc', 'CRC mismatch'],
    [
      'a length off by one',
      rawFrame(HOURLY, len + 1),
      'hj212-length',
      `declared data length ${len + 1} does not match the ${len}-byte data segment`,
    ],
    ['a length off and a bad CRC', rawFrame(HOURLY, len - 5, badCrc), 'hj212-length', 'CRC mismatch'],
    ['a truncated frame', good.slice(0, 60), 'hj212-length', 'truncated frame'],
    ['only the head', '##01', 'hj212-length', 'truncated frame'],
    ['an empty frame', '', 'hj212-format', 'empty frame'],
    ['a lone #', '#', 'hj212-length', 'truncated frame'],
    ['a lone other byte', 'x', 'hj212-format', 'must start with "##", got "x"'],
    ['no ## head', good.slice(1), 'hj212-format', 'must start with "##"'],
    ['a non-decimal length', `##01a1${good.slice(6)}`, 'hj212-format', 'length must be 4 decimal digits'],
    [
      'no CRLF at the end',
      `${good.slice(0, -2)}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`.padEnd(good.length + 20, 'x'),
      'hj212-format',
      'does not end with CRLF',
    ],
    ['two frames in one call', good + good, 'hj212-format', 'pass one frame at a time'],
    ['a non-hex CRC', `${good.slice(0, -6)}1G80\r\n`, 'hj212-format', 'CRC must be 4 hex digits'],
    ['a control character', frameDataSegment(HOURLY.replace('PW=123456', 'PW=12\t456')), 'hj212-format', 'control character \\x09'],
    ['no CP', frameDataSegment('QN=20261124090000123;ST=22;CN=2011;PW=1;MN=M;Flag=4'), 'hj212-format', 'no "CP=&&" field'],
    [
      'an unterminated CP',
      frameDataSegment('QN=20261124090000123;ST=22;CN=2011;PW=1;MN=M;Flag=4;CP=&&DataTime=20261124080000'),
      'hj212-format',
      'CP must end with "&&"',
    ],
    ['no MN', frameDataSegment('QN=20261124090000123;ST=22;CN=2011;PW=1;Flag=4;CP=&&&&'), 'hj212-format', 'missing header field MN'],
    ['a 3-digit CN', frameDataSegment('ST=22;CN=201;PW=1;MN=M;CP=&&&&'), 'hj212-format', 'CN must be 4 digits'],
    ['Flag 256', frameDataSegment('ST=22;CN=2011;PW=1;MN=M;Flag=256;CP=&&&&'), 'hj212-format', 'Flag must be an integer 0-255'],
    ['split Flag without PNUM', frameDataSegment('ST=22;CN=9014;PW=1;MN=M;Flag=6;CP=&&&&'), 'hj212-format', 'PNUM/PNO are missing'],
    ['PNO above PNUM', frameDataSegment('ST=22;CN=9014;PW=1;MN=M;Flag=6;PNUM=2;PNO=3;CP=&&&&'), 'hj212-format', 'is not a packet number'],
    ['a duplicate header field', frameDataSegment('ST=22;ST=22;CN=9014;PW=1;MN=M;CP=&&&&'), 'hj212-format', 'duplicate header field ST'],
    [
      'a data upload without DataTime',
      frameDataSegment('ST=22;CN=2011;PW=1;MN=M;Flag=4;CP=&&a34004-Rtd=1&&'),
      'hj212-format',
      'has no CP DataTime',
    ],
    [
      'a bad DataTime',
      frameDataSegment('ST=22;CN=2011;PW=1;MN=M;Flag=4;CP=&&DataTime=20261332000000;a34004-Rtd=1&&'),
      'hj212-format',
      'DataTime must be',
    ],
    [
      'a non-numeric value',
      frameDataSegment('ST=22;CN=2011;PW=1;MN=M;Flag=4;CP=&&DataTime=20261124080000;a34004-Rtd=n/a&&'),
      'hj212-format',
      'a34004-Rtd must be a decimal number',
    ],
    ['a frame above the size limit', `##9999${'x'.repeat(20_000)}`, 'too-large', 'exceeds'],
  ])('rejects %s', (_name, frame, reason, message) => {
    const r = parseFrame(frame)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.reason).toBe(reason)
      expect(r.message).toContain(message)
    }
  })

  it('rejects invalid UTF-8 bytes whose CRC checks', () => {
    const data = new Uint8Array([...utf8.encode('ST=22;CN=9014;PW=1;MN=M;CP=&&x='), 0xff, ...utf8.encode('&&')])
    const frame = new Uint8Array([
      ...utf8.encode(`##${String(data.length).padStart(4, '0')}`),
      ...data,
      ...utf8.encode(`${formatCrc(hj212Crc(data))}\r\n`),
    ])
    expect(parseFrame(frame)).toMatchObject({ ok: false, reason: 'hj212-format', message: 'data segment is not valid UTF-8' })
  })

  it('rejects a frame whose CRC was computed over a different segment (the reference example altered)', () => {
    const altered = STANDARD_EXAMPLE.replace('RtdInterval=30', 'RtdInterval=31')
    expect(parseFrame(altered)).toMatchObject({ ok: false, reason: 'hj212-crc' })
  })

  it('does not apply the QN leniency to a frame without QN', () => {
    const data = dataSegmentOf(WATER_2005)
    expect(parseFrame(rawFrame(data, data.length - 10))).toMatchObject({ ok: false, reason: 'hj212-length' })
  })
})
