import { describe, expect, it } from 'vitest'
import { applyMarks, invalidatedRanges } from './apply-marks'
import type { Mark } from './marks'

const H = 3_600_000
const mark = (seq: number, from: number, to: number, o: Partial<Mark> = {}): Mark => ({
  id: `m${seq}`,
  seq,
  stationId: 'S1',
  metrics: ['pm25'],
  from,
  to,
  action: 'invalid',
  reason: 'calibration',
  by: 'r',
  at: 0,
  ...o,
})
const pts = { t: [0, H, 2 * H, 3 * H], v: [10, 20, 30, 40] }

describe('applyMarks', () => {
  it('leaves values out (NaN) where an invalid mark covers them, [from, to)', () => {
    expect(applyMarks(pts, 'S1', 'pm25', [mark(1, H, 3 * H)]).v).toEqual([10, NaN, NaN, 40])
  })

  it('replaces values with a correction', () => {
    expect(applyMarks(pts, 'S1', 'pm25', [mark(1, 0, H + 1, { action: 'correct', reason: 'correction', value: 12 })]).v).toEqual([
      12, 12, 30, 40,
    ])
  })

  it('ignores marks of other stations and metrics', () => {
    expect(applyMarks(pts, 'S1', 'pm25', [mark(1, 0, 4 * H, { stationId: 'S2' }), mark(2, 0, 4 * H, { metrics: ['pm10'] })]).v).toEqual([
      10, 20, 30, 40,
    ])
  })

  it('lets the mark applied last win an overlap, whatever order the marks are listed in', () => {
    const a = mark(1, 0, 4 * H)
    const b = mark(2, H, 2 * H, { action: 'correct', reason: 'correction', value: 5 })
    expect(applyMarks(pts, 'S1', 'pm25', [b, a]).v).toEqual([NaN, 5, NaN, NaN])
    expect(applyMarks(pts, 'S1', 'pm25', [a, b]).marks.map((m) => m?.id)).toEqual(['m1', 'm2', 'm1', 'm1'])
  })
})

describe('invalidatedRanges', () => {
  it('merges touching invalid stretches per station and metric', () => {
    expect(invalidatedRanges([mark(1, 0, H), mark(2, H, 2 * H)])).toEqual([{ stationId: 'S1', metric: 'pm25', from: 0, to: 2 * H }])
  })

  it('cuts out what a later correction re-instates', () => {
    expect(invalidatedRanges([mark(1, 0, 4 * H), mark(2, H, 2 * H, { action: 'correct', reason: 'correction', value: 1 })])).toEqual([
      { stationId: 'S1', metric: 'pm25', from: 0, to: H },
      { stationId: 'S1', metric: 'pm25', from: 2 * H, to: 4 * H },
    ])
  })

  it('lets a later invalid mark cover an earlier correction', () => {
    expect(
      invalidatedRanges([
        mark(1, 0, H, { action: 'correct', reason: 'correction', value: 1 }),
        mark(2, 0, 2 * H, { metrics: ['pm25', 'pm10'] }),
      ]),
    ).toEqual([
      { stationId: 'S1', metric: 'pm10', from: 0, to: 2 * H },
      { stationId: 'S1', metric: 'pm25', from: 0, to: 2 * H },
    ])
  })
})
