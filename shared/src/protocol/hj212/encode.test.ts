import { describe, expect, it } from 'vitest'
import {
  buildDataAck,
  buildDataUpload,
  encodeDataSegment,
  encodeFrame,
  formatHj212Number,
  frameDataSegment,
  type DataUploadOptions,
} from './encode'
import { parseFrame } from './parse'
import { STANDARD_EXAMPLE, WATER_2005 } from './test-fixtures'

const utf8 = new TextEncoder()
const T = Date.parse('2026-11-24T08:00:00+08:00')
const common = { qn: '20261124080005123', st: '22', pw: '123456', mn: 'DG0001', dataTime: T }

describe('encodeFrame', () => {
  it('reproduces the standard example frame byte for byte', () => {
    expect(
      encodeFrame({
        qn: '20160801085857223',
        st: '32',
        cn: '1062',
        pw: '100000',
        mn: '010000A8900016F000169DC0',
        flag: 5,
        cp: 'RtdInterval=30',
      }),
    ).toBe(STANDARD_EXAMPLE)
  })

  it('omits QN and Flag when not given (HJ/T 212-2005 style), CRC upper-case', () => {
    const frame = encodeFrame({
      st: '32',
      cn: '2011',
      pw: '123456',
      mn: '0873HHMZWSLH02',
      cp: WATER_2005.slice(WATER_2005.indexOf('CP=&&') + 5, -8),
    })
    expect(frame).toBe(`${WATER_2005.slice(0, -6)}A9C1\r\n`)
  })

  it('counts the length in bytes', () => {
    const frame = frameDataSegment('ST=91;CN=9014;PW=1;MN=M;CP=&&x=µ&&')
    expect(frame.slice(2, 6)).toBe(String(utf8.encode('ST=91;CN=9014;PW=1;MN=M;CP=&&x=µ&&').length).padStart(4, '0'))
  })

  it.each([
    [{ qn: '2016-08-01' }, 'invalid qn'],
    [{ st: '2' }, 'invalid st'],
    [{ cn: '20111' }, 'invalid cn'],
    [{ pw: '12;34' }, 'invalid pw'],
    [{ mn: '' }, 'invalid mn'],
    [{ mn: 'A'.repeat(25) }, 'invalid mn'],
    [{ flag: 256 }, 'invalid flag'],
    [{ pnum: 2 }, 'invalid pnum/pno'],
    [{ pnum: 2, pno: 3 }, 'invalid pnum/pno'],
    [{ cp: 'a=1\r\n' }, 'invalid cp'],
    [{ cp: 'a=1&&b=2' }, 'invalid cp'],
    [{ cp: 'x'.repeat(10_000) }, 'invalid data segment length'],
  ])('throws RangeError on %j', (override, message) => {
    expect(() => encodeFrame({ st: '22', cn: '2011', pw: '123456', mn: 'DG0001', cp: '', ...override })).toThrow(message)
  })
})

describe('buildDataUpload → parseFrame round trips', () => {
  const cases: [string, DataUploadOptions, Record<string, unknown>][] = [
    [
      '2011 real-time',
      { ...common, cn: '2011', factors: { a34004: { Rtd: 35.2, Flag: 'N' }, a21005: { Rtd: 0.8 } } },
      { a34004: { Rtd: 35.2, Flag: 'N' }, a21005: { Rtd: 0.8 } },
    ],
    [
      '2051 minute',
      { ...common, cn: '2051', factors: { w01018: { Avg: 18.5, Min: 17, Max: 20.25, Cou: 1.5, Flag: 'N' } } },
      { w01018: { Avg: 18.5, Min: 17, Max: 20.25, Cou: 1.5, Flag: 'N' } },
    ],
    [
      '2061 hourly',
      { ...common, cn: '2061', factors: { a05024: { Avg: 120, Min: 80, Max: 160, Flag: 'T' } } },
      { a05024: { Avg: 120, Min: 80, Max: 160, Flag: 'T' } },
    ],
    [
      '2031 daily',
      { ...common, cn: '2031', factors: { w21003: { Avg: 0.0005, Min: -0.25, Max: 1e-7, Flag: 'M' } } },
      { w21003: { Avg: 0.0005, Min: -0.25, Max: 1e-7, Flag: 'M' } },
    ],
  ]

  it.each(cases)('%s parses back to the same CN, DataTime and factors', (_name, opts, factors) => {
    const frames = buildDataUpload(opts)
    expect(frames).toHaveLength(1)
    const r = parseFrame(frames[0]!)
    expect(r.ok && r.value).toMatchObject({ qn: common.qn, st: '22', cn: opts.cn, mn: 'DG0001', dataTime: T, factors, deviations: [] })
  })

  it.each([
    [true, 5],
    [false, 4],
  ])('ackRequired %s writes Flag=%i', (ackRequired, flag) => {
    const r = parseFrame(buildDataUpload({ ...common, cn: '2011', ackRequired, factors: { a34004: { Rtd: 1 } } })[0]!)
    expect(r.ok && r.value.flag.raw).toBe(flag)
  })

  it('writes only the fields of the CN (Rtd for 2011)', () => {
    const frame = buildDataUpload({ ...common, cn: '2011', factors: { a34004: { Rtd: 1, Flag: 'N' } } })[0]!
    expect(frame).toContain('CP=&&DataTime=20261124080000;a34004-Rtd=1,a34004-Flag=N&&')
  })

  it('throws when a factor has no value to write', () => {
    expect(() => buildDataUpload({ ...common, cn: '2061', factors: { a34004: {} } })).toThrow(RangeError)
  })
})

describe('buildDataUpload: split packets', () => {
  const factors = Object.fromEntries(
    Array.from({ length: 40 }, (_, i) => [`a${30000 + i}`, { Avg: i + 0.5, Min: i, Max: i + 1, Flag: 'N' as const }]),
  )
  const frames = buildDataUpload({ ...common, cn: '2061', ackRequired: true, maxDataLength: 400, factors })
  const parsed = frames.map((f) => parseFrame(f))

  it('splits an upload longer than maxDataLength into several frames', () => {
    expect(frames.length).toBeGreaterThan(1)
  })

  it('keeps every data segment within maxDataLength', () => {
    for (const f of frames) expect(Number(f.slice(2, 6))).toBeLessThanOrEqual(400)
  })

  it('numbers the packets 1..PNUM with Flag bits D and A set and the same QN', () => {
    expect(parsed.map((r) => r.ok && [r.value.pnum, r.value.pno, r.value.flag.raw, r.value.qn])).toEqual(
      frames.map((_, i) => [frames.length, i + 1, 7, common.qn]),
    )
  })

  it('gives each packet its own DataTime and together all the factors', () => {
    const all: Record<string, unknown> = {}
    for (const r of parsed) {
      expect(r.ok && r.value.dataTime).toBe(T)
      if (r.ok) Object.assign(all, r.value.factors)
    }
    expect(all).toEqual(factors)
  })

  it('splits at the standard 1024-byte limit by default', () => {
    const big = buildDataUpload({ ...common, cn: '2061', factors })
    expect(big.length).toBeGreaterThan(1)
    for (const f of big) expect(Number(f.slice(2, 6))).toBeLessThanOrEqual(1024)
  })

  it('throws when one factor alone exceeds maxDataLength', () => {
    expect(() => buildDataUpload({ ...common, cn: '2061', maxDataLength: 120, factors })).toThrow(RangeError)
  })
})

describe('buildDataAck (9014 数据应答)', () => {
  it('answers the standard example with ST=91, CN=9014, its QN, PW, MN, Flag=4 and an empty CP', () => {
    const req = parseFrame(STANDARD_EXAMPLE)
    if (!req.ok) throw new Error(req.message)
    const ack = buildDataAck(req.value)
    expect(ack).toBe(frameDataSegment('QN=20160801085857223;ST=91;CN=9014;PW=100000;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&'))
  })

  it('parses back as a 9014 without ack bit', () => {
    const r = parseFrame(buildDataAck({ qn: '20261124080005123', pw: '123456', mn: 'DG0001' }))
    expect(r.ok && r.value).toMatchObject({
      qn: '20261124080005123',
      st: '91',
      cn: '9014',
      pw: '123456',
      mn: 'DG0001',
      flag: { raw: 4, ackRequired: false },
      cp: '',
      factors: {},
      params: {},
    })
  })

  it('omits QN when the request had none', () => {
    expect(buildDataAck({ pw: '1', mn: 'M' })).toBe(
      frameDataSegment(encodeDataSegment({ st: '91', cn: '9014', pw: '1', mn: 'M', flag: 4, cp: '' })),
    )
  })
})

describe('formatHj212Number', () => {
  it.each([
    [35.2, '35.2'],
    [0, '0'],
    [-1.5, '-1.5'],
    [1e-7, '0.0000001'],
    [-2.5e-8, '-0.000000025'],
    [123456789012, '123456789012'],
  ])('writes %s as %s (never exponent notation)', (v, text) => {
    expect(formatHj212Number(v)).toBe(text)
  })

  it.each([[Number.NaN], [Infinity], [1e21]])('throws on %s', (v) => {
    expect(() => formatHj212Number(v)).toThrow(RangeError)
  })
})
