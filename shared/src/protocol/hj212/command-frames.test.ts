import { describe, expect, it } from 'vitest'
import {
  buildExecResult,
  buildGetTime,
  buildHistoryRequest,
  buildRequestAnswer,
  buildSetTime,
  buildTimeUpload,
  readCommandAnswer,
  readRequest,
} from './command-frames'
import { encodeFrame } from './encode'
import { parseFrame } from './parse'
import { parseDataTime } from './time'

const to = { mn: 'DG0001', pw: '123456', st: '22' }
const qn = '20260101080000123'
const t0 = Date.parse('2026-01-01T08:15:00+08:00')

function parsed(frame: string) {
  const p = parseFrame(frame)
  if (!p.ok) throw new Error(p.message)
  return p.value
}

describe('centre requests', () => {
  it('a minute-history request carries BeginTime/EndTime in UTC+8, Flag A set, and reads back', () => {
    const f = buildHistoryRequest(to, qn, 'minute', t0, t0 + 29 * 60_000)
    const p = parsed(f)
    expect(p).toMatchObject({ qn, st: '22', cn: '2051', mn: 'DG0001', params: { BeginTime: '20260101081500', EndTime: '20260101084400' } })
    expect(p.flag).toMatchObject({ ackRequired: true, version: 1 })
    expect(readRequest(p)).toEqual({ type: 'history', qn, kind: 'minute', begin: t0, end: t0 + 29 * 60_000 })
  })

  it.each([
    ['hourly', '2061'],
    ['daily', '2031'],
  ] as const)('%s history is CN %s', (kind, cn) => {
    expect(parsed(buildHistoryRequest(to, qn, kind, t0, t0)).cn).toBe(cn)
  })

  it('refuses an inverted span', () => {
    expect(() => buildHistoryRequest(to, qn, 'minute', t0, t0 - 1)).toThrow(RangeError)
  })

  it('clock read (1011) and clock set (1012) read back', () => {
    expect(readRequest(parsed(buildGetTime(to, qn)))).toEqual({ type: 'get-time', qn })
    expect(readRequest(parsed(buildSetTime(to, qn, t0)))).toEqual({ type: 'set-time', qn, time: t0 })
  })

  it('a data upload is not a request; a history request with a bad time is invalid', () => {
    const upload = encodeFrame({ qn, st: '22', cn: '2051', pw: '1', mn: 'M', flag: 4, cp: 'DataTime=20260101081500;a34004-Avg=1' })
    expect(readRequest(parsed(upload))).toBeUndefined()
    const bad = encodeFrame({ qn, st: '22', cn: '2051', pw: '1', mn: 'M', flag: 5, cp: 'BeginTime=20261301000000;EndTime=20260101000000' })
    expect(readRequest(parsed(bad))).toMatchObject({ type: 'invalid' })
  })
})

describe('logger answers', () => {
  it('9011 QnRtn=1 is ready; QnRtn=3 is a refusal naming the wrong PW', () => {
    expect(readCommandAnswer(parsed(buildRequestAnswer(to, qn, 1)))).toEqual({
      type: 'request-answer',
      qn,
      qnRtn: '1',
      ok: true,
      meaning: 'ready to execute',
    })
    expect(readCommandAnswer(parsed(buildRequestAnswer(to, qn, 3)))).toMatchObject({ ok: false, meaning: 'wrong PW' })
  })

  it('9012 ExeRtn=1 executed, 100 no data', () => {
    expect(readCommandAnswer(parsed(buildExecResult(to, qn, 1)))).toMatchObject({ type: 'exec-result', ok: true, noData: false })
    expect(readCommandAnswer(parsed(buildExecResult(to, qn, 100)))).toMatchObject({ ok: false, noData: true, meaning: 'no data' })
  })

  it('a 1011 time upload gives the logger clock', () => {
    expect(readCommandAnswer(parsed(buildTimeUpload(to, qn, t0)))).toEqual({ type: 'time', qn, systemTime: t0 })
  })

  it('HJ/T 212-2005 style: the QN in CP', () => {
    const f = encodeFrame({ st: '91', cn: '9011', pw: '1', mn: 'M', flag: 0, cp: `QN=${qn};QnRtn=1` })
    expect(readCommandAnswer(parsed(f))).toMatchObject({ type: 'request-answer', qn, ok: true })
  })

  it.each([
    ['9011 without QnRtn', { qn, cn: '9011', cp: 'Foo=1' }],
    ['9011 with garbage QnRtn', { qn, cn: '9011', cp: 'QnRtn=yes' }],
    ['9012 without QN', { cn: '9012', cp: 'ExeRtn=1' }],
    ['1011 with a bad SystemTime', { qn, cn: '1011', cp: 'SystemTime=2026' }],
  ])('%s is invalid, with a reason', (_name, f) => {
    const a = readCommandAnswer(parsed(encodeFrame({ st: '91', pw: '1', mn: 'M', flag: 4, ...f })))
    expect(a?.type).toBe('invalid')
    expect(a && 'message' in a ? a.message : '').toMatch(/MN M CN/)
  })

  it('a data upload is not a command answer', () => {
    expect(
      readCommandAnswer(
        parsed(encodeFrame({ qn, st: '22', cn: '2011', pw: '1', mn: 'M', flag: 4, cp: 'DataTime=20260101081500;a34004-Rtd=1' })),
      ),
    ).toBeUndefined()
  })

  it('SystemTime round-trips through UTC+8', () => {
    expect(parseDataTime('20260101081500')).toBe(t0)
  })
})
