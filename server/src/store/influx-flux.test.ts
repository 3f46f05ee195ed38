import { describe, expect, it } from 'vitest'
import { completenessQuery, firstSeenQuery } from './influx-flux'

const T0 = Date.UTC(2026, 2, 1, 16)

describe('completeness Flux', () => {
  it('counts flag fields per window and sums the valid ones, outside the invalidated ranges', () => {
    const count = completenessQuery('b', ['S1'], T0, T0 + 3_600_000, '1h', 'count')
    expect(count).toContain('r._field =~ /:flag$/')
    expect(count).toContain('fn: count')
    expect(count).not.toContain('map(')
    const sum = completenessQuery('b', ['S1'], T0, T0 + 86_400_000, '1d', 'sum', [
      { stationId: 'S1', metric: 'o3', from: T0, to: T0 + 60_000 },
      { stationId: 'S1', from: T0, to: Infinity },
    ])
    expect(sum).toContain('offset: 16h')
    expect(sum).toContain(
      'if (r._value == "N" or r._value == "S") and not ((r.station == "S1" and r._field == "o3:flag" and r._time >= 2026-03-01T16:00:00.000Z and r._time < 2026-03-01T16:01:00.000Z) or (r.station == "S1" and r._time >= 2026-03-01T16:00:00.000Z and r._time < 2262-01-01T00:00:00.000Z)) then 1 else 0',
    )
  })

  it('quotes station ids, so none can end the string and add Flux', () => {
    const q = firstSeenQuery('b', ['x" or true or r.station == "y'], T0)
    expect(q).toContain('r.station == "x\\" or true or r.station == \\"y"')
  })
})
