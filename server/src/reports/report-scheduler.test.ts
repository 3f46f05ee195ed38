/**
 * The report schedule with an injected clock and timers over a real DuckDB store in a temp dir: a
 * server down at 00:30 catches the missed reports up at start, the daily timer aims at the next
 * 00:30 CST, and a run after the catch-up makes nothing twice.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Station } from '../../../shared/src/domain/station'
import { isoCst } from '../http/time-query'
import { DuckDbStore } from '../store/duckdb-store'
import { duePeriods, msToNextDue, ReportScheduler } from './report-scheduler'
import { ReportService } from './report-service'

const cst = (s: string) => Date.parse(`${s}+08:00`)
const H = 3_600_000
const STATIONS: Station[] = [
  { id: 'A1', kind: 'air', nameZh: '测试', nameEn: 'test', lon: 113.75, lat: 23.02, town: '莞城街道', approx: true, intervalSec: 3600 },
]

describe('duePeriods and msToNextDue', () => {
  it('makes the day before due at 00:30 CST, not earlier', () => {
    expect(duePeriods(cst('2026-03-05T00:29:00'), 1).find((x) => x.kind === 'daily-air')!.period).toBe('2026-03-03')
    expect(duePeriods(cst('2026-03-05T00:30:00'), 1).find((x) => x.kind === 'daily-air')!.period).toBe('2026-03-04')
  })

  it('makes the month and its targets due on the 1st, the year on 1 January', () => {
    const due = duePeriods(cst('2026-01-01T00:30:00'), 1)
    expect(due).toEqual([
      { kind: 'daily-air', period: '2025-12-31' },
      { kind: 'monthly', period: '2025-12' },
      { kind: 'targets', period: '2025-12' },
      { kind: 'annual', period: '2025' },
    ])
  })

  it('waits until the next 00:30 CST', () => {
    expect(msToNextDue(cst('2026-03-05T00:10:00'))).toBe(20 * 60_000)
    expect(msToNextDue(cst('2026-03-05T00:30:00'))).toBe(24 * H)
    expect(msToNextDue(cst('2026-03-05T23:00:00'))).toBe(90 * 60_000)
  })
})

describe('ReportScheduler', () => {
  const dir = mkdtempSync(join(tmpdir(), 'envmon-report-schedule-'))
  let store: DuckDbStore
  let now = cst('2026-03-01T09:00:00')
  let service: ReportService
  beforeAll(async () => {
    store = await DuckDbStore.open({ path: join(dir, 'db.duckdb') })
    const readings = []
    for (let h = 0; h < 48; h++)
      readings.push({
        stationId: 'A1',
        kind: 'air' as const,
        ts: cst('2026-02-27T00:00:00') + h * H,
        values: { so2: 10, no2: 30, co: 1, pm10: 60, pm25: 40, o3: 100 },
      })
    await store.write(readings)
    service = new ReportService({
      dir: join(dir, 'reports'),
      builder: {
        store,
        stations: () => STATIONS,
        targets: {
          forPeriod: async () => ({
            period: { name: 'month', from: '', to: '', asOf: '', completedDays: 0 },
            computedAt: '',
            computing: false,
            settings: {
              sewageGeneratedM3d: null,
              sewageBaseline: '',
              airGoodDaysPct: 90,
              margins: { air: 2, sewage: 2, reclaimed: 2, energy: 5 },
            },
            targets: [],
          }),
        },
      },
      now: () => now,
      font: { path: '/nonexistent' },
      iso: isoCst,
    })
  })
  afterAll(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('catches up what a server down at 00:30 on 1 March missed, then aims at the next 00:30', async () => {
    const timers: { fn: () => void; ms: number }[] = []
    const s = new ReportScheduler(service, {
      now: () => now,
      catchUpDays: 3,
      startDelayMs: 5,
      setTimeout: (fn, ms) => timers.push({ fn, ms }),
      clearTimeout: () => undefined,
    })
    s.start()
    expect(timers.map((t) => t.ms)).toEqual([5, cst('2026-03-02T00:30:00') - now])
    timers[0]!.fn()
    await s.idle()
    expect(
      service
        .list()
        .map((r) => [r.kind, r.period, r.trigger])
        .sort(),
    ).toEqual([
      ['annual', '2025', 'catch-up'],
      ['daily-air', '2026-02-26', 'catch-up'],
      ['daily-air', '2026-02-27', 'catch-up'],
      ['daily-air', '2026-02-28', 'catch-up'],
      ['monthly', '2026-02', 'catch-up'],
      ['targets', '2026-02', 'catch-up'],
    ])
    const daily = service.get('daily-air_2026-02-28_v1')!
    expect(daily.sections[0]!.figures.find((f) => f.key === 'cityAqi')!.value).toBe(57)
    s.stop()
  }, 60_000)

  it('at the next 00:30 makes only the new day, once', async () => {
    const timers: { fn: () => void; ms: number }[] = []
    now = cst('2026-03-01T23:00:00')
    const s = new ReportScheduler(service, {
      now: () => now,
      catchUpDays: 3,
      startDelayMs: 5,
      setTimeout: (fn, ms) => timers.push({ fn, ms }),
      clearTimeout: () => undefined,
    })
    s.start()
    timers[0]!.fn()
    await s.idle()
    expect(service.list()).toHaveLength(6)
    now = cst('2026-03-02T00:30:00')
    timers[1]!.fn()
    await s.idle()
    await new Promise((r) => setImmediate(r))
    await s.idle()
    expect(service.list().map((r) => [r.id, r.trigger])[0]).toEqual(['daily-air_2026-03-01_v1', 'schedule'])
    expect(service.list()).toHaveLength(7)
    expect(timers).toHaveLength(3)
    expect(timers[2]!.ms).toBe(24 * H)
    s.stop()
  }, 60_000)
})
