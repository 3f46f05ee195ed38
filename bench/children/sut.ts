/**
 * The system under test: the whole envmon system (server/src/compose/system.ts startSystem) in its own
 * process, configured from the environment the orchestrator passes, reporting its counters every
 * `sampleMs` over IPC: ingest messages, queue appended/committed, memory, event-loop delay.
 * Commands: `seed` (write a synthetic series through the store port), `profile-start` /
 * `profile-stop` (V8 CPU profile of this process through the inspector, written as .cpuprofile),
 * `stop`.
 */
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { Reading } from '../../shared/src/domain/reading'
import type { StationKind } from '../../shared/src/domain/station'
import { loadConfig } from '../../server/src/config'
import { createLogger } from '../../server/src/log'
import { startSystem, type System } from '../../server/src/compose/system'
import { demoPlugIn } from '../../server/src/demo'
import { childConfig, exitWithParent, fatal, toParent, type Msg } from '../lib/child'

export interface SutConfig {
  env: Record<string, string>
  sampleMs: number
}

/** One IPC sample of the system's counters. */
export interface SutSample {
  t: number
  messages: number
  readings: number
  rejected: number
  warnings: number
  appended: number
  committed: number
  memoryReadings: number
  spoolBytes: number
  mode: string
  writerBatches: number
  /** Cumulative time inside store.write (ms) and rows written (bench-side wrapper, not a product hook). */
  storeWriteMs: number
  storeRows: number
  transitions: number
  alertsSent: number
  clients: number
  /** Present once a second. */
  mem?: { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number }
  /** Event-loop delay over the last second, ms (present once a second). */
  loop?: { p50: number; p99: number; max: number }
}

export interface SeedCommand extends Msg {
  type: 'seed'
  series: { stationId: string; kind: StationKind; metrics: string[]; from: number; stepMs: number; count: number }[]
  batch: number
}

const cfg = childConfig<SutConfig>()
let sys: System | undefined

async function seed(cmd: SeedCommand): Promise<void> {
  const t0 = performance.now()
  let rows = 0
  let buf: Reading[] = []
  for (const s of cmd.series) {
    for (let i = 0; i < s.count; i++) {
      const ts = s.from + i * s.stepMs
      const values: Record<string, number> = {}
      // A daily cycle plus a slow drift: plausible values, deterministic.
      for (const [k, m] of s.metrics.entries())
        values[m] = Math.round((30 + 20 * Math.sin((ts / 86_400_000) * 2 * Math.PI + k) + ((i * 7919) % 13)) * 10) / 10
      buf.push({ stationId: s.stationId, kind: s.kind, ts, values })
      rows += s.metrics.length
      if (buf.length >= cmd.batch) {
        await sys!.store.write(buf)
        buf = []
      }
    }
  }
  if (buf.length) await sys!.store.write(buf)
  toParent({ type: 'seeded', rows, ms: performance.now() - t0 })
}

async function profileStart(session: Session): Promise<void> {
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 500 })
  await session.post('Profiler.start')
  toParent({ type: 'profiling' })
}

async function profileStop(session: Session, file: string): Promise<void> {
  const { profile } = await session.post('Profiler.stop')
  writeFileSync(file, JSON.stringify(profile))
  session.disconnect()
  toParent({ type: 'profiled', file })
}

async function main(): Promise<void> {
  const config = loadConfig(cfg.env)
  sys = await startSystem(config, { log: createLogger(config.logLevel), demo: demoPlugIn })
  const s = sys
  // Time the store port's write from outside (the writer looks the method up on each call).
  const store = s.store as { write: System['store']['write'] }
  const write = store.write.bind(s.store)
  let storeWriteMs = 0
  let storeRows = 0
  store.write = async (readings) => {
    const t0 = performance.now()
    try {
      await write(readings)
      for (const r of readings) for (const _ in r.values) storeRows++
    } finally {
      storeWriteMs += performance.now() - t0
    }
  }
  exitWithParent(async () => {
    clearInterval(timer)
    await s.stop()
    toParent({ type: 'stopped' })
  })
  const inspector = new Session()
  process.on('message', (m: Msg) => {
    if (m?.type === 'seed') seed(m as SeedCommand).catch(fatal)
    else if (m?.type === 'profile-start') void profileStart(inspector).catch(fatal)
    else if (m?.type === 'profile-stop') void profileStop(inspector, m.file as string).catch(fatal)
  })
  const loop = monitorEventLoopDelay({ resolution: 5 })
  loop.enable()
  let lastMem = 0
  const timer = setInterval(() => {
    const q = s.queue.snapshot()
    const now = Date.now()
    const sample: SutSample = {
      t: now,
      messages: s.ingest.stats.messages,
      readings: s.ingest.stats.readings,
      rejected: s.ingest.stats.rejected,
      warnings: s.ingest.stats.warnings,
      appended: q.appended,
      committed: q.committed,
      memoryReadings: q.memoryReadings,
      spoolBytes: q.spoolBytes,
      mode: q.mode,
      writerBatches: s.writer.stats.batches,
      storeWriteMs,
      storeRows,
      transitions: s.alerts.stats.transitions,
      alertsSent: s.hub.stats.alertsSent,
      clients: s.hub.clients,
    }
    if (now - lastMem >= 1000) {
      lastMem = now
      const m = process.memoryUsage()
      sample.mem = { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers }
      sample.loop = { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 }
      loop.reset()
    }
    toParent({ type: 'stats', sample })
  }, cfg.sampleMs)
  toParent({
    type: 'ready',
    url: s.url,
    publicUrl: s.publicEdge?.url,
    brokerUrl: s.brokerUrl,
    pid: process.pid,
    stations: s.registry.list().length,
  })
}

main().catch(fatal)
