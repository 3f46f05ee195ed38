import { describe, expect, it } from 'vitest'
import type { Station } from '../../../shared/src/domain/station'
import {
  buildDataUpload,
  buildExecResult,
  buildRequestAnswer,
  buildTimeUpload,
  FrameSplitter,
  parseFrame,
  readRequest,
} from '../../../shared/src/protocol/hj212/index'
import { makeTopics } from '../../../shared/src/protocol/topics'
import { Hj212UpperComputer } from './upper-computer'

const station = { id: 'DG-AIR-01', kind: 'air', intervalSec: 60, mn: 'MN0001' } as Station
const T = Date.parse('2026-01-01T08:00:00+08:00')
const settings = {
  auto: true,
  timeoutMs: 60_000,
  retries: 0,
  backoffMs: 1000,
  maxSpanMs: 6 * 3_600_000,
  clockThresholdMs: 300_000,
  silenceIntervals: 3,
  sweepEveryMs: 0,
}
const me = { mn: 'MN0001', pw: 'pw' }
const upload = (t: number, qn = '20260101075959999') =>
  buildDataUpload({ cn: '2011', qn, st: '22', pw: 'pw', mn: 'MN0001', dataTime: t, factors: { a34004: { Rtd: 5, Flag: 'N' } } })[0]!
const utf8 = (s: string) => new TextEncoder().encode(s)

function setup() {
  const published: { topic: string; frame: string }[] = []
  const upper = new Hj212UpperComputer({
    settings,
    now: () => T,
    topics: makeTopics('envmon'),
    lookup: (id) => (id === station.id ? station : undefined),
    publish: (topic, frame) => published.push({ topic, frame }),
    sendTcp: () => false,
  })
  return { upper, published, decode: upper.mqttDecoder() }
}

describe('Hj212UpperComputer over MQTT', () => {
  it('sends its first command on the station command topic and takes the answers out of the readings', () => {
    const { published, decode, upper } = setup()
    const first = decode(utf8(upload(T)), station, T)
    expect(first).toMatchObject({ ok: true, value: { readings: [{ ts: T }] } })
    // First sight: the clock is read on the station's own command topic.
    expect(published[0]!.topic).toBe('envmon/v1/air/DG-AIR-01/hj212/cmd')
    const p = parseFrame(published[0]!.frame)
    expect(p.ok && readRequest(p.value)).toMatchObject({ type: 'get-time' })
    const qn = p.ok ? p.value.qn! : ''
    // The answers, with a live frame in the same payload: only the live frame yields readings.
    const r = decode(
      utf8(buildRequestAnswer(me, qn, 1) + buildTimeUpload({ ...me, st: '22' }, qn, T) + upload(T + 60_000) + buildExecResult(me, qn, 1)),
      station,
      T,
    )
    expect(r).toMatchObject({ ok: true, value: { readings: [{ ts: T + 60_000 }], rejected: [] } })
    expect(upper.view('DG-AIR-01').commands[0]).toMatchObject({ cn: '1011', state: 'executed', via: 'mqtt' })
    upper.close()
  })

  it('refuses an answer to a QN never asked and reports stray bytes, keeping the good frame', () => {
    const { decode, upper } = setup()
    decode(utf8(upload(T)), station, T)
    const r = decode(utf8(`${buildExecResult(me, '20990101000000000', 1)}junk bytes\r\n${upload(T + 60_000)}`), station, T)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    console.log(JSON.stringify(r.value))
    expect(r.value.readings).toHaveLength(1)
    expect(r.value.rejected.map((x) => x.reason).sort()).toEqual(['hj212-command', 'hj212-format'])
    expect(r.value.rejected.find((x) => x.reason === 'hj212-command')!.message).toContain('never sent')
    upper.close()
  })

  it("a live upload whose QN happens to equal a request's is ordinary data", () => {
    const { decode, published, upper } = setup()
    decode(utf8(upload(T)), station, T)
    const p = parseFrame(published[0]!.frame)
    const r = decode(utf8(upload(T + 60_000, p.ok ? p.value.qn! : '')), station, T)
    expect(r).toMatchObject({ ok: true, value: { readings: [{ ts: T + 60_000 }], rejected: [] } })
    upper.close()
  })

  it('a payload of answers only is accepted with no readings (not rejected)', () => {
    const { decode, published, upper } = setup()
    decode(utf8(upload(T)), station, T)
    const qn = parseFrame(published[0]!.frame)
    const r = decode(utf8(buildRequestAnswer(me, qn.ok ? qn.value.qn! : '', 1)), station, T)
    expect(r).toEqual({ ok: true, value: { readings: [], warnings: [], rejected: [] } })
    expect(new FrameSplitter().push(utf8(published[0]!.frame)).frames).toHaveLength(1)
    upper.close()
  })
})
