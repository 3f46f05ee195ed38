/**
 * Issue 16's start-up backfill, as a user meets it: `SIM_STATIONS=1000 npm start` on a fresh data
 * directory, the simulator's 1000 loggers each uploading their last `SIM_BACKFILL_HOURS` (50) hours
 * on first connect, through the embedded broker and the whole pipeline into DuckDB. Measured from
 * the system being up to the backfill committed (at least 95 % of the readings the loggers have to
 * upload received, every received reading committed, and fewer than 2 000 new in 3 s: only live
 * data left), with the system's peak RSS and heap meanwhile (sampled
 * every second). Goals: committed in under 2 minutes, RSS under 1 GB throughout.
 * `--quick`: 10 hours.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { figure, type ScenarioResult } from '../lib/figures'
import { cpuMonitor } from '../lib/cpu-monitor'
import type { BenchContext } from '../lib/context'
import { round } from '../lib/stats'
import { demoStations } from '../../simulator/src/select-stations'
import { BENCH_STATION_SECRET, SEED, STATIONS, startSut, type Sut } from '../lib/sut'
import { busy } from './ingest'

const MIB = 2 ** 20

/** Issue 16's goals: the backfill committed in under 2 minutes, the system's RSS under 1 GB throughout. */
const GOAL_TIME = { op: '<', value: 120, text: 'under 2 minutes' } as const
const GOAL_RSS = { op: '<', value: 1024, text: 'under 1 GB' } as const

export async function backfillScenario(ctx: BenchContext): Promise<ScenarioResult> {
  const hours = ctx.opts.quick ? 10 : 50
  // DUCKDB_MEMORY_LIMIT from the bench's environment (passed on by sutEnv), for the figures' notes.
  const limit = process.env.DUCKDB_MEMORY_LIMIT
  const config = {
    stations: STATIONS,
    backfillHours: hours,
    broker: 'embedded aedes',
    format: 'JSON over MQTT (SIM_PROTOCOL default)',
    duckdbMemoryLimit: limit ?? 'default',
  }
  // What the loggers will upload (simulator/src/station-runner.ts: one reading per interval over the hours; a few samples the model skips).
  const expected = demoStations(STATIONS, SEED).reduce((n, st) => n + Math.floor((hours * 3_600_000) / (st.intervalSec * 1000)), 0)
  const a = await backfillRun(ctx, hours, expected, limit, false)
  const b = await backfillRun(ctx, hours, expected, limit, true)
  const figures = [
    figure('backfill', `${STATIONS}-station ${hours}-h start-up backfill committed`, round(a.seconds, 1), 's', GOAL_TIME, {
      config,
      note: a.note,
    }),
    figure(
      'backfill',
      'system peak RSS during the backfill (npm start: the loggers in the process)',
      round(a.peakRss, 0),
      'MiB',
      GOAL_RSS,
      { config, note: a.memNote },
    ),
    figure('backfill', 'the same, the loggers in their own process (npm run simulate): committed', round(b.seconds, 1), 's', undefined, {
      config,
      note: b.note,
    }),
    figure('backfill', 'the same, the loggers in their own process: system peak RSS', round(b.peakRss, 0), 'MiB', GOAL_RSS, {
      config,
      note: b.memNote,
    }),
  ]
  return { config, details: { inProcess: a.details, separate: b.details }, figures }
}

async function backfillRun(
  ctx: BenchContext,
  hours: number,
  expected: number,
  limit: string | undefined,
  separate: boolean,
): Promise<{ seconds: number; peakRss: number; note: string; memNote: string; details: Record<string, unknown> }> {
  let sut: Sut | undefined
  let sim: ChildProcess | undefined
  try {
    const t0 = performance.now()
    sut = await startSut({
      workDir: ctx.workDir,
      sampleMs: 200,
      env: {
        SIMULATE: separate ? '0' : '1',
        SIM_BACKFILL_HOURS: String(hours),
      },
    })
    const s = sut
    if (separate) {
      sim = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'simulator/src/cli.ts',
          '--stations',
          String(STATIONS),
          '--seed',
          String(SEED),
          '--broker',
          s.brokerUrl,
          '--backfill',
          String(hours),
        ],
        { env: { ...process.env, SIM_SECRET: BENCH_STATION_SECRET }, stdio: 'ignore' },
      )
    }
    const started = performance.now()
    const cpu = cpuMonitor({ sut: s.child.pid })
    ctx.log(
      `backfill${separate ? ' (loggers in their own process)' : ''}: ${STATIONS} simulated stations uploading ${hours} h each, about ${expected} readings (system up in ${round((started - t0) / 1000, 1)} s)`,
    )
    let last = { t: 0, readings: 0 }
    let logged = 0
    const done = await s.until((x) => {
      if (x.t - last.t >= 3000) {
        const quiet = x.readings - last.readings < 2000 && x.readings >= 0.95 * expected && x.committed >= x.readings
        last = { t: x.t, readings: x.readings }
        if (x.t - logged > 15_000) {
          logged = x.t
          ctx.log(`backfill: ${x.readings} received, ${x.committed} committed, RSS ${Math.round((x.mem?.rss ?? 0) / MIB)} MiB`)
        }
        return quiet
      }
      return false
    }, 20 * 60_000)
    const seconds = (performance.now() - started) / 1000
    const usage = cpu()
    const mems = s.samples.filter((x) => x.mem).map((x) => x.mem!)
    const peakRss = Math.max(...mems.map((m) => m.rss)) / MIB
    const peakHeap = Math.max(...mems.map((m) => m.heapUsed)) / MIB
    // At the RSS peak: what V8 holds (heap, and Buffers outside it) and the rest (DuckDB, aedes' native parts, code).
    const atPeak = mems.reduce((a, m) => (m.rss > a.rss ? m : a), mems[0]!)
    const split = {
      rss: Math.round(atPeak.rss / MIB),
      heapUsed: Math.round(atPeak.heapUsed / MIB),
      external: Math.round(atPeak.external / MIB),
      arrayBuffers: Math.round(atPeak.arrayBuffers / MIB),
    }
    ctx.log(
      `backfill${separate ? ' (separate)' : ''}: ${done.committed} readings committed in ${round(seconds, 1)} s, peak RSS ${round(peakRss, 0)} MiB`,
    )
    return {
      seconds,
      peakRss,
      note: `${done.committed} readings (${round(done.committed / seconds, 0)}/s), ${done.rejected} rejected; ${busy(usage)}`,
      memNote: `at the peak: V8 heap ${split.heapUsed} MiB, Buffers ${split.external} MiB, the rest (DuckDB, native) ${split.rss - split.heapUsed - split.external} MiB; peak heap ${round(peakHeap, 0)} MiB; DUCKDB_MEMORY_LIMIT ${limit ?? 'default'}`,
      details: {
        seconds,
        committed: done.committed,
        received: done.readings,
        rejected: done.rejected,
        peakRss,
        peakHeap,
        atPeak: split,
        cpu: usage,
      },
    }
  } finally {
    sim?.kill('SIGINT')
    await sut?.stop()
  }
}
