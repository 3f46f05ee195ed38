import { describe, expect, it } from 'vitest'
import { decodeHj212Payload, garbageRejectReason } from './decode-payload'
import { buildDataAck, buildDataUpload } from './encode'
import { WATER_2005 } from './test-fixtures'

const utf8 = new TextEncoder()
const T = Date.parse('2026-11-24T08:00:00+08:00')
const frame = (mn: string, rtd: number): string =>
  buildDataUpload({ cn: '2011', qn: '20261124080005123', st: '22', pw: '123456', mn, dataTime: T, factors: { a34004: { Rtd: rtd } } })[0]!
const station = { id: 'DG-A01', kind: 'air' as const, mn: 'DG0001' }

describe('decodeHj212Payload', () => {
  it('decodes every frame of a payload', () => {
    const r = decodeHj212Payload(utf8.encode(frame('DG0001', 1) + frame('DG0001', 2)), station, T)
    expect(r.ok && r.value.readings.map((x) => x.values.pm25)).toEqual([1, 2])
  })

  it('accepts the good frames and lists the bad ones', () => {
    const bad = `${frame('DG0001', 3).slice(0, -6)}0000\r\n`
    const r = decodeHj212Payload(utf8.encode(frame('DG0001', 1) + bad), station, T)
    expect(r.ok && r.value.readings).toHaveLength(1)
    expect(r.ok && r.value.rejected).toMatchObject([{ index: 1, reason: 'hj212-crc' }])
  })

  it('rejects a frame from another data logger than the station registered', () => {
    expect(decodeHj212Payload(utf8.encode(frame('DG0002', 1)), station, T)).toMatchObject({ ok: false, reason: 'unauthorized' })
  })

  it('accepts any MN when the station has none registered', () => {
    expect(decodeHj212Payload(utf8.encode(frame('DG0002', 1)), { id: 'DG-A01', kind: 'air' }, T).ok).toBe(true)
  })

  it.each([
    ['an empty payload', '', 'hj212-format', 'payload holds no HJ 212 frame'],
    ['plain text', 'hello', 'hj212-format', '5 bytes outside a frame (no-header)'],
    ['a frame without its CRLF', frame('DG0001', 1).slice(0, -2), 'hj212-length', 'incomplete'],
    ['only out-of-window data', frame('DG0001', 1), 'ts-too-old', 'older than the retention window'],
  ])('rejects %s', (name, payload, reason, message) => {
    const now = name.startsWith('only') ? T + 500 * 24 * 3600_000 : T
    const r = decodeHj212Payload(utf8.encode(payload), station, now)
    expect(r).toMatchObject({ ok: false, reason })
    if (!r.ok) expect(r.message).toContain(message)
  })

  it('accepts a frame without readings (a 9014) with nothing to store', () => {
    expect(decodeHj212Payload(utf8.encode(buildDataAck({ qn: '20261124080005123', pw: '1', mn: 'DG0001' })), station, T)).toEqual({
      ok: true,
      value: { readings: [], warnings: [], rejected: [] },
    })
  })

  it('decodes the 2005-style reference frame for a wastewater station', () => {
    const r = decodeHj212Payload(utf8.encode(WATER_2005), { id: 'DG-W01', kind: 'wastewater' }, Date.parse('2016-01-03T13:31:00+08:00'))
    expect(r.ok && r.value.readings[0]!.values).toEqual({ nh3n: 3.0943, cod: 18.0412, ph: 8.2137, B01: 10.989 })
  })
})

describe('garbageRejectReason', () => {
  it.each([
    ['no-header', 'hj212-format'],
    ['bad-length-field', 'hj212-format'],
    ['truncated', 'hj212-length'],
    ['incomplete', 'hj212-length'],
    ['oversized', 'too-large'],
    ['invalid-utf8', 'invalid-utf8'],
  ] as const)('maps %s to %s', (g, r) => {
    expect(garbageRejectReason(g)).toBe(r)
  })
})
