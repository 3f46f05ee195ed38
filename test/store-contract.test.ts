/**
 * The store contract (shared/src/ports/store.ts), run against every adapter with real stores:
 * DuckDB in a temp dir always; InfluxDB 2.x when INFLUX_URL, INFLUX_TOKEN, INFLUX_ORG and
 * INFLUX_BUCKET are set. The InfluxStore write path also runs, always, against a real InfluxDB v2
 * write server: Debian's victoria-metrics (test/helpers/victoria-metrics.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { decimateM4 } from '../server/src/store/decimate'
import { DuckDbStore } from '../server/src/store/duckdb-store'
import { InfluxStore, type InfluxStoreOptions } from '../server/src/store/influx-store'
import type { ExportRow, SeriesQuery, Store } from '../shared/src/ports/store'
import { tallyPoints, type BucketCount, type CountPoint } from '../shared/src/standards/completeness'
import {
  AGG_CASES,
  aggregationReadings,
  DAY,
  expectedExportRows,
  expectedVmSeries,
  exportReadings,
  HOUR,
  MIN,
  reading,
  SEC,
  T0,
  type VmSamples,
} from './helpers/store-fixtures'
import { hasVictoriaMetrics, startVictoriaMetrics, VICTORIA_METRICS_BIN, type VictoriaMetrics } from './helpers/victoria-metrics'

const env = process.env
const INFLUX: InfluxStoreOptions | undefined = env.INFLUX_URL
  ? { url: env.INFLUX_URL, token: env.INFLUX_TOKEN ?? '', org: env.INFLUX_ORG ?? '', bucket: env.INFLUX_BUCKET ?? '' }
  : undefined
if (!INFLUX)
  console.info(
    '[store-contract] InfluxStore full contract (read path) SKIPPED: INFLUX_URL is unset. Its write path still runs against victoria-metrics.',
  )

/** Station ids unique per run and test, so a shared InfluxDB bucket never mixes runs. */
const RUN = `r${Date.now().toString(36)}`
let testNo = 0

const temps: string[] = []
const ADAPTERS: { name: string; open: () => Promise<Store> }[] = [
  {
    name: 'duckdb (temp dir)',
    open: () => DuckDbStore.open({ path: join(temps[temps.push(mkdtempSync(join(tmpdir(), 'envmon-store-'))) - 1]!, 'store.duckdb') }),
  },
  ...(INFLUX ? [{ name: `influx (${INFLUX.url})`, open: () => InfluxStore.open({ ...INFLUX!, exportChunkRows: 1000 }) }] : []),
]

async function drain(it: AsyncIterable<ExportRow[]>): Promise<ExportRow[][]> {
  const chunks: ExportRow[][] = []
  for await (const c of it) chunks.push(c)
  return chunks
}

describe.each(ADAPTERS)('Store contract: $name', ({ open }) => {
  let store: Store
  let id: (name: string) => string
  beforeEach(async () => {
    const p = `${RUN}-${++testNo}-`
    id = (name) => p + name
    store = await open()
  })
  afterEach(async () => {
    await store.close()
    for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true })
  })
  const raw = (stationId: string, metrics: string[], from = T0 - DAY, to = T0 + 2 * DAY, validOnly = false) =>
    store.series({ stationId, metrics, from, to, every: 'raw', fn: 'mean', validOnly })

  it('round-trips raw values with their flags (N when absent), in the requested metric order', async () => {
    const a = id('A')
    await store.write([
      reading(a, 'air', T0, { pm25: 35.2, pm10: 61 }, { pm25: 'D' }),
      reading(a, 'air', T0 + MIN, { pm25: 36.5 }, { pm25: 'S' }),
      reading(a, 'air', T0 + 2 * MIN + 123, { pm25: 0.25, pm10: 58.5 }),
    ])
    expect(await raw(a, ['pm25', 'pm10'])).toEqual([
      { metric: 'pm25', t: [T0, T0 + MIN, T0 + 2 * MIN + 123], v: [35.2, 36.5, 0.25], flags: ['D', 'S', 'N'] },
      { metric: 'pm10', t: [T0, T0 + 2 * MIN + 123], v: [61, 58.5], flags: ['N', 'N'] },
    ])
  })

  it('decimates raw data with maxPoints exactly like the reference M4 (first, min, max, last per bucket, with flags)', async () => {
    const a = id('M4')
    const n = 2000
    const rs = Array.from({ length: n }, (_, i) =>
      reading(
        a,
        'air',
        T0 + i * MIN,
        { pm25: 50 + 40 * Math.sin(i / 37) + i / 1e4 + (i === 1234 ? 500 : 0) },
        i === 1234 ? { pm25: 'D' } : undefined,
      ),
    )
    await store.write(rs)
    const from = T0
    const to = T0 + n * MIN
    const [got] = await store.series({ stationId: a, metrics: ['pm25'], from, to, every: 'raw', fn: 'mean', maxPoints: 200 })
    const want = decimateM4(
      rs.map((r) => r.ts),
      rs.map((r) => r.values.pm25!),
      rs.map((r) => r.flags?.pm25 ?? 'N'),
      from,
      to,
      50,
    )
    expect(got).toEqual({ metric: 'pm25', ...want, decimated: true })
    expect(got!.t.length).toBeLessThanOrEqual(200)
    expect(Math.max(...got!.v)).toBe(rs[1234]!.values.pm25)
    expect(got!.flags![got!.v.indexOf(rs[1234]!.values.pm25!)]).toBe('D')
  })

  it('seriesMany (when offered) equals series per station', async () => {
    if (!store.seriesMany) return expect(store.name).toBe('influx') // optional: the Influx adapter does not offer it
    const a = id('SA')
    const b = id('SB')
    await store.write([
      ...aggregationReadings(a),
      ...aggregationReadings(b).map((r) => ({ ...r, values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, v * 2])) })),
    ])
    const q = { metrics: ['pm25'], from: T0 - DAY, to: T0 + 2 * DAY, every: '1h' as const, fn: 'mean' as const }
    const many = await store.seriesMany({ ...q, stationIds: [a, b, id('none')] })
    expect(many.get(a)).toEqual(await store.series({ ...q, stationId: a }))
    expect(many.get(b)).toEqual(await store.series({ ...q, stationId: b }))
    expect(many.get(id('none'))).toEqual([{ metric: 'pm25', t: [], v: [] }])
  })

  it('returns an empty series for a metric without data', async () => {
    await store.write([reading(id('A'), 'air', T0, { pm25: 1 })])
    expect(await raw(id('A'), ['so2'])).toEqual([{ metric: 'so2', t: [], v: [], flags: [] }])
  })

  it('stores a batch written twice once', async () => {
    const batch = exportReadings([id('A')], 10)
    await store.write(batch)
    await store.write(batch)
    expect(await store.count(id('A'))).toBe(30)
    expect((await raw(id('A'), ['pm25']))[0]!.t).toEqual(batch.map((r) => r.ts))
  })

  it('stores overlapping batches once', async () => {
    const all = exportReadings([id('A')], 15)
    await store.write(all.slice(0, 10))
    await store.write(all.slice(5, 15))
    expect(await store.count(id('A'))).toBe(45)
    expect((await raw(id('A'), ['pm10']))[0]!.v).toEqual(all.map((r) => r.values.pm10))
  })

  it.each(AGG_CASES)('aggregates every=$every fn=$fn into hand-computed buckets', async ({ every, fn, from, to, t, v }) => {
    await store.write(aggregationReadings(id('A')))
    const [s] = await store.series({ stationId: id('A'), metrics: ['pm25'], from, to, every, fn })
    expect(s!.t).toEqual(t.map((dt) => T0 + dt))
    expect(s!.v).toHaveLength(v.length)
    s!.v.forEach((x, i) => expect(x).toBeCloseTo(v[i]!, 9))
  })

  it('starts daily buckets at 00:00 CST (16:00 UTC), not at UTC midnight', async () => {
    const a = id('A')
    await store.write([-1, 0, 8 * HOUR - 1, 8 * HOUR].map((dt, i) => reading(a, 'air', T0 + dt, { pm25: i + 1 })))
    const [s] = await store.series({ stationId: a, metrics: ['pm25'], from: T0 - DAY, to: T0 + DAY, every: '1d', fn: 'max' })
    expect(s!.t.map((t) => new Date(t).toISOString())).toEqual(['2026-02-28T16:00:00.000Z', '2026-03-01T16:00:00.000Z'])
    expect(s!.v).toEqual([1, 4])
  })

  it('labels a bucket cut by the range start with the bucket start, not the range start', async () => {
    const a = id('A')
    await store.write([reading(a, 'air', T0 + 10 * MIN, { pm25: 1 }), reading(a, 'air', T0 + 50 * MIN, { pm25: 3 })])
    for (const every of ['1h', '1d'] as const) {
      const [s] = await store.series({ stationId: a, metrics: ['pm25'], from: T0 + 30 * MIN, to: T0 + 2 * HOUR, every, fn: 'mean' })
      expect({ every, t: s!.t, v: s!.v }).toEqual({ every, t: [T0], v: [3] })
    }
  })

  const flagged = (a: string) =>
    (['N', 'S', 'D', undefined, 'C'] as const).map((f, i) =>
      reading(a, 'air', T0 + i * MIN, { pm25: [1, 2, 100, 4, 200][i]! }, f ? { pm25: f } : undefined),
    )

  it('validOnly keeps only N and S (or unflagged) values in raw series', async () => {
    await store.write(flagged(id('A')))
    expect(await raw(id('A'), ['pm25'], T0, T0 + HOUR, true)).toEqual([
      { metric: 'pm25', t: [T0, T0 + MIN, T0 + 3 * MIN], v: [1, 2, 4], flags: ['N', 'S', 'N'] },
    ])
  })

  it('validOnly excludes D-flagged values from aggregates', async () => {
    await store.write(flagged(id('A')))
    const q: SeriesQuery = { stationId: id('A'), metrics: ['pm25'], from: T0, to: T0 + HOUR, every: '1h', fn: 'mean' }
    expect((await store.series(q))[0]!.v[0]).toBeCloseTo(307 / 5, 9)
    expect((await store.series({ ...q, validOnly: true }))[0]!.v[0]).toBeCloseTo(7 / 3, 9)
  })

  it('exportRows streams every row in (station, ts, metric) order across chunk boundaries', async () => {
    const readings = exportReadings([id('B'), id('A')], 1100)
    for (let i = 0; i < readings.length; i += 500) await store.write(readings.slice(i, i + 500))
    const chunks = await drain(store.exportRows({ stationIds: [id('B'), id('A')], from: T0 - DAY, to: T0 + DAY, every: 'raw', fn: 'mean' }))
    expect(chunks.length).toBeGreaterThan(1)
    expect(chunks.every((c) => c.length > 0)).toBe(true)
    expect(chunks.flat()).toEqual(expectedExportRows(readings))
  })

  it('exportRows aggregates to bucket starts with flag N', async () => {
    await store.write(aggregationReadings(id('A')))
    const chunks = await drain(
      store.exportRows({ stationIds: [id('A')], metrics: ['pm25'], from: T0, to: T0 + 2 * HOUR, every: '1h', fn: 'max' }),
    )
    expect(chunks.flat()).toEqual([
      { stationId: id('A'), metric: 'pm25', ts: T0, value: 100, flag: 'N' },
      { stationId: id('A'), metric: 'pm25', ts: T0 + HOUR, value: 3, flag: 'N' },
    ])
  })

  it('latest() gives the last value, time and flag of each metric of each station', async () => {
    const [a, b] = [id('A'), id('B')]
    await store.write([
      reading(a, 'air', T0 + MIN, { pm25: 11 }, { pm25: 'D' }),
      reading(a, 'air', T0, { pm25: 10, pm10: 5 }, { pm10: 'S' }),
      reading(b, 'water', T0 + 5 * MIN, { ph: 7.5 }),
    ])
    const latest = await store.latest()
    expect(Object.fromEntries([a, b].map((s) => [s, Object.fromEntries(latest.get(s) ?? [])]))).toEqual({
      [a]: { pm25: { value: 11, ts: T0 + MIN, flag: 'D' }, pm10: { value: 5, ts: T0, flag: 'S' } },
      [b]: { ph: { value: 7.5, ts: T0 + 5 * MIN, flag: 'N' } },
    })
  })

  it('count() counts (station, metric, ts) points of one station in [from, to)', async () => {
    const a = id('A')
    await store.write(Array.from({ length: 10 }, (_, i) => reading(a, 'air', T0 + i * MIN, { pm25: i, pm10: i })))
    expect(await store.count(a)).toBe(20)
    expect(await store.count(a, T0 + 2 * MIN, T0 + 5 * MIN)).toBe(6)
    expect(await store.count(a, T0 + 9 * MIN)).toBe(2)
    expect(await store.count(a, undefined, T0 + MIN)).toBe(2)
    expect(await store.count(id('nobody'))).toBe(0)
  })

  it('count() without a station counts every station', async () => {
    const before = await store.count(undefined, T0, T0 + HOUR)
    await store.write([reading(id('A'), 'air', T0, { pm25: 1, pm10: 2 }), reading(id('B'), 'water', T0 + MIN, { ph: 7 })])
    expect(await store.count(undefined, T0, T0 + HOUR)).toBe(before + 3)
  })

  it('counts received and valid points per station, metric and hour or CST day, as the pure reference does', async () => {
    const a = id('A')
    const b = id('B')
    const points: CountPoint[] = []
    const readings = []
    // Station A: one-minute data over two CST days (from 22:00 the day before T0), minutes 10..19 of each hour missing, pm25 D at minute 30.
    for (let t = T0 - 2 * HOUR; t < T0 + 2 * HOUR; t += MIN) {
      const m = Math.floor((t % HOUR) / MIN)
      if (m >= 10 && m < 20) continue
      const flags = m === 30 ? { pm25: 'D' as const } : m === 31 ? { pm25: 'S' as const } : undefined
      readings.push(reading(a, 'air', t, { pm25: 10, o3: 20 }, flags))
      points.push({ stationId: a, metric: 'pm25', ts: t, flag: flags?.pm25 ?? 'N' }, { stationId: a, metric: 'o3', ts: t, flag: 'N' })
    }
    // Station B: five-minute data, ph only.
    for (let t = T0; t < T0 + HOUR; t += 5 * MIN) {
      readings.push(reading(b, 'water', t, { ph: 7 }))
      points.push({ stationId: b, metric: 'ph', ts: t, flag: 'N' })
    }
    await store.write(readings)
    const sort = (rows: BucketCount[]) =>
      [...rows].sort((x, y) => (x.stationId + x.metric).localeCompare(y.stationId + y.metric) || x.bucket - y.bucket)
    for (const every of ['1h', '1d'] as const) {
      const got = await store.completenessCounts({ stationIds: [a, b], from: T0 - DAY, to: T0 + DAY, every })
      expect(sort(got.rows)).toEqual(sort(tallyPoints(points, every)))
      expect(got.firstSeen.get(a)).toBe(T0 - 2 * HOUR)
      expect(got.firstSeen.get(b)).toBe(T0)
    }
    const hourly = await store.completenessCounts({ stationIds: [a], from: T0, to: T0 + HOUR, every: '1h' })
    expect(hourly.rows.find((r) => r.metric === 'pm25')).toEqual({ stationId: a, metric: 'pm25', bucket: T0, received: 50, valid: 49 })
    // A reviewer's invalidated range takes points out of the valid count only.
    const invalidated = [
      { stationId: a, metric: 'o3', from: T0 + 40 * MIN, to: T0 + 45 * MIN },
      { stationId: a, from: T0, to: T0 + 2 * MIN },
    ]
    const reviewed = await store.completenessCounts({ stationIds: [a], from: T0, to: T0 + HOUR, every: '1h', invalidated })
    expect(sort(reviewed.rows)).toEqual(
      sort(
        tallyPoints(
          points.filter((p) => p.stationId === a && p.ts >= T0 && p.ts < T0 + HOUR),
          '1h',
          invalidated,
        ),
      ),
    )
    expect(reviewed.rows.find((r) => r.metric === 'o3')).toMatchObject({ received: 50, valid: 43 })
    expect((await store.completenessCounts({ stationIds: [], from: T0, to: T0 + HOUR, every: '1h' })).rows).toEqual([])
    // An empty range still gives each station's first point before `to` (the targets board asks for
    // it alone when the counts of its days are kept); a station first seen at or after `to` is absent.
    const alone = await store.completenessCounts({ stationIds: [a, b], from: T0 + DAY, to: T0 + DAY, every: '1d' })
    expect(alone.rows).toEqual([])
    expect(Object.fromEntries(alone.firstSeen)).toEqual({ [a]: T0 - 2 * HOUR, [b]: T0 })
    expect(Object.fromEntries((await store.completenessCounts({ stationIds: [a, b], from: T0, to: T0, every: '1d' })).firstSeen)).toEqual({
      [a]: T0 - 2 * HOUR,
    })
    // Older data moves it earlier.
    await store.write([reading(b, 'water', T0 - DAY, { ph: 7 })])
    expect((await store.completenessCounts({ stationIds: [b], from: T0, to: T0 + HOUR, every: '1h' })).firstSeen.get(b)).toBe(T0 - DAY)
  })

  it('ping() reports up', async () => {
    expect(await store.ping()).toBe('up')
  })

  it('rejects every operation after close(), and ping() reports down', async () => {
    await store.close()
    const q: SeriesQuery = { stationId: id('A'), metrics: ['pm25'], from: T0, to: T0 + HOUR, every: 'raw', fn: 'mean' }
    await expect(store.write([reading(id('A'), 'air', T0, { pm25: 1 })])).rejects.toThrow()
    await expect(store.series(q)).rejects.toThrow()
    await expect(store.latest()).rejects.toThrow()
    await expect(store.count()).rejects.toThrow()
    await expect(drain(store.exportRows({ ...q, stationIds: [id('A')] }))).rejects.toThrow()
    expect(await store.ping()).toBe('down')
  })
})

const VM_PRESENT = hasVictoriaMetrics()
if (!VM_PRESENT && !env.CI)
  console.info(
    `[store-contract] InfluxStore write path SKIPPED: ${VICTORIA_METRICS_BIN} is not installed (apt-get install -y victoria-metrics).`,
  )

// In CI the binary must be there: the suite runs (and fails loudly in beforeAll) rather than skip.
describe.skipIf(!VM_PRESENT && !env.CI)('InfluxStore write path against victoria-metrics (real v2 write server)', () => {
  let vm: VictoriaMetrics
  let store: InfluxStore
  let id: (name: string) => string
  beforeAll(async () => {
    if (!VM_PRESENT) throw new Error('victoria-metrics is not installed: CI must `apt-get install -y victoria-metrics`')
    vm = await startVictoriaMetrics()
  })
  afterAll(async () => {
    await vm?.dispose()
  })
  beforeEach(() => {
    const p = `${RUN}-vm${++testNo}-`
    id = (name) => p + name
    store = new InfluxStore({ url: vm.url, token: 'test', org: 'envmon', bucket: 'envmon' })
  })
  afterEach(async () => {
    await store.close()
  })

  /** Samples per series key `name{kind,station}`, for this test's stations only. */
  async function stored(): Promise<VmSamples> {
    const out: VmSamples = {}
    for (const s of await vm.export(`{__name__=~"reading.*",station=~"${id('')}.*"}`)) {
      const { __name__, kind, station, ...rest } = s.metric
      expect(rest).toEqual({})
      out[`${__name__}{${kind},${station}}`] = { t: s.timestamps, v: s.values }
    }
    return out
  }

  it('stores every value, tag and ms timestamp of several stations (write path only: victoria-metrics)', async () => {
    const readings = [
      reading(id('A'), 'air', T0, { pm25: 35.2, pm10: 61 }, { pm25: 'D' }),
      reading(id('A'), 'air', T0 + MIN, { pm25: 36.5 }, { pm25: 'S' }),
      reading(id('B'), 'water', T0, { ph: 7.25, do: 6.5 }),
      reading(id('C'), 'wastewater', T0 + 30 * SEC + 123, { cod: 18, inflow: 1250.5 }, { inflow: 'M' }),
    ]
    await store.write(readings)
    expect(await stored()).toEqual(expectedVmSeries(readings))
  })

  it('stores duplicates, overlapping batches and a re-flagged point once (write path only: victoria-metrics)', async () => {
    const all = exportReadings([id('A'), id('B')], 15)
    const first = all.filter((r) => r.ts < T0 - 3 * HOUR + 10 * MIN)
    await store.write(first)
    await store.write(first)
    await store.write(all.filter((r) => r.ts >= T0 - 3 * HOUR + 5 * MIN))
    await store.write([{ ...all[0]!, flags: { pm25: 'D', pm10: 'N', o3: 'C' } }])
    const got = await stored()
    expect(got).toEqual(expectedVmSeries(all))
    expect(Object.values(got).every((s) => s.t.length === 15)).toBe(true)
  })

  it('splits a large write into requests of batchSize lines (write path only: victoria-metrics)', async () => {
    await store.close()
    store = new InfluxStore({ url: vm.url, token: 'test', org: 'envmon', bucket: 'envmon', batchSize: 800 })
    const readings = Array.from({ length: 2000 }, (_, i) =>
      reading(id('A'), 'energy', T0 + i * SEC, { power_kw: i / 4, elec_kwh: 1000 + i }),
    )
    const before = await vm.metric('vm_http_requests_total', 'path="/influx/write"')
    await store.write(readings)
    expect(await stored()).toEqual(expectedVmSeries(readings))
    // VictoriaMetrics counts a request after answering it, so wait for the count to settle.
    // Under load (a busy CI machine) that can take well over vi.waitFor's default second.
    await vi.waitFor(async () => expect(await vm.metric('vm_http_requests_total', 'path="/influx/write"')).toBe(before + 3), {
      timeout: 15_000,
      interval: 100,
    })
  })

  it('rejects writes while the server is down, then stores the replayed batch once (write path only: victoria-metrics)', async () => {
    const batch = exportReadings([id('A')], 5)
    await store.write(batch.slice(0, 2))
    await vm.stop()
    try {
      await expect(store.write(batch)).rejects.toMatchObject({ name: 'InfluxStoreError', op: 'write', code: 'unreachable' })
      expect(await store.ping()).toBe('down')
    } finally {
      await vm.restart()
    }
    expect(await store.ping()).toBe('up')
    await store.write(batch) // what the durable spool does when the store is back
    expect(await stored()).toEqual(expectedVmSeries(batch))
  })

  it('rejects a write the server refuses, at once and without retrying (write path only: victoria-metrics)', async () => {
    await store.close()
    store = new InfluxStore({
      url: `${vm.url}/no-such-prefix`,
      token: 'test',
      org: 'envmon',
      bucket: 'envmon',
      retries: 2,
      retryDelayMs: 10_000,
    })
    const started = Date.now()
    await expect(store.write([reading(id('A'), 'air', T0, { pm25: 1 })])).rejects.toMatchObject({ code: 'refused', status: 400 })
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('ping() reports down, without throwing, when nothing listens (write path only: victoria-metrics)', async () => {
    const dead = new InfluxStore({ url: 'http://127.0.0.1:9', token: 'test', org: 'envmon', bucket: 'envmon' })
    try {
      expect(await dead.ping()).toBe('down')
      await expect(dead.write([reading(id('A'), 'air', T0, { pm25: 1 })])).rejects.toMatchObject({ code: 'unreachable' })
    } finally {
      await dead.close()
    }
  })
})
