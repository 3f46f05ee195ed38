import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Reading } from '../../../shared/src/domain/reading'
import { LiveThrottle } from './live-throttle'
import type { LiveSnapshot } from '../../../shared/src/protocol/cluster/messages'

const station = { id: 'DG-AIR-01', kind: 'air' as const }
const r = (ts: number, values: Record<string, number>): Reading => ({ stationId: station.id, kind: 'air', ts, values })

let sent: LiveSnapshot[]
let throttle: LiveThrottle
beforeEach(() => {
  vi.useFakeTimers({ now: 100_000 })
  sent = []
  throttle = new LiveThrottle({ intervalMs: 1000, now: Date.now, aqiFor: () => undefined, send: (s) => sent.push(structuredClone(s)) })
})
afterEach(() => {
  throttle.close()
  vi.useRealTimers()
})

describe('LiveThrottle (the rules owner’s live feed)', () => {
  it('publishes a quiet station’s reading at once', () => {
    throttle.update(station, [r(1000, { pm25: 10 })])
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({
      stationId: 'DG-AIR-01',
      kind: 'air',
      reading: { ts: 1000, values: { pm25: 10 } },
      latest: { pm25: [10, 1000, 'N'] },
    })
  })

  it('publishes at most once per interval, the newest reading with every metric’s newest value', () => {
    throttle.update(station, [r(1000, { pm25: 10 })])
    throttle.update(station, [r(2000, { pm25: 11, o3: 50 })])
    throttle.update(station, [r(1500, { no2: 30 })])
    expect(sent).toHaveLength(1)
    vi.advanceTimersByTime(1000)
    expect(sent).toHaveLength(2)
    expect(sent[1]).toMatchObject({
      reading: { ts: 2000, values: { pm25: 11, o3: 50 } },
      latest: { pm25: [11, 2000, 'N'], o3: [50, 2000, 'N'], no2: [30, 1500, 'N'] },
    })
    vi.advanceTimersByTime(5000)
    expect(sent).toHaveLength(2)
  })
})
