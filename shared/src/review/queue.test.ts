import { describe, expect, it } from 'vitest'
import { reviewQueue, type StationDayFacts } from './queue'

const f = (o: Partial<StationDayFacts>): StationDayFacts => ({
  stationId: 'S1',
  day: '2026-11-24',
  signedOff: false,
  hoursWithData: 24,
  flaggedHours: 0,
  invalidMarks: 0,
  unreviewedExceedances: 0,
  ...o,
})

describe('reviewQueue', () => {
  it('lists nothing for a complete, clean day', () => {
    expect(reviewQueue([f({})])).toEqual([])
  })
  it.each([
    ['flagged', { flaggedHours: 2 }],
    ['invalid', { invalidMarks: 1 }],
    ['missing', { hoursWithData: 21 }],
    ['exceedance', { unreviewedExceedances: 1 }],
  ])('lists a day with %s data', (reason, o) => {
    expect(reviewQueue([f(o)])[0]!.reasons).toEqual([reason])
  })
  it('never lists a signed-off day', () => {
    expect(reviewQueue([f({ flaggedHours: 3, signedOff: true })])).toEqual([])
  })
  it('orders newest day first, then by station', () => {
    const q = reviewQueue([
      f({ stationId: 'B', hoursWithData: 0 }),
      f({ stationId: 'A', hoursWithData: 0 }),
      f({ day: '2026-11-25', hoursWithData: 0 }),
    ])
    expect(q.map((x) => `${x.day} ${x.stationId}`)).toEqual(['2026-11-25 S1', '2026-11-24 A', '2026-11-24 B'])
  })
})
