import { mkdtempSync, rmSync, appendFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Station } from '../../../shared/src/domain/station'
import { ReviewLog } from './review-log'
import { ReviewService, type ReviewChange } from './review-service'

const H = 3_600_000
const NOW = Date.parse('2026-03-05T00:00:00+08:00')
const T = Date.parse('2026-03-01T10:00:00+08:00')
const A1: Station = { id: 'A1', kind: 'air', nameZh: '', nameEn: '', lon: 0, lat: 0, town: '莞城街道', approx: true, intervalSec: 60 }
const dirs: string[] = []
const service = (dir = mkdtempSync(join(tmpdir(), 'envmon-review-unit-'))) => {
  dirs.push(dir)
  const s = new ReviewService({
    log: new ReviewLog(dir),
    registry: { get: (id) => (id === 'A1' ? A1 : undefined), list: () => [A1] },
    now: () => NOW,
    remitOf: () => undefined,
  })
  return { s, dir }
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const alert = { stationId: 'A1', kind: 'air' as const, rule: 'air.pm25.1h', metric: 'pm25', openedAt: T + 30 * 60_000 }

describe('ReviewService', () => {
  it('annotates an alert whose opening data a mark left out, and only then', () => {
    const { s } = service()
    expect(s.invalidating(alert)).toBeUndefined()
    const m = s.mark({ stationId: 'A1', metrics: ['pm25'], from: T, to: T + H, action: 'invalid', reason: 'instrument-fault' }, 'r')
    expect(m.ok).toBe(true)
    expect(s.invalidating(alert)?.reason).toBe('instrument-fault')
    expect(s.invalidating({ ...alert, metric: 'pm10', rule: 'air.pm10.1h' })).toBeUndefined()
    // The hourly AQI rests on every pollutant: a left-out PM2.5 invalidates it too.
    expect(s.invalidating({ ...alert, metric: 'aqi', rule: 'air.aqi' })).toBeDefined()
    expect(s.invalidating({ ...alert, rule: 'station.offline', metric: 'status' })).toBeUndefined()
  })

  it('tells its listeners which stretch changed, on a mark and on a withdrawal', () => {
    const { s } = service()
    const seen: ReviewChange[] = []
    s.onChange((c) => seen.push(c))
    const m = s.mark({ stationId: 'A1', metrics: ['pm25'], from: T, to: T + H, action: 'correct', value: 12, reason: '', note: 'x' }, 'r')
    if (!m.ok) throw new Error(m.refusal.message)
    expect(s.withdraw(m.value.id, 'r').ok).toBe(true)
    expect(seen).toEqual([
      { stationId: 'A1', kind: 'air', from: T, to: T + H },
      { stationId: 'A1', kind: 'air', from: T, to: T + H },
    ])
  })

  it('keeps every record across a restart, and skips a torn last line', () => {
    const { s, dir } = service()
    const m = s.mark({ stationId: 'A1', metrics: ['pm25'], from: T, to: T + H, action: 'invalid', reason: 'maintenance' }, 'r')
    if (!m.ok) throw new Error(m.refusal.message)
    s.signoff({ stationId: 'A1' }, { day: '2026-03-02' }, 'r')
    appendFileSync(join(dir, 'marks.jsonl'), '{"type":"mark","mark":{"id"')
    const again = new ReviewService({
      log: new ReviewLog(dir),
      registry: { get: () => A1, list: () => [A1] },
      now: () => NOW,
      remitOf: () => undefined,
    })
    expect(again.marks().map((x) => x.id)).toEqual([m.value.id])
    expect(again.signoffs()).toHaveLength(1)
    // Sequence numbers continue after the ones on disk: the order of application survives.
    const next = again.mark({ stationId: 'A1', metrics: ['pm10'], from: T, to: T + H, action: 'invalid', reason: 'maintenance' }, 'r')
    expect(next.ok && next.value.seq).toBe(3)
  })

  it('gives the invalidated ranges for completeness', () => {
    const { s } = service()
    s.mark({ stationId: 'A1', metrics: ['pm25', 'pm10'], from: T, to: T + 2 * H, action: 'invalid', reason: 'power-cut' }, 'r')
    expect(s.invalidatedRanges()).toEqual([
      { stationId: 'A1', metric: 'pm10', from: T, to: T + 2 * H },
      { stationId: 'A1', metric: 'pm25', from: T, to: T + 2 * H },
    ])
  })
})
