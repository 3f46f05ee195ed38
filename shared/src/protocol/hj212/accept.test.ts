import { describe, expect, it } from 'vitest'
import { acceptPacket } from './accept'
import { buildDataUpload } from './encode'
import type { Hj212Packet } from './packet'
import { parseFrame } from './parse'
import { STANDARD_EXAMPLE, VENDOR_AIR } from './test-fixtures'

function packet(frame: string): Hj212Packet {
  const r = parseFrame(frame)
  if (!r.ok) throw new Error(r.message)
  return r.value
}

const T = Date.parse('2026-11-24T08:00:00+08:00')
const upload = (dataTime: number, factors: Record<string, { Rtd: number }>): Hj212Packet =>
  packet(buildDataUpload({ cn: '2011', qn: '20261124080005123', st: '22', pw: '123456', mn: 'DG0001', dataTime, factors })[0]!)

describe('acceptPacket', () => {
  it('accepts a conforming upload without warnings', () => {
    expect(acceptPacket(upload(T, { a34004: { Rtd: 35 } }), { id: 'DG-A01', kind: 'air' }, T + 60_000)).toEqual({
      readings: [{ stationId: 'DG-A01', kind: 'air', ts: T, values: { pm25: 35 } }],
      warnings: [],
      rejected: [],
    })
  })

  it('warns about the deviations of a lenient frame and keeps its readings', () => {
    const o = acceptPacket(packet(VENDOR_AIR), { id: 'DG-A01', kind: 'air' }, Date.parse('2015-08-11T15:13:00+08:00'))
    expect(o.readings).toHaveLength(1)
    expect(o.warnings[0]).toEqual({
      reason: 'hj212-deviation',
      message: 'MN 120112TJTGGN13 CN 2011: accepted with deviations length-counts-crc-crlf, missing-qn, missing-flag',
    })
  })

  it('warns about metric keys outside the kind catalog but keeps them', () => {
    const o = acceptPacket(packet(VENDOR_AIR), { id: 'DG-A01', kind: 'air' }, Date.parse('2015-08-11T15:13:00+08:00'))
    expect(o.warnings[1]).toEqual({ reason: 'unknown-metric', message: 'metric(s) not in the air catalog kept as-is: TSP' })
    expect(o.readings[0]!.values).toEqual({ pm10: 89.59, TSP: 133.71 })
  })

  it.each([
    ['more than 5 minutes in the future', T + 6 * 60_000, 'ts-future'],
    ['older than the retention window', T - 401 * 24 * 3600_000, 'ts-too-old'],
  ])('rejects a reading %s', (_name, dataTime, reason) => {
    const o = acceptPacket(upload(dataTime, { a34004: { Rtd: 35 } }), { id: 'DG-A01', kind: 'air' }, T)
    expect(o.readings).toEqual([])
    expect(o.rejected).toMatchObject([{ index: 0, reason }])
  })

  it('yields nothing for a command that is not a data upload', () => {
    expect(acceptPacket(packet(STANDARD_EXAMPLE), { id: 'S', kind: 'wastewater' }, T)).toEqual({ readings: [], warnings: [], rejected: [] })
  })
})
