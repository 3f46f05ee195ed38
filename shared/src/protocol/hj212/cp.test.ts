import { describe, expect, it } from 'vitest'
import { parseCp } from './cp'

describe('parseCp', () => {
  it('parses DataTime into epoch ms and keeps it as a parameter', () => {
    const r = parseCp('DataTime=20160801085857')
    expect(r).toEqual({
      ok: true,
      value: { dataTime: Date.parse('2016-08-01T08:58:57+08:00'), factors: {}, params: { DataTime: '20160801085857' } },
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
    expect(parseCp('')).toEqual({ ok: true, value: { factors: {}, params: {} } })
  })

  it.each([
    ['a34004-Rtd', /not name=value/],
    ['=5', /not name=value/],
    ['a34004-Rtd=abc', /a34004-Rtd must be a decimal number, got "abc"/],
    ['a34004-Rtd=', /must be a decimal number/],
    ['a34004-Rtd=0x10', /must be a decimal number/],
    ['a34004-Rtd=Infinity', /must be a decimal number/],
    ['a34004-Rtd=1e400', /must be a decimal number/],
    ['a34004-Flag=P', /a34004-Flag must be one of N,F,M,S,D,C,T,B, got "P"/],
    ['a34004-Rtd=1,a34004-Rtd=2', /duplicate CP field a34004-Rtd/],
    ['RtdInterval=1;RtdInterval=2', /duplicate CP parameter RtdInterval/],
    ['__proto__-Rtd=1', /invalid CP field name/],
    ['-Rtd=1', /invalid CP field name/],
    ['a34004-=1', /invalid CP field name/],
    ['__proto__=1', /invalid CP parameter name/],
    ['DataTime=20161301000000', /DataTime must be YYYYMMDDhhmmss/],
  ])('rejects %j as hj212-format', (body, message) => {
    const r = parseCp(body)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.reason).toBe('hj212-format')
      expect(r.message).toMatch(message)
    }
  })
})
