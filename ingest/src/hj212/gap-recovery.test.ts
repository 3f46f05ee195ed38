import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Reading } from '../../../shared/src/domain/reading'
import {
  buildDataUpload,
  buildExecResult,
  buildRequestAnswer,
  buildTimeUpload,
  parseFrame,
  readRequest,
  type Hj212Packet,
} from '../../../shared/src/protocol/hj212/index'
import { CommandLog } from './command-log'
import { CommandSession } from './command-session'
import { LiveSlotGapFinder } from './gap-finder'
import { chunk, GapRecovery } from './gap-recovery'

const MIN = 60_000
const HOUR = 3_600_000
const H = Date.parse('2026-01-01T08:00:00+08:00')
const addr = { mn: 'MN1', pw: 'pw', st: '22' }

function packet(frame: string): Hj212Packet {
  const p = parseFrame(frame)
  if (!p.ok) throw new Error(p.message)
  return p.value
}
/** A live real-time frame of minute `m` (it carries the logger's address). */
const live = (m: number) =>
  packet(
    buildDataUpload({
      cn: '2011',
      qn: '20260101080000000',
      st: '22',
      pw: 'pw',
      mn: 'MN1',
      dataTime: H + m * MIN,
      factors: { a34004: { Rtd: 1, Flag: 'N' } },
    })[0]!,
  )
const readings = (...minutes: number[]): Reading[] =>
  minutes.map((m) => ({ stationId: 'A', kind: 'air', ts: H + m * MIN, values: { pm25: 1 } }))

describe('LiveSlotGapFinder', () => {
  it('reports the unseen slots of a range as runs, and nothing before the first reading since start', async () => {
    const f = new LiveSlotGapFinder()
    f.record(
      'A',
      MIN,
      [...Array(60).keys()].filter((m) => m < 15 || m >= 45 || m === 30).map((m) => H + m * MIN),
    )
    expect(await f.missing('A', H - HOUR, H + HOUR - 1, MIN)).toEqual([
      { from: H + 15 * MIN, to: H + 29 * MIN },
      { from: H + 31 * MIN, to: H + 44 * MIN },
    ])
    expect(await f.missing('B', H, H + HOUR, MIN)).toEqual([])
  })
})

describe('chunk', () => {
  it('splits a span into pieces of at most the max span, on the grid', () => {
    expect(chunk({ from: H, to: H + 14 * HOUR - MIN }, 6 * HOUR, MIN)).toEqual([
      { from: H, to: H + 6 * HOUR - MIN },
      { from: H + 6 * HOUR, to: H + 12 * HOUR - MIN },
      { from: H + 12 * HOUR, to: H + 14 * HOUR - MIN },
    ])
  })
})

describe('GapRecovery', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(H + 3 * HOUR)
  })
  afterEach(() => vi.useRealTimers())

  function setup() {
    const sent: Hj212Packet[] = []
    const log = new CommandLog()
    const session = new CommandSession({
      log,
      now: () => Date.now(),
      send: (_id, f) => (sent.push(packet(f)), 'tcp'),
      timeoutMs: 5_000,
      onDone: (d) => recovery.done(d),
    })
    const recovery = new GapRecovery({
      session,
      finder: new LiveSlotGapFinder(),
      now: () => Date.now(),
      intervalOf: () => MIN,
      maxSpanMs: 10 * MIN,
      clockThresholdMs: 300_000,
    })
    /** The logger answers the last command: 9011, (clock), 9012. */
    const answer = (clock?: number) => {
      const p = sent.at(-1)!
      recovery.frame('A', packet(buildRequestAnswer(addr, p.qn!, 1)), Date.now())
      if (clock !== undefined) recovery.frame('A', packet(buildTimeUpload(addr, p.qn!, clock)), Date.now())
      recovery.frame('A', packet(buildExecResult(addr, p.qn!, 1)), Date.now())
    }
    return { sent, log, recovery, answer }
  }

  it('on return after silence requests the gap in chunks, one at a time, and marks it recovered', async () => {
    const { sent, recovery, answer, log } = setup()
    recovery.frame('A', live(0), Date.now()) // first sight: clock read
    expect(sent.map((p) => p.cn)).toEqual(['1011'])
    answer(Date.now())
    recovery.readings('A', readings(...[...Array(15).keys()]))
    recovery.readings('A', readings(45))
    await vi.advanceTimersByTimeAsync(0)
    // 15..44 is 30 minutes: three 10-minute chunks, sent one after another.
    expect(sent.map((p) => p.cn)).toEqual(['1011', '2051'])
    expect(readRequest(sent[1]!)).toMatchObject({ begin: H + 15 * MIN, end: H + 24 * MIN + 59_000 })
    answer()
    answer()
    answer()
    expect(sent.map((p) => p.cn)).toEqual(['1011', '2051', '2051', '2051'])
    expect(recovery.list('A')[0]).toMatchObject({ state: 'no-data', from: H + 15 * MIN, to: H + 44 * MIN, commands: [2, 3, 4] })
    expect(
      log
        .list()
        .filter((e) => e.cn === '2051')
        .every((e) => e.state === 'executed'),
    ).toBe(true)
  })

  it('sets the clock when the logger is off by more than the threshold', () => {
    const { sent, answer, recovery } = setup()
    recovery.frame('A', live(0), Date.now())
    answer(Date.now() - 600_000)
    expect(sent.map((p) => p.cn)).toEqual(['1011', '1012'])
    expect(readRequest(sent[1]!)).toMatchObject({ type: 'set-time', time: Math.floor(Date.now() / 1000) * 1000 })
  })

  it('a clock set after a clock read goes before a history request waiting behind it, and both complete', async () => {
    const { sent, answer, recovery, log } = setup()
    recovery.frame('A', live(0), Date.now())
    recovery.readings('A', readings(0))
    recovery.readings('A', readings(10)) // a gap while the clock read is outstanding: queued
    await vi.advanceTimersByTimeAsync(0)
    answer(Date.now() - 600_000)
    expect(sent.map((p) => p.cn)).toEqual(['1011', '1012'])
    answer()
    expect(sent.map((p) => p.cn)).toEqual(['1011', '1012', '2051'])
    answer()
    expect(log.list().map((e) => [e.cn, e.state])).toEqual([
      ['2051', 'executed'],
      ['1012', 'executed'],
      ['1011', 'executed'],
    ])
    expect(recovery.list('A')[0]).toMatchObject({ state: 'no-data', commands: [3] })
  })

  it('a sweep of the last closed hour requests its holes once', async () => {
    const { sent, recovery, answer } = setup()
    recovery.frame('A', live(0), Date.now())
    answer(Date.now())
    vi.setSystemTime(H + HOUR + 5 * MIN)
    recovery.readings('A', readings(0, 1, 2))
    await recovery.sweep(['A'])
    await recovery.sweep(['A'])
    expect(sent.filter((p) => p.cn === '2051')).toHaveLength(1)
    expect(recovery.list('A')[0]).toMatchObject({ found: 'sweep', from: H + 3 * MIN, to: H + HOUR - MIN })
  })
})
