import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Reading } from '../../../shared/src/domain/reading'
import type { Station } from '../../../shared/src/domain/station'
import { StationRegistry } from '../../../ingest/src/stations/station-registry'
import { DuckDbStore } from '../store/duckdb-store'
import { DEFAULT_TARGETS_CONFIG, sewageBaseline } from './targets-config'
import type { TargetsBody } from '../../../shared/src/protocol/http/targets'
import { SETTLE_MS, TargetsService } from './targets-service'

const H = 3_600_000
const cst = (s: string) => Date.parse(`${s}+08:00`)
const base = { nameZh: 'x', nameEn: 'x', lon: 113.7, lat: 23, town: 't', approx: true, intervalSec: 3600 }
const plant: Station = { ...base, id: 'P1', kind: 'wastewater', capacityM3d: 10_000, keySource: true }

/** Hourly outflow of a plant for the CST days from `day` (`n` days). */
function outflow(day: string, n: number, rate: number): Reading[] {
  return Array.from({ length: 24 * n }, (_, h) => ({
    stationId: 'P1',
    kind: 'wastewater' as const,
    ts: cst(`${day}T00:00:00`) + h * H,
    values: { outflow: rate },
  }))
}

let store: DuckDbStore
let now: number
let svc: TargetsService
beforeEach(async () => {
  store = await DuckDbStore.open({ path: ':memory:' })
  now = cst('2026-03-04T10:00:00')
  svc = new TargetsService({
    registry: StationRegistry.fromRecords([plant]),
    store,
    lastSeen: () => now - 60_000,
    now: () => now,
    config: { ...DEFAULT_TARGETS_CONFIG, sewageGeneratedM3d: 10_000, refreshMs: 50 },
  })
})
afterEach(async () => {
  await store.close()
})

const sewage = (b: TargetsBody) => b.targets.find((t) => t.id === 'sewage-treatment-rate')!

describe('TargetsService', () => {
  it('computes every target of the plan for the month to date', async () => {
    await store.write(outflow('2026-03-01', 3, 400))
    const b = await svc.body()
    expect(b.targets.map((t) => t.id)).toEqual([
      'drinking-water-compliance',
      'sewage-treatment-rate',
      'reclaimed-water-reuse',
      'air-good-days',
      'key-source-online-coverage',
      'energy-metering-coverage',
      'energy-quota',
      'online-valid-data-rate',
    ])
    expect(b.period).toEqual({
      name: 'month',
      from: '2026-03-01T00:00:00+08:00',
      to: '2026-04-01T00:00:00+08:00',
      asOf: '2026-03-04T10:00:00+08:00',
      completedDays: 3,
    })
    expect(sewage(b)).toMatchObject({
      value: 96,
      status: 'met',
      counted: { stations: ['P1'], days: ['2026-03-01', '2026-03-02', '2026-03-03'] },
    })
  })

  it('reuses cached station-days: a second period over the same days queries nothing new', async () => {
    await store.write(outflow('2026-03-01', 3, 400))
    await svc.body('month')
    const q = svc.stats.queries
    await svc.body('quarter')
    await svc.body('ytd')
    expect(svc.stats.queries).toBe(q + 1) // January and February in one run; ytd then finds every day cached
  })

  it('recomputes a completed day when late data arrives for it', async () => {
    await store.write(outflow('2026-03-01', 3, 400))
    expect(sewage(await svc.body()).value).toBe(96)
    const late = outflow('2026-03-02', 1, 700).map((r) => ({ ...r, ts: r.ts + 30 * 60_000 }))
    await store.write(late)
    svc.stored(late)
    now += 100 // past the refresh interval
    // Hourly means of 400 and 700 → 550 m³/h on 2 March: (9600 × 2 + 13200) / 30000 = 108 %.
    expect(sewage(await svc.body()).value).toBe(108)
  })

  it('serves the cached day-based targets while the data is unchanged', async () => {
    const a = await svc.body()
    const q = svc.stats.queries
    now += 10 * 60_000
    const b = await svc.body()
    expect(b.computedAt).toBe(a.computedAt)
    expect(b.targets.filter((t) => !t.id.endsWith('-coverage'))).toEqual(a.targets.filter((t) => !t.id.endsWith('-coverage')))
    expect(svc.stats.queries).toBe(q)
  })

  it('takes the coverage targets from the live cache on every call, within the refresh interval', async () => {
    const seen = new Map<string, number>()
    svc = new TargetsService({
      registry: StationRegistry.fromRecords([plant]),
      store,
      lastSeen: (id) => seen.get(id),
      now: () => now,
      config: { ...DEFAULT_TARGETS_CONFIG, sewageGeneratedM3d: 10_000, refreshMs: 3_600_000 },
    })
    const coverage = (b: TargetsBody) => b.targets.find((t) => t.id === 'key-source-online-coverage')!
    const before = await svc.body()
    expect(coverage(before)).toMatchObject({
      value: 0,
      status: 'missed',
      counted: { stations: [], excluded: [{ id: 'P1', why: 'never reported' }] },
    })
    const q = svc.stats.queries
    now += 5_000
    seen.set('P1', now - 1_000) // the plant reports: the map shows it online at once, so does the board
    const after = await svc.body()
    expect(coverage(after)).toMatchObject({
      value: 100,
      status: 'met',
      counted: { stations: ['P1'] },
      period: { from: '2026-03-04T10:00:05+08:00' },
    })
    expect(after.computedAt).toBe(before.computedAt)
    expect(svc.stats.queries).toBe(q)
    // A historic `at` keeps the coverage of its own time (from the store), not the live cache.
    expect(coverage(await svc.body('month', cst('2026-03-02T12:00:00'))).counted.stations).toEqual([])
  })

  it('pushes the month when a value changes, not when nothing changed', async () => {
    const pushed: TargetsBody[] = []
    const pusher = svc.startPusher((b) => pushed.push(b))
    await vi.waitFor(() => expect(pushed).toHaveLength(1))
    svc.touch()
    await new Promise((r) => setTimeout(r, 150))
    expect(pushed).toHaveLength(1)
    await store.write(outflow('2026-03-01', 1, 400))
    now += 100 // the clock moves past the refresh interval
    svc.stored(outflow('2026-03-01', 1, 400))
    await vi.waitFor(() => expect(pushed).toHaveLength(2))
    expect(sewage(pushed[1]!).value).toBe(96) // 9600 m³ / 10000 m³ on the one day with data
    pusher.stop()
  })
})

describe('TargetsService pusher', () => {
  it('pushes data that arrived inside the refresh interval once the interval has passed', async () => {
    const pushed: TargetsBody[] = []
    const pusher = svc.startPusher((b) => pushed.push(b))
    await vi.waitFor(() => expect(pushed).toHaveLength(1))
    await store.write(outflow('2026-03-01', 1, 400))
    svc.stored(outflow('2026-03-01', 1, 400))
    // Ticks while the clock stands inside the interval serve the cached month, saying it is computing.
    await vi.waitFor(() => expect(pushed).toHaveLength(2))
    expect(pushed[1]).toMatchObject({ computing: true, computedAt: pushed[0]!.computedAt })
    expect(sewage(pushed[1]!).value).toBe(sewage(pushed[0]!).value)
    now += 100
    await vi.waitFor(() => expect(pushed).toHaveLength(3))
    expect(sewage(pushed[2]!).value).toBe(96)
    now += SETTLE_MS
    await vi.waitFor(() => expect(pushed).toHaveLength(4))
    expect(pushed[3]!.computing).toBe(false)
    pusher.stop()
  })
})

describe('TargetsService computing', () => {
  const slow = () =>
    new TargetsService({
      registry: StationRegistry.fromRecords([plant]),
      store,
      lastSeen: () => now - 60_000,
      now: () => now,
      config: { ...DEFAULT_TARGETS_CONFIG, sewageGeneratedM3d: 10_000, refreshMs: 3_600_000 },
    })

  it('is not computing when no data for past days is on its way', async () => {
    svc.arriving([{ ts: now - 60_000 }]) // today's data does not change the completed days
    expect((await svc.body()).computing).toBe(false)
  })

  it('says computing from the arrival of readings for past days until they are stored and taken into the figures', async () => {
    svc = slow()
    const first = await svc.body()
    expect(first.computing).toBe(false)
    expect(sewage(first)).toMatchObject({ value: null, status: 'no-data' })
    const backlog = outflow('2026-03-01', 1, 400)
    svc.arriving(backlog)
    expect((await svc.body()).computing).toBe(true)
    await store.write(backlog)
    svc.stored(backlog)
    now += SETTLE_MS
    // Stored, but the month in the cache predates it (refresh interval not over): still computing.
    expect((await svc.body()).computing).toBe(true)
    now += 3_600_000
    const done = await svc.body()
    expect(done.computing).toBe(false)
    expect(sewage(done).value).toBe(96)
  })

  it('stops saying computing when arrivals stop without anything stored (SETTLE_MS)', async () => {
    svc.arriving(outflow('2026-03-01', 1, 400))
    expect((await svc.body()).computing).toBe(true)
    now += SETTLE_MS
    expect((await svc.body()).computing).toBe(false)
  })
})

describe('TargetsService: station-days and daily counts kept in the store (issue 16)', () => {
  let dir: string
  const stores: DuckDbStore[] = []
  const NONE: never[] = []
  const air: Station = { ...base, id: 'A1', kind: 'air', keySource: false }
  /** A service over the store at `dir`, as a restarted system builds it. */
  async function start(): Promise<{ store: DuckDbStore; svc: TargetsService }> {
    const s = await DuckDbStore.open({ path: join(dir, 'store.duckdb') })
    stores.push(s)
    const service = new TargetsService({
      registry: StationRegistry.fromRecords([plant, air]),
      store: s,
      lastSeen: () => now - 60_000,
      now: () => now,
      config: { ...DEFAULT_TARGETS_CONFIG, sewageGeneratedM3d: 10_000, refreshMs: 50 },
      kept: { days: s.keptDays, marks: () => NONE },
    })
    return { store: s, svc: service }
  }
  const values = (b: TargetsBody) => b.targets.filter((t) => !t.id.endsWith('-coverage')).map((t) => [t.id, t.value, t.counted])
  const validRate = (b: TargetsBody) => b.targets.find((t) => t.id === 'online-valid-data-rate')!
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'envmon-kept-svc-'))
  })
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('a restart serves the same figures without reading the data again; late data is counted after the next', async () => {
    const a = await start()
    // Two of three days of the plant's outflow; the air station hourly PM2.5 on the first day only.
    await a.store.write([...outflow('2026-03-01', 2, 400)])
    await a.store.write(
      Array.from({ length: 24 }, (_, h) => ({
        stationId: 'A1',
        kind: 'air' as const,
        ts: cst('2026-03-01T00:00:00') + h * H,
        values: { pm25: 30 },
      })),
    )
    const before = await a.svc.body()
    expect(validRate(before).value).not.toBeNull()
    await a.svc.settled()
    // Station-days and daily counts: 2 stations × 3 days each.
    expect(a.svc.stats).toMatchObject({ kept: 12, keepErrors: 0 })
    await a.store.close()

    const b = await start()
    const again = await b.svc.body()
    expect(values(again)).toEqual(values(before))
    expect(b.svc.stats).toMatchObject({ queries: 0, keptDays: 6, countQueries: 0, keptCountDays: 6 })
    // Late data for the third day (while the system was down: nothing told the service).
    await b.store.write(outflow('2026-03-03', 1, 400))
    await b.store.close()

    const c = await start()
    const late = await c.svc.body()
    // The plant's 3 March was deleted with the write, in both: one query each for it.
    expect(c.svc.stats).toMatchObject({ keptDays: 5, keptCountDays: 5, countQueries: 1 })
    expect(sewage(late).value).toBe(96)
    expect(validRate(late).value).toBeGreaterThan(validRate(before).value!)
  })
})

describe('sewageBaseline', () => {
  it.each([
    [{ sewageGeneratedM3d: 123_000 }, [{ capacityM3d: 1 }], 123_000],
    [{}, [{ capacityM3d: 100_000 }, { capacityM3d: 60_000 }, {}], 136_000],
    [{}, [], 0],
  ])('config %j and plants %j: %i m³/d', (cfg, plants, m3d) => {
    expect(sewageBaseline(cfg, plants).m3d).toBe(m3d)
  })
})
