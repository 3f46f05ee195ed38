/**
 * Figure 1, ingest throughput: readings per second through the whole pipeline (MQTT receive,
 * decode, validate, rules, durable spool, store commit, live push) against the raw receive rate of
 * a bare mqtt.js subscriber on the same broker in the same run.
 *
 * Per variant (broker × payload format), one fresh system under test with 1000 stations:
 * 1. raw phase: the raw subscriber (children/raw-subscriber.ts) subscribes to a topic prefix ingest
 *    does not subscribe to; the publisher sends the variant's messages under that prefix for at
 *    most 8 s (quick: 5 s);
 * 2. pipeline phase: the publisher sends the same messages under the real prefix for at most 20 s
 *    (quick: 8 s); the figure is the rate at which the durable queue's `committed` counter
 *    (readings the store has committed) grows: readings sent / (commit of the last one − first
 *    publish). Commits come in batches of up to 20 000, so a slope over a short window would
 *    measure batch steps; the wall-clock average over the whole phase does not. Ingest's steady
 *    receive rate (from 20 % of the publishing time until it stopped) is recorded beside it.
 * The raw figure is computed the same way (messages sent / (last received − first publish)), and
 * the ratio is pipeline / raw.
 * In both phases the publisher stays at most `lead` messages ahead of what the consumer has taken.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { childPidByName, cpuMonitor, type CpuUsage } from '../lib/cpu-monitor'
import { summarizeProfile, type ProfileSummary } from '../lib/cpu-profile'
import { startChild, type Child } from '../lib/child'
import { sleep, type BenchContext } from '../lib/context'
import { figure, type Figure, type ScenarioResult } from '../lib/figures'
import { MOSQUITTO } from '../lib/machine'
import type { BrokerName, FormatName } from '../lib/options'
import { rateBetween, round, stepRate, type CounterSample } from '../lib/stats'
import { SEED, SERVICE_PASSWORD, SERVICE_USERNAME, STATIONS, startSut, type Sut } from '../lib/sut'
import type { BurstConfig } from '../children/publisher'
import type { RawSubscriberConfig } from '../children/raw-subscriber'
import { startMosquitto, type Mosquitto } from '../../test/helpers/mosquitto'

const GOAL_RATE = { op: '>=', value: 50_000, text: '>= 50k readings/s per process' } as const
const GOAL_RATIO = { op: '>=', value: 0.6, text: '>= 0.6 of the raw receive rate' } as const
/** Issue 16's figures per system CPU-second (before it): the goal is at least double. */
const CPU_BEFORE: Record<string, number> = {
  'aedes json': 14_783,
  'aedes hj212': 9_361,
  'mosquitto json': 14_400,
  'mosquitto hj212': 10_649,
}
const GOAL_HJ212 = { op: '<=', value: 1.2, text: 'HJ 212 within 20 % of JSON per reading' } as const
const RAW_PREFIX = 'envraw'
const LEAD = 10_000

interface PhaseResult {
  /** Messages published (and consumed) in the phase. */
  n: number
  /** Epoch ms of the first publish. */
  t0: number
  /** Steady-state rate, messages/s: slope from 20 % of the publishing time until it stopped. */
  steady?: number
  /** n / (last consumed − first publish), messages/s. */
  wall: number
  seconds: number
  publisherSeconds: number
  cpu?: CpuUsage
}

export interface VariantResult {
  broker: BrokerName
  format: FormatName
  messages: number
  payloadBytesAvg: number
  raw: PhaseResult
  /** Messages received by ingest. */
  received: PhaseResult
  /** Readings committed to the store: the figure. */
  committed: PhaseResult
  ratio?: number
  rejected: number
  warnings: number
  spilledToDisk: boolean
  /** Rows the store took per second of time spent inside store.write, and the share of the run spent there. */
  storeRowsPerSecondOfWriting?: number
  storeBusyShare?: number
  /** Readings committed per CPU-second of the system under test (robust to a shared machine). */
  perSutCpuSecond?: number
  peakRssMiB: number
  peakHeapMiB: number
  loopDelayP99MaxMs: number
  profile?: ProfileSummary
}

interface PhaseRun {
  sent: number
  t0: number
  tSent: number
  samples: CounterSample[]
  /** When the consumer had taken every message sent. */
  doneAt: number
  cpu: CpuUsage
}

/**
 * Run the publisher in burst mode for at most `maxMs` (or `n` messages), feeding it the consumer's
 * progress, then wait until the consumer has taken everything sent.
 */
async function phase(
  pub: Child,
  n: number,
  maxMs: number,
  prefix: string | undefined,
  subscribe: (fn: (t: number, c: number) => void) => () => void,
  pids: Record<string, number | undefined>,
): Promise<PhaseRun> {
  const samples: CounterSample[] = []
  let base = -1
  let target = Infinity
  let doneAt = 0
  let resolveDone!: () => void
  const done = new Promise<void>((r) => (resolveDone = r))
  let resolveBase!: () => void
  const baseTaken = new Promise<void>((r) => (resolveBase = r))
  const off = subscribe((t, c) => {
    if (base < 0) {
      base = c
      resolveBase()
    }
    const k = c - base
    samples.push([t, k])
    pub.send({ type: 'progress', consumed: k })
    if (k >= target && !doneAt) {
      doneAt = t
      resolveDone()
    }
  })
  const published = pub.next<{ type: 'published'; n: number; t0: number; tSent: number }>('published', maxMs + 120_000)
  const started = pub.next<{ type: 'started'; t: number }>('started', 30_000)
  // The counter's base must be read before publishing: on a busy machine the consumer's first
  // report can come after it has taken some messages, which would then never be counted.
  await withTimeout(baseTaken, 30_000, 'the consumer did not report its counter within 30 s')
  const cpu = cpuMonitor(pids)
  pub.send({ type: 'go', prefix, count: n, maxMs })
  const t0 = (await started).t
  const p = await published
  target = p.n
  if ((samples.at(-1)?.[1] ?? 0) >= target && !doneAt) {
    doneAt = samples.at(-1)![0]
    resolveDone()
  }
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      done,
      new Promise(
        (_, reject) =>
          (timer = setTimeout(
            () => reject(new Error(`the consumer took ${samples.at(-1)?.[1]} of ${target} messages within 180 s of the end of publishing`)),
            180_000,
          )),
      ),
    ])
  } finally {
    clearTimeout(timer)
    off()
  }
  return { sent: p.n, t0, tSent: p.tSent, samples, doneAt, cpu: cpu() }
}

async function withTimeout(p: Promise<void>, ms: number, message: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([p, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))])
  } finally {
    clearTimeout(timer)
  }
}

/** Rates of a counter over a phase: steady (from 20 % of the publishing time until it stopped) and wall-clock. */
function rates(run: PhaseRun, samples: CounterSample[], doneAt: number, cpu: CpuUsage): PhaseResult {
  const from = run.t0 + 0.2 * (run.tSent - run.t0)
  return {
    n: run.sent,
    t0: run.t0,
    steady: round(rateBetween(samples, from, run.tSent), 0),
    wall: Math.round((run.sent / (doneAt - run.t0)) * 1000),
    seconds: round((doneAt - run.t0) / 1000, 2)!,
    publisherSeconds: round((run.tSent - run.t0) / 1000, 2)!,
    cpu,
  }
}

async function runVariant(ctx: BenchContext, broker: BrokerName, format: FormatName, startTs: number): Promise<VariantResult> {
  const { opts } = ctx
  const n = opts.readings
  const budget = phaseBudget(opts.quick)
  let mosq: Mosquitto | undefined
  let sut: Sut | undefined
  const children: Child[] = []
  try {
    if (broker === 'mosquitto')
      mosq = await startMosquitto({ serviceUsername: SERVICE_USERNAME, users: { [SERVICE_USERNAME]: SERVICE_PASSWORD } })
    sut = await startSut({ workDir: ctx.workDir, env: mosq ? { MQTT_URL: mosq.url } : {} })
    const s = sut
    const pubCfg: BurstConfig = {
      mode: 'burst',
      url: s.brokerUrl,
      username: SERVICE_USERNAME,
      password: SERVICE_PASSWORD,
      clientId: 'bench-publisher',
      qos: opts.qos,
      cacheFile: join(ctx.workDir, `messages-${format}-${n}.bin`),
      spec: { stations: STATIONS, seed: SEED, startTs, count: n, protocol: format },
      lead: LEAD,
    }
    const pub = startChild('publisher', 'publisher.ts', pubCfg)
    children.push(pub)
    const ready = await pub.next<{ type: 'ready'; count: number; bytes: number }>('ready', 600_000)

    // 1. Raw baseline on the same broker.
    const rawCfg: RawSubscriberConfig = {
      url: s.brokerUrl,
      username: SERVICE_USERNAME,
      password: SERVICE_PASSWORD,
      clientId: 'bench-raw-subscriber',
      filters: [`${RAW_PREFIX}/v1/+/+/reading`, `${RAW_PREFIX}/v1/+/+/hj212`],
      qos: opts.qos,
      reportMs: 50,
    }
    const rawSub = startChild('raw-subscriber', 'raw-subscriber.ts', rawCfg)
    children.push(rawSub)
    await rawSub.next('ready', 30_000)
    ctx.log(`  ${broker}/${format}: raw subscriber, up to ${budget.raw / 1000} s`)
    const mosqPid = mosq ? childPidByName('mosquitto') : undefined
    const pids = { sut: s.child.pid, publisher: pub.pid, mosquitto: mosqPid }
    const rawRun = await phase(
      pub,
      n,
      budget.raw,
      RAW_PREFIX,
      (fn) => rawSub.on<{ type: 'count'; n: number; t: number }>('count', (m) => fn(m.t, m.n)),
      { ...pids, subscriber: rawSub.pid },
    )
    const raw = rates(rawRun, rawRun.samples, rawRun.doneAt, rawRun.cpu)
    await rawSub.stop()
    await sleep(1000)

    // 2. The pipeline.
    ctx.log(`  ${broker}/${format}: pipeline, up to ${budget.pipeline / 1000} s`)
    if (opts.profile) await s.request({ type: 'profile-start' }, 'profiling')
    const from = s.samples.length
    const committedSamples: CounterSample[] = []
    let base = -1
    const offCommitted = s.onSample((x) => {
      if (base < 0) base = x.committed
      committedSamples.push([x.t, x.committed - base])
    })
    const cpu = cpuMonitor(pids)
    const run = await phase(pub, n, budget.pipeline, undefined, (fn) => s.onSample((x) => fn(x.t, x.messages)), pids)
    const last = await s.until((x) => x.committed - base >= run.sent, 300_000)
    const usage = cpu()
    offCommitted()
    let profile: ProfileSummary | undefined
    if (opts.profile) {
      const file = join(ctx.artifactsDir, `ingest-${broker}-${format}.cpuprofile`)
      await s.request({ type: 'profile-stop', file }, 'profiled')
      profile = summarizeProfile(file)
    }
    const during = s.samples.slice(from)
    const mems = during.filter((x) => x.mem)
    const rec = rates(run, run.samples, run.doneAt, run.cpu)
    // Commits come in batches (steps): the slope from 10 % committed to the last one, for the record.
    const committed = { ...rates(run, committedSamples, last.t, usage), steady: round(stepRate(committedSamples, run.sent), 0) }
    const store = { ms: last.storeWriteMs - (during[0]?.storeWriteMs ?? 0), rows: last.storeRows - (during[0]?.storeRows ?? 0) }
    const result: VariantResult = {
      broker,
      format,
      messages: run.sent,
      payloadBytesAvg: Math.round(ready.bytes / ready.count),
      raw,
      received: rec,
      committed,
      ratio: round(committed.wall / raw.wall, 2),
      perSutCpuSecond: usage.processes?.sut ? Math.round(run.sent / (usage.processes.sut * usage.seconds)) : undefined,
      storeRowsPerSecondOfWriting: store.ms > 0 ? Math.round((store.rows / store.ms) * 1000) : undefined,
      storeBusyShare: round(store.ms / (last.t - run.t0), 2),
      rejected: last.rejected,
      warnings: last.warnings,
      spilledToDisk: during.some((x) => x.mode === 'replay'),
      peakRssMiB: Math.round(Math.max(0, ...mems.map((x) => x.mem!.rss)) / 2 ** 20),
      peakHeapMiB: Math.round(Math.max(0, ...mems.map((x) => x.mem!.heapUsed)) / 2 ** 20),
      loopDelayP99MaxMs: round(Math.max(0, ...mems.map((x) => x.loop!.p99)), 1)!,
      profile,
    }
    return result
  } finally {
    for (const c of children.reverse()) await c.stop(10_000)
    await sut?.stop()
    await mosq?.dispose()
  }
}

/** Longest publishing time per phase (a phase also ends when the message set runs out). */
export function phaseBudget(quick: boolean): { raw: number; pipeline: number } {
  return quick ? { raw: 5_000, pipeline: 8_000 } : { raw: 8_000, pipeline: 20_000 }
}

/** "other processes used 0.4 cores" — how contaminated a figure is on a shared machine. */
export function busy(u: CpuUsage | undefined): string {
  return u?.foreignCores !== undefined ? `other processes ${u.foreignCores} cores` : ''
}

export async function ingestScenario(ctx: BenchContext): Promise<ScenarioResult> {
  const { opts } = ctx
  const figures: Figure[] = []
  const notes: string[] = []
  const variants: VariantResult[] = []
  // Old enough that every generated reading is in the past (the newest is N/1000 rounds of 1–5 min later).
  const startTs = Math.floor((Date.now() - 3 * 86_400_000) / 60_000) * 60_000
  const budget = phaseBudget(opts.quick)
  const config = {
    stations: STATIONS,
    messageSet: opts.readings,
    rawPhaseMaxSeconds: budget.raw / 1000,
    pipelinePhaseMaxSeconds: budget.pipeline / 1000,
    readingsPerMessage: 1,
    qos: opts.qos,
    publisher: 'one mqtt.js connection as the service principal, in a child process',
    lead: LEAD,
    rawPrefix: RAW_PREFIX,
    brokers: opts.brokers,
    formats: opts.formats,
  }
  for (const broker of opts.brokers) {
    if (broker === 'mosquitto' && !existsSync(MOSQUITTO)) {
      notes.push(`mosquitto variants skipped: ${MOSQUITTO} is absent (apt-get install -y mosquitto)`)
      continue
    }
    for (const format of opts.formats) {
      ctx.log(`ingest ${broker}/${format}`)
      const v = await runVariant(ctx, broker, format, startTs)
      variants.push(v)
      const cfg = { ...config, broker, format, payloadBytesAvg: v.payloadBytesAvg }
      const name = `${broker} ${format}`
      figures.push(
        figure('ingest', `${name}: pipeline (committed)`, v.committed.wall, 'readings/s', GOAL_RATE, {
          config: cfg,
          note: `${v.messages} in ${v.committed.seconds} s; ingest received ${v.received.steady ?? '?'}/s in steady state; ${busy(v.committed.cpu)}`,
        }),
        figure('ingest', `${name}: raw mqtt.js subscriber`, v.raw.wall, 'msg/s', undefined, {
          config: cfg,
          note: `${v.raw.n} in ${v.raw.seconds} s; steady ${v.raw.steady ?? '?'}/s; ${busy(v.raw.cpu)}`,
        }),
        figure('ingest', `${name}: ratio pipeline / raw`, v.ratio, '×', GOAL_RATIO, { config: cfg }),
        figure(
          'ingest',
          `${name}: pipeline per SUT CPU-second`,
          v.perSutCpuSecond,
          'readings/CPU-s',
          CPU_BEFORE[name] ? { op: '>=', value: 2 * CPU_BEFORE[name], text: `double issue 16's ${CPU_BEFORE[name]}` } : undefined,
          {
            config: cfg,
            note: `system under test used ${v.committed.cpu?.processes?.sut ?? '?'} cores`,
          },
        ),
      )
      // The SUT's CPU includes DuckDB's worker threads, which take whatever cores are free, so that
      // figure falls when the machine gets quieter; the main thread's busy time per reading (from the
      // profile) is the steadier measure of the JS work per reading (issue 16).
      if (v.profile)
        figures.push(
          figure('ingest', `${name}: main-thread µs per reading`, round((v.profile.busyMs * 1000) / v.messages, 1), 'µs', undefined, {
            config: cfg,
            note: `profile busy ${Math.round(v.profile.busyMs)} ms (idle ${Math.round(v.profile.idleMs)} ms) for ${v.messages} readings`,
          }),
        )
      if (v.rejected > 0) notes.push(`${name}: ${v.rejected} message(s) rejected to the dead letter (expected 0)`)
      if (v.profile) {
        const top = (xs: { name: string; pct: number }[], k: number) =>
          xs
            .slice(0, k)
            .map((x) => `${x.name.replace(/ \S+\.ts$/, '')} ${x.pct}%`)
            .join(', ')
        notes.push(`${name} profile (${v.profile.file}): self ${top(v.profile.topFunctions, 10)}; areas ${top(v.profile.byArea, 8)}`)
      }
    }
  }
  // Issue 16: HJ 212 within 20 % of JSON per reading, on the same broker (per SUT CPU-second: JSON / HJ 212).
  for (const broker of new Set(variants.map((v) => v.broker))) {
    const json = variants.find((v) => v.broker === broker && v.format === 'json')
    const hj = variants.find((v) => v.broker === broker && v.format === 'hj212')
    if (json?.perSutCpuSecond && hj?.perSutCpuSecond)
      figures.push(
        figure(
          'ingest',
          `${broker}: HJ 212 cost per reading / JSON's`,
          round(json.perSutCpuSecond / hj.perSutCpuSecond, 2),
          '×',
          GOAL_HJ212,
          {
            config,
            note: 'readings per SUT CPU-second, JSON over HJ 212',
          },
        ),
      )
  }
  return { figures, config, details: { variants }, notes }
}
