import { describe, expect, it } from 'vitest'
import type { MarkView } from '../../../shared/src/protocol/http/review'
import { formatCstMinute, parseCstMinute, roundSelection, shadesOf, yesterdayCst } from './review-model'

const mark = (o: Partial<MarkView>): MarkView => ({
  id: 'x',
  seq: 1,
  stationId: 'S',
  metrics: ['pm25'],
  from: '2026-11-24T02:00:00.000Z',
  to: '2026-11-24T04:00:00.000Z',
  action: 'invalid',
  reason: 'calibration',
  by: 'r',
  at: '2026-11-25T00:00:00.000Z',
  ...o,
})

describe('review model', () => {
  it('shades the marks in force on the metric, in order of application', () => {
    const s = shadesOf(
      [
        mark({ seq: 2, action: 'correct', reason: 'correction' }),
        mark({ seq: 1 }),
        mark({ seq: 3, withdrawn: { by: 'r', at: '' } }),
        mark({ seq: 4, metrics: ['pm10'] }),
      ],
      'pm25',
      (m) => m.reason,
    )
    expect(s.map((x) => [x.kind, x.label])).toEqual([
      ['invalid', 'calibration'],
      ['corrected', 'correction'],
    ])
    expect(s[0]!.to - s[0]!.from).toBe(2 * 3_600_000)
  })

  it('reads and writes CST minutes', () => {
    const t = Date.parse('2026-11-24T10:00:00+08:00')
    expect(parseCstMinute('2026-11-24 10:00')).toBe(t)
    expect(parseCstMinute('2026-11-24T10:00')).toBe(t)
    expect(formatCstMinute(t)).toBe('2026-11-24 10:00')
    expect(parseCstMinute('2026-02-30 10:00')).toBeUndefined()
    expect(parseCstMinute('yesterday')).toBeUndefined()
  })

  it('rounds a drag to 5 minutes and signs off yesterday by default', () => {
    expect(roundSelection(Date.parse('2026-11-24T10:03:00+08:00'))).toBe(Date.parse('2026-11-24T10:05:00+08:00'))
    expect(yesterdayCst(Date.parse('2026-11-25T00:30:00+08:00'))).toBe('2026-11-24')
  })
})
