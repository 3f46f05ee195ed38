import { describe, expect, it } from 'vitest'
import { parseCp } from './cp'

describe('parseCp', () => {
  it('parses DataTime into epoch ms and keeps it as a parameter', () => {
    const r = parseCp('DataTime=20160801085857')
    expect(r).toEqual({
      ok: true,
      value: {
        dataTime: Date.parse('2016-08-01T08:58:57+08:00'),
        factors: {},
        params: { DataTime: '20160801085857' },
        deviations: [],
        malformedFields: [],
      },
    })
  })

  it.each([
    ['a34004-Rtd=35.2,a34004-Flag=N', { a34004: { Rtd: 35.2, Flag: 'N' } }],
    [
      'a34004-Avg=35,a34004-Min=-1.5,a34004-Max=.5,a34004-Cou=1.2E-3,a34004-Flag=T',
      { a34004: { Avg: 35, Min: -1.5, Max: 0.5, Cou: 0.0012, Flag: 'T' } },
    ],
    [
      'a21026-ZsRtd=12.0,a21026-EFlag=A01,a21026-SampleTime=20160801085857',
      { a21026: { ZsRtd: 12, EFlag: 'A01', SampleTime: '20160801085857' } },
    ],
    ['SB1-RS=1;SB2-RS=0', { SB1: { RS: '1' }, SB2: { RS: '0' } }],
    ['w01018-Rtd=12;;w21003-Rtd=0.5;', { w01018: { Rtd: 12 }, w21003: { Rtd: 0.5 } }],
  ])('parses factor fields of %j', (body, factors) => {
    const r = parseCp(body)
    expect(r.ok && r.value.factors).toEqual(factors)
  })

  it('keeps fields without a factor code as parameters', () => {
    const r = parseCp('RtdInterval=30;SystemTime=20160801085857')
    expect(r.ok && r.value.params).toEqual({ RtdInterval: '30', SystemTime: '20160801085857' })
  })

  it('accepts an empty body (the 9014 acknowledgement)', () => {
    expect(parseCp('')).toEqual({ ok: true, value: { factors: {}, params: {}, deviations: [], malformedFields: [] } })
  })

  // Issue 12: one malformed field no longer rejects the frame; it is dropped and the rest kept.
  it.each([
    ['a34004-Rtd', /not name=value/],
    ['=5', /not name=value/],
    ['a34004-Rtd=abc', /a34004-Rtd must be a decimal number/],
    ['a34004-Rtd=', /must be a decimal number/],
    ['a34004-Rtd=0x10', /must be a decimal number/],
    ['a34004-Rtd=Infinity', /must be a decimal number/],
    ['a34004-Rtd=1e400', /must be a decimal number/],
    ['a34004-Rtd=1,a34004-Rtd=2', /duplicate CP field a34004-Rtd/],
    ['RtdInterval=1;RtdInterval=2', /duplicate CP parameter RtdInterval/],
    ['__proto__-Rtd=1', /invalid CP field name/],
    ['-Rtd=1', /invalid CP field name/],
    ['a34004-=1', /invalid CP field name/],
    ['__proto__=1', /invalid CP parameter name/],
    ['LA-Rtd-Rtd=50.1', /invalid CP field name/],
  ])('drops the malformed field of %j and keeps the good ones', (bad, problem) => {
    const r = parseCp(`DataTime=20160801085857;a21026-Rtd=12,a21026-Flag=N;${bad}`)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.deviations).toEqual(['malformed-field'])
    expect(r.value.malformedFields).toHaveLength(1)
    expect(r.value.malformedFields[0]!.problem).toMatch(problem)
    expect(r.value.factors.a21026).toEqual({ Rtd: 12, Flag: 'N' })
    expect(r.value.dataTime).toBe(Date.parse('2016-08-01T08:58:57+08:00'))
  })

  it('drops a factor whose data flag is not understood, with its value (its state is unknown)', () => {
    const r = parseCp('DataTime=20160801085857;a34004-Rtd=35,a34004-Flag=P;a34002-Rtd=50,a34002-Flag=N')
    expect(r.ok && r.value.factors).toEqual({ a34002: { Rtd: 50, Flag: 'N' } })
    expect(r.ok && r.value.malformedFields).toEqual([{ field: 'a34004-Flag=P', problem: 'a34004-Flag must be one of N,F,M,S,D,C,T,B' }])
  })

  it('reads lower-case data flags as their flag and records it', () => {
    const r = parseCp('a34004-Rtd=35,a34004-Flag=n;a34002-Rtd=50,a34002-Flag=d')
    expect(r.ok && r.value.factors).toEqual({ a34004: { Rtd: 35, Flag: 'N' }, a34002: { Rtd: 50, Flag: 'D' } })
    expect(r.ok && r.value.deviations).toEqual(['flag-lowercase'])
  })

  it('reads a 17-digit DataTime (milliseconds) at its second and records it', () => {
    const r = parseCp('DataTime=20160824003817123;B01-Rtd=36.91')
    expect(r.ok && r.value.dataTime).toBe(Date.parse('2016-08-24T00:38:17+08:00'))
    expect(r.ok && r.value.deviations).toEqual(['datatime-ms'])
  })

  it('lists at most 16 malformed fields and counts the rest', () => {
    const r = parseCp(Array.from({ length: 40 }, (_, i) => `x${i}`).join(';'))
    expect(r.ok && r.value.malformedFields).toHaveLength(17)
    expect(r.ok && r.value.malformedFields[16]!.problem).toBe('and 24 more malformed fields')
  })

  it.each([
    ['DataTime=20161301000000', /DataTime must be YYYYMMDDhhmmss/],
    ['DataTime=20161201000000;DataTime=20161201000000', /duplicate CP parameter DataTime/],
  ])('still rejects %j as hj212-format: without a sure DataTime nothing can be stored', (body, message) => {
    const r = parseCp(body)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.reason).toBe('hj212-format')
      expect(r.message).toMatch(message)
    }
  })
})

// Issue 16: numbers are checked on char codes; the grammar is the one the regular expression had.
describe('parseCp numbers', () => {
  const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
  it.each([
    '35',
    '-0.5',
    '+.5',
    '5.',
    '1.2E-3',
    '1e+3',
    '-.5e-2',
    '007',
    '.',
    '+',
    '-',
    '1e',
    '1e+',
    'e5',
    '1.2.3',

    ' 1',
    '1 ',
    '0x10',
    'NaN',
    '١',
  ])('reads %j as a number exactly when the CP number grammar matches it', (v) => {
    const r = parseCp(`a34004-Rtd=${v}`)
    expect(r.ok && Object.hasOwn(r.value.factors.a34004 ?? {}, 'Rtd')).toBe(NUMBER.test(v))
  })
})
