/**
 * Issue 16's "write cost independent of history", on the store port in this process: the commit rate
 * of DuckDB into an empty store and into a store holding a year of one-minute data for 1000 stations.
 *
 * The year (525.6 M rows: one metric per station per minute, time-ordered a day at a time as live
 * data lands) is generated straight into a DuckDB file by SQL, not through the store port, and cached
 * between runs (`ENVMON_BENCH_CACHE`, default `<tmpdir>/envmon-bench-cache`; about 2.2 GB, a few
 * minutes to build once). Each run copies it. The last 7 days of 50 stations are missing from it:
 * their loggers were offline.
 *
 * On each store, after it has read what it holds (the marks, series-marks.ts; the time is a figure):
 * - live: 1000 stations a minute, 20 000 readings a batch (the store writer's largest), 45 batches;
 * - backlog: the 50 stations' 7 days uploaded after their live data (504 000 readings, interleaved in
 *   time across the 50 as concurrent uploads arrive, 20 000 a batch): behind each series' latest row,
 *   so every row falls where a duplicate check could look;
 * - redelivery: the last live batch again (every row a duplicate, every row checked).
 * Goal: live and backlog on the year within 20 % of the empty store. `--quick`: 30 days.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import type { Reading } from '../../shared/src/domain/reading'
import { DuckDbStore } from '../../server/src/store/duckdb-store'
import { cpuMonitor, type CpuUsage } from '../lib/cpu-monitor'
import type { BenchContext } from '../lib/context'
import { figure, type Figure, type ScenarioResult } from '../lib/figures'
import { round } from '../lib/stats'
import { busy } from './ingest'

const MIN = 60_000
const DAY = 86_400_000
const STATIONS = 1000
const OFFLINE = 50
const BACKLOG_DAYS = 7
const BATCH = 20_000
const LIVE_BATCHES = 45
/** The year ends here (fixed, so the cached file is reusable); every write in the run comes after or behind it. */
const END = Date.UTC(2026, 10, 30, 16) // 2026-12-01 00:00 CST
const GOAL = { op: '>=', value: 0.8, text: 'within 20 % of the empty store' } as const

const id = (i: number) => `BH-${String(i).padStart(4, '0')}`

/** Build (or reuse) the cached prefilled store: `days` of one-minute data for 1000 stations, ending at END. */
async function prefilled(days: number, log: (m: string) => void): Promise<string> {
  const dir = process.env.ENVMON_BENCH_CACHE ?? join(tmpdir(), 'envmon-bench-cache')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `history-v1-${STATIONS}x${days}d.duckdb`)
  if (existsSync(file)) return file
  const building = `${file}.building`
  rmSync(building, { force: true })
  rmSync(`${building}.wal`, { force: true })
  await (await DuckDbStore.open({ path: building })).close() // the store's own schema
  const db = await DuckDBInstance.create(building, { threads: '2', memory_limit: '1GB' })
  const c = await db.connect()
  const t0 = performance.now()
  await c.run(`CREATE TEMP TABLE st AS SELECT 'BH-' || lpad(CAST(i AS VARCHAR), 4, '0') AS station_id, i FROM range(${STATIONS}) t(i)`)
  const gone = END - BACKLOG_DAYS * DAY
  for (let d = 0; d < days; d++) {
    const day = END - (days - d) * DAY
    await c.run(`INSERT INTO readings SELECT st.station_id, 'pm25', ${day} + m * ${MIN}, (hash(st.i, m) % 1000) / 10.0, 'N'
      FROM range(1440) r(m), st WHERE st.i >= ${OFFLINE} OR ${day} + m * ${MIN} < ${gone} ORDER BY m, st.i`)
    if (d % 30 === 29)
      log(`history: generating the prefilled store, day ${d + 1} of ${days} (${round((performance.now() - t0) / 1000, 0)} s)`)
  }
  await c.run('CHECKPOINT')
  c.closeSync()
  db.closeSync()
  renameSync(building, file)
  log(`history: prefilled store built in ${round((performance.now() - t0) / 1000, 0)} s: ${file}`)
  return file
}

interface Phase {
  readings: number
  ms: number
  rate: number
  checked: number
  cpu?: CpuUsage
}

async function measure(path: string): Promise<{ marksMs: number; live: Phase; backlog: Phase; redelivery: Phase }> {
  const store = await DuckDbStore.open({ path, memoryLimit: '1GB' })
  try {
    const m0 = performance.now()
    if (!(await store.marksReady())) throw new Error('the store could not read what it holds')
    const marksMs = performance.now() - m0
    const phase = async (batches: Reading[][]): Promise<Phase> => {
      const checked0 = store.writeCounts.checked
      const cpu = cpuMonitor()
      const t0 = performance.now()
      for (const b of batches) await store.write(b)
      const ms = performance.now() - t0
      const readings = batches.reduce((a, b) => a + b.length, 0)
      return { readings, ms, rate: (readings / ms) * 1000, checked: store.writeCounts.checked - checked0, cpu: cpu() }
    }
    const live: Reading[][] = []
    const perBatch = BATCH / STATIONS
    for (let b = 0; b < LIVE_BATCHES; b++) {
      const batch: Reading[] = []
      for (let m = 0; m < perBatch; m++)
        for (let i = 0; i < STATIONS; i++)
          batch.push({ stationId: id(i), kind: 'air', ts: END + (b * perBatch + m + 1) * MIN, values: { pm25: (i + m) % 300 } })
      live.push(batch)
    }
    const back: Reading[] = []
    for (let m = 0; m < BACKLOG_DAYS * 1440; m++)
      for (let i = 0; i < OFFLINE; i++)
        back.push({ stationId: id(i), kind: 'air', ts: END - BACKLOG_DAYS * DAY + m * MIN, values: { pm25: (i + m) % 300 } })
    const backlog: Reading[][] = []
    for (let k = 0; k < back.length; k += BATCH) backlog.push(back.slice(k, k + BATCH))
    return { marksMs, live: await phase(live), backlog: await phase(backlog), redelivery: await phase([live.at(-1)!]) }
  } finally {
    await store.close()
  }
}

export async function historyScenario(ctx: BenchContext): Promise<ScenarioResult> {
  const { opts, log } = ctx
  const days = opts.quick ? 30 : 365
  const cached = await prefilled(days, log)
  const year = join(ctx.workDir, 'history-year.duckdb')
  copyFileSync(cached, year)
  const rows = (STATIONS * days - OFFLINE * BACKLOG_DAYS) * 1440
  log(`history: empty store`)
  const empty = await measure(join(ctx.workDir, 'history-empty.duckdb'))
  log(`history: store with ${days} days (${(rows / 1e6).toFixed(1)} M rows, ${(statSync(year).size / 2 ** 30).toFixed(2)} GiB)`)
  const full = await measure(year)
  const config = { stations: STATIONS, days, prefilledRows: rows, offlineStations: OFFLINE, backlogDays: BACKLOG_DAYS, batch: BATCH }
  const held = `${days === 365 ? 'a year' : `${days} days`} held`
  const rate = (label: string, p: Phase, goal?: { ratio: number }): Figure =>
    figure('history', label, round(p.rate, 0), 'readings/s', undefined, {
      config,
      note: `${p.readings} readings in ${round(p.ms / 1000, 2)} s, ${p.checked} rows checked for duplicates${goal ? `; ${round(goal.ratio, 2)} × empty` : ''}; ${busy(p.cpu)}`,
    })
  const ratio = (label: string, a: Phase, b: Phase) => figure('history', label, round(b.rate / a.rate, 2), '× empty', GOAL, { config })
  log(
    `history: live ${round(empty.live.rate, 0)} → ${round(full.live.rate, 0)}/s, backlog ${round(empty.backlog.rate, 0)} → ${round(full.backlog.rate, 0)}/s`,
  )
  return {
    config,
    details: { empty, full },
    figures: [
      rate('live, empty store', empty.live),
      rate(`live, ${held}`, full.live, { ratio: full.live.rate / empty.live.rate }),
      ratio(`live: ${held} / empty`, empty.live, full.live),
      rate('7-day backlog of 50 stations, empty store', empty.backlog),
      rate(`7-day backlog of 50 stations, ${held}`, full.backlog, { ratio: full.backlog.rate / empty.backlog.rate }),
      ratio(`backlog: ${held} / empty`, empty.backlog, full.backlog),
      rate(`redelivered batch (all duplicates), ${held}`, full.redelivery),
      figure('history', `reading what the store holds at open, ${held}`, round(full.marksMs, 0), 'ms', undefined, {
        config,
        note: 'in the background: writes meanwhile check every row',
      }),
    ],
  }
}
