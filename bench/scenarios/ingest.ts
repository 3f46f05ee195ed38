/**
 * Figure 1, ingest throughput: readings per second through the whole pipeline (MQTT receive,
 * decode, validate, rules, durable spool, store commit, live push) against the raw receive rate of
 * a bare mqtt.js subscriber on the same broker in the same run.
 *
 * Per variant (broker × payload format), one fresh system under test with 1000 stations:
 * 1. raw phase: the raw subscriber (children/raw-subscriber.ts) subscribes to a topic prefix ingest
 *    does not subscribe to; the publisher sends the variant's N messages under that prefix;
 * 2. pipeline phase: the publisher sends the same N messages under the real prefix; the figure is
 *    the rate at which the durable queue's `committed` counter (readings the store has committed)
 *    grows, in steady state (10 %–90 % of N), plus the wall-clock average from the first publish
 *    to the last commit.
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
import { round, steadyRate, type CounterSample } from '../lib/stats'
import { SEED, SERVICE_PASSWORD, SERVICE_USERNAME, STATIONS, startSut, type Sut } from '../lib/sut'
import type { BurstConfig } from '../children/publisher'
import type { RawSubscriberConfig } from '../children/raw-subscriber'
import { startMosquitto, type Mosquitto } from '../../test/helpers/mosquitto'

const GOAL_RATE = { op: '>=', value: 50_000, text: '>= 50k readings/s per process' } as const
const GOAL_RATIO = { op: '>=', value: 0.6, text: '>= 0.6 of the raw receive rate' } as const
const RAW_PREFIX = 'envraw'
const LEAD = 20_000

interface PhaseResult {
  n: number
  /** Epoch ms of the first publish. */
  t0: number
  /** Steady-state rate, messages/s. */
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
  /** Readings committed per CPU-second of the system under test (robust to a shared machine). */
  perSutCpuSecond?: number
  peakRssMiB: number
  peakHeapMiB: number
  loopDelayP99MaxMs: number
  profile?: ProfileSummary
}

/** Run the publisher in burst mode until `consumed()` reaches n; collect (t, count) samples. */
async function phase(pub: Child, n: number, prefix: string | undefined, subscribe: (fn: (t: number, c: number) => void) => () => void, timeoutMs: number, pids: Record<string, number | undefined>): Promise<PhaseResult> {
  const samples: CounterSample[] = []
  let doneAt = 0
  let resolveDone!: () => void
  const done = new Promise<void>((r) => (resolveDone = r))
  let base = -1
  const off = subscribe((t, c) => {
    if (base < 0) base = c
    const k = c - base
    samples.push([t, k])
    pub.send({ type: 'progress', consumed: k })
    if (k >= n && !doneAt) {
      doneAt = t
      resolveDone()
    }
  })
  const published = pub.next<{ type: 'published'; t0: number; tSent: number; tAcked: number }>('published', timeoutMs)
  const started = pub.next<{ type: 'started'; t: number }>('started', 30_000)
  const cpu = cpuMonitor(pids)
  pub.send({ type: 'go', prefix, count: n })
  const t0 = (await started).t
  samples.unshift([t0, 0])
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([done, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`phase did not finish within ${timeoutMs} ms (${samples.at(-1)?.[1]} of ${n})`)), timeoutMs)))])
  } finally {
    clearTimeout(timer)
    off()
  }
  const usage = cpu()
  const p = await published
  return { n, t0, steady: round(steadyRate(samples, n), 0), wall: Math.round((n / (doneAt - t0)) * 1000), seconds: round((doneAt - t0) / 1000, 2)!, publisherSeconds: round((p.tSent - p.t0) / 1000, 2)!, cpu: usage }
}

async function runVariant(ctx: BenchContext, broker: BrokerName, format: FormatName, startTs: number): Promise<VariantResult> {
  const { opts } = ctx
  const n = opts.readings
  let mosq: Mosquitto | undefined
  let sut: Sut | undefined
  const children: Child[] = []
  try {
    if (broker === 'mosquitto') mosq = await startMosquitto({ serviceUsername: SERVICE_USERNAME, users: { [SERVICE_USERNAME]: SERVICE_PASSWORD } })
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
    const rawCfg: RawSubscriberConfig = { url: s.brokerUrl, username: SERVICE_USERNAME, password: SERVICE_PASSWORD, clientId: 'bench-raw-subscriber', filters: [`${RAW_PREFIX}/v1/+/+/reading`, `${RAW_PREFIX}/v1/+/+/hj212`], qos: opts.qos, reportMs: 50 }
    const rawSub = startChild('raw-subscriber', 'raw-subscriber.ts', rawCfg)
    children.push(rawSub)
    await rawSub.next('ready', 30_000)
    ctx.log(`  ${broker}/${format}: raw subscriber, ${n} messages`)
    const mosqPid = mosq ? childPidByName('mosquitto') : undefined
    const pids = { sut: s.child.pid, publisher: pub.pid, mosquitto: mosqPid }
    const raw = await phase(pub, n, RAW_PREFIX, (fn) => rawSub.on<{ type: 'count'; n: number; t: number }>('count', (m) => fn(m.t, m.n)), 300_000, { ...pids, subscriber: rawSub.pid })
    await rawSub.stop()
    await sleep(1000)

    // 2. The pipeline.
    ctx.log(`  ${broker}/${format}: pipeline, ${n} messages`)
    if (opts.profile) await s.request({ type: 'profile-start' }, 'profiling')
    const from = s.samples.length
    const committedSamples: CounterSample[] = []
    let base = -1
    const offCommitted = s.onSample((x) => {
      if (base < 0) base = x.committed
      committedSamples.push([x.t, x.committed - base])
    })
    const cpu = cpuMonitor(pids)
    const rec = await phase(pub, n, undefined, (fn) => s.onSample((x) => fn(x.t, x.messages)), 600_000, pids)
    const last = await s.until((x) => x.committed - base >= n, 600_000)
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
    const committed: PhaseResult = {
      n,
      t0: rec.t0,
      steady: round(steadyRate(committedSamples, n), 0),
      wall: Math.round((n / (last.t - rec.t0)) * 1000),
      seconds: round((last.t - rec.t0) / 1000, 2)!,
      publisherSeconds: rec.publisherSeconds,
      cpu: usage,
    }
    const result: VariantResult = {
      broker,
      format,
      messages: n,
      payloadBytesAvg: Math.round(ready.bytes / ready.count),
      raw,
      received: rec,
      committed,
      ratio: committed.steady && raw.steady ? round(committed.steady / raw.steady, 2) : undefined,
      perSutCpuSecond: usage.processes?.sut ? Math.round(n / (usage.processes.sut * usage.seconds)) : undefined,
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
  const config = { stations: STATIONS, messagesPerVariant: opts.readings, readingsPerMessage: 1, qos: opts.qos, publisher: 'one mqtt.js connection as the service principal, in a child process', lead: LEAD, rawPrefix: RAW_PREFIX, brokers: opts.brokers, formats: opts.formats }
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
        figure('ingest', `${name}: pipeline (committed)`, v.committed.steady, 'readings/s', GOAL_RATE, { config: cfg, note: `wall-clock ${v.committed.wall}/s; ingest received ${v.received.steady ?? '?'}/s; ${busy(v.committed.cpu)}` }),
        figure('ingest', `${name}: raw mqtt.js subscriber`, v.raw.steady, 'msg/s', undefined, { config: cfg, note: `wall-clock ${v.raw.wall}/s; ${busy(v.raw.cpu)}` }),
        figure('ingest', `${name}: ratio pipeline / raw`, v.ratio, '×', GOAL_RATIO, { config: cfg }),
        figure('ingest', `${name}: pipeline per SUT CPU-second`, v.perSutCpuSecond, 'readings/CPU-s', undefined, { config: cfg, note: `system under test used ${v.committed.cpu?.processes?.sut ?? '?'} cores` }),
      )
      if (v.rejected > 0) notes.push(`${name}: ${v.rejected} message(s) rejected to the dead letter (expected 0)`)
    }
  }
  return { figures, config, details: { variants }, notes }
}
