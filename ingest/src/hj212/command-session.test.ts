import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  buildDataUpload,
  buildExecResult,
  buildRequestAnswer,
  buildTimeUpload,
  encodeFrame,
  parseFrame,
  readRequest,
  type Hj212Packet,
} from '../../../shared/src/protocol/hj212/index'
import { CommandLog } from './command-log'
import { CommandSession, type CommandOutcome } from './command-session'

const addr = { mn: 'MN0001', pw: 'pw1', st: '22' }
const other = { mn: 'MN0002', pw: 'pw2', st: '22' }
const T0 = Date.parse('2026-01-01T08:00:00+08:00')

function packet(frame: string): Hj212Packet {
  const p = parseFrame(frame)
  if (!p.ok) throw new Error(p.message)
  return p.value
}

function setup(opts: { route?: boolean; retries?: number } = {}) {
  const sent: { stationId: string; p: Hj212Packet }[] = []
  const done: CommandOutcome[] = []
  const log = new CommandLog()
  const session = new CommandSession({
    log,
    now: () => Date.now(),
    send: (stationId, frame) => {
      if (opts.route === false) return undefined
      sent.push({ stationId, p: packet(frame) })
      return 'tcp'
    },
    timeoutMs: 10_000,
    retries: opts.retries ?? 1,
    backoffMs: 1_000,
    onDone: (o) => done.push(o),
  })
  session.setAddress('A', addr)
  session.setAddress('B', other)
  return { session, sent, done, log }
}

const minute = (t: number, qn: string, mn = addr.mn) =>
  packet(buildDataUpload({ cn: '2051', qn, st: '22', pw: 'pw1', mn, dataTime: t, factors: { a34004: { Avg: 30, Flag: 'N' } } })[0]!)

describe('CommandSession', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(T0)
  })
  afterEach(() => vi.useRealTimers())

  it('follows request → 9011 → uploads → 9012 and logs every state', () => {
    const { session, sent, done, log } = setup()
    const r = session.request('A', { type: 'history', kind: 'minute', begin: T0 - 30 * 60_000, end: T0 - 60_000 }, 'auto')
    expect(r.ok && r.entry?.state).toBe('sent')
    const req = readRequest(sent[0]!.p)
    expect(req).toMatchObject({ type: 'history', kind: 'minute', begin: T0 - 30 * 60_000 })
    const qn = sent[0]!.p.qn!
    expect(session.observe('A', packet(buildRequestAnswer(addr, qn, 1)), Date.now())).toEqual({ action: 'consume' })
    expect(log.list()[0]!.state).toBe('acknowledged')
    for (let i = 30; i >= 1; i--) expect(session.observe('A', minute(T0 - i * 60_000, qn), Date.now()).action).toBe('history')
    // Ordinary real-time data passes while the command runs.
    expect(session.observe('A', minute(T0, '20260101080000001'), Date.now())).toEqual({ action: 'pass' })
    expect(session.observe('A', packet(buildExecResult(addr, qn, 1)), Date.now())).toEqual({ action: 'consume' })
    expect(log.list()[0]).toMatchObject({
      state: 'executed',
      readings: 30,
      cn: '2051',
      params: { BeginTime: '20260101073000', EndTime: '20260101075900' },
    })
    expect(done).toHaveLength(1)
    expect(session.busy('A')).toBeUndefined()
  })

  it('one outstanding command per station: the next waits and goes when the first ends', () => {
    const { session, sent } = setup()
    session.request('A', { type: 'get-time' }, 'auto')
    const r2 = session.request('A', { type: 'set-time' }, 'auto')
    expect(r2).toEqual({ ok: true })
    expect(sent).toHaveLength(1)
    session.request('B', { type: 'get-time' }, 'auto') // another station is independent
    expect(sent).toHaveLength(2)
    const qn = sent[0]!.p.qn!
    session.observe('A', packet(buildRequestAnswer(addr, qn, 1)), Date.now())
    session.observe('A', packet(buildTimeUpload(addr, qn, Date.now() - 600_000)), Date.now())
    session.observe('A', packet(buildExecResult(addr, qn, 1)), Date.now())
    expect(sent).toHaveLength(3)
    expect(sent[2]!.p.cn).toBe('1012')
  })

  it('reports the clock of a 1011 answer', () => {
    const { session, sent, done } = setup()
    session.request('A', { type: 'get-time' }, 'auto')
    const qn = sent[0]!.p.qn!
    session.observe('A', packet(buildRequestAnswer(addr, qn, 1)), Date.now())
    session.observe('A', packet(buildTimeUpload(addr, qn, T0 - 600_000)), T0)
    session.observe('A', packet(buildExecResult(addr, qn, 1)), T0)
    expect(done[0]!.clock).toEqual({ systemTime: T0 - 600_000, receivedAt: T0 })
    expect(done[0]!.entry.result).toContain('-600 s')
  })

  it('resends with a new QN after the timeout and back-off, then times out; a late answer to the old QN is consumed', () => {
    const { session, sent, log, done } = setup({ retries: 1 })
    session.request('A', { type: 'get-time' }, 'auto')
    const qn1 = sent[0]!.p.qn!
    vi.advanceTimersByTime(10_000)
    expect(sent).toHaveLength(1) // back-off first
    vi.advanceTimersByTime(1_000)
    expect(sent).toHaveLength(2)
    const qn2 = sent[1]!.p.qn!
    expect(qn2).not.toBe(qn1)
    expect(log.list()[0]).toMatchObject({ qn: qn2, attempts: 2, state: 'sent' })
    expect(session.observe('A', packet(buildRequestAnswer(addr, qn1, 1)), Date.now())).toEqual({ action: 'consume' })
    vi.advanceTimersByTime(10_000)
    expect(log.list()[0]).toMatchObject({ state: 'timed-out', result: 'no answer after 2 attempt(s)' })
    expect(done).toHaveLength(1)
    expect(session.stats.timedOut).toBe(1)
  })

  it('a refusal (QnRtn=3) fails the command without retrying', () => {
    const { session, sent, log } = setup()
    session.request('A', { type: 'get-time' }, 'auto')
    session.observe('A', packet(buildRequestAnswer(addr, sent[0]!.p.qn!, 3)), Date.now())
    expect(log.list()[0]).toMatchObject({ state: 'failed', result: expect.stringContaining('wrong PW') })
    vi.advanceTimersByTime(60_000)
    expect(sent).toHaveLength(1)
  })

  it('without a live link the command fails at once', () => {
    const { session, log } = setup({ route: false })
    session.request('A', { type: 'get-time' }, 'auto')
    expect(log.list()[0]).toMatchObject({ state: 'failed', result: expect.stringContaining('no live HJ 212 link') })
  })

  it('an unknown station cannot be addressed', () => {
    const { session } = setup()
    expect(session.request('Z', { type: 'get-time' }, 'auto')).toMatchObject({ ok: false })
  })

  describe('bad answers are refused with a reason and never block', () => {
    it('an answer to a QN never asked', () => {
      const { session } = setup()
      const v = session.observe('A', packet(buildExecResult(addr, '20991231235959999', 1)), Date.now())
      expect(v).toMatchObject({ action: 'refuse', message: expect.stringContaining('never sent') })
      expect(session.stats.refused).toBe(1)
    })

    it('a garbled answer fails the command it names', () => {
      const { session, sent, log } = setup()
      session.request('A', { type: 'get-time' }, 'auto')
      const bad = packet(encodeFrame({ qn: sent[0]!.p.qn!, st: '91', cn: '9011', pw: addr.pw, mn: addr.mn, flag: 4, cp: 'QnRtn=garbage' }))
      expect(session.observe('A', bad, Date.now())).toMatchObject({ action: 'refuse' })
      expect(log.list()[0]).toMatchObject({ state: 'failed', result: expect.stringContaining('garbled') })
    })

    it('history for another MN under our QN is not stored', () => {
      const { session, sent } = setup()
      session.request('A', { type: 'history', kind: 'minute', begin: T0 - 600_000, end: T0 }, 'auto')
      const qn = sent[0]!.p.qn!
      expect(session.observe('B', minute(T0 - 60_000, qn, other.mn), Date.now())).toMatchObject({
        action: 'refuse',
        message: expect.stringContaining('a request to station A'),
      })
    })

    it('a flood of history beyond twice the span is cut off', () => {
      const { session, sent } = setup()
      session.request('A', { type: 'history', kind: 'minute', begin: T0 - 4 * 60_000, end: T0 }, 'auto')
      const qn = sent[0]!.p.qn!
      const verdicts = Array.from({ length: 40 }, (_, i) => session.observe('A', minute(T0 - (i % 5) * 60_000, qn), Date.now()).action)
      expect(verdicts.filter((v) => v === 'history')).toHaveLength(2 * 5 + 10)
      expect(verdicts.filter((v) => v === 'refuse')).toHaveLength(40 - 20)
    })

    it('history outside the requested span is not stored', () => {
      const { session, sent } = setup()
      session.request('A', { type: 'history', kind: 'minute', begin: T0 - 4 * 60_000, end: T0 }, 'auto')
      expect(session.observe('A', minute(T0 - 3600_000, sent[0]!.p.qn!), Date.now())).toMatchObject({
        action: 'refuse',
        message: expect.stringContaining('outside'),
      })
    })
  })
})
