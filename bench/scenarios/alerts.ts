/**
 * Figure 2, alert latency: MQTT publish of a breaching reading → socket.io `alert` received by a
 * real, logged-in socket.io client, at a fixed background load of 5 000 readings/s.
 *
 * - Background: the publisher child (rate mode) sends 5 000 readings/s of simulated data from every
 *   station except the reserved ones, one reading per station per data-second (data time runs
 *   ahead of wall time from 30 min in the past; all timestamps stay valid).
 * - Injection: the orchestrator publishes, at `rate`/s, one breaching reading to a reserved air
 *   station that has no other data, for one of the four pollutants with a moving 1-h mean rule
 *   (`air.so2.1h`, `air.no2.1h`, `air.co.1h`, `air.o3.1h`), so each injection opens exactly one new
 *   alert. The payload's `ts` is the publish time (epoch ms); latency is measured on one clock
 *   (performance.now() in this process, which both publishes and receives).
 * - The socket client subscribes to everything (what the live map does), so it also receives the
 *   coalesced reading events of every station once a second.
 */
import mqtt from 'mqtt'
import { io, type Socket } from 'socket.io-client'
import type { AlertEvent } from '../../shared/src/domain/alert'
import { demoStations } from '../../simulator/src/select-stations'
import type { RateConfig } from '../children/publisher'
import { startChild, type Child } from '../lib/child'
import { cpuMonitor } from '../lib/cpu-monitor'
import { sleep, type BenchContext } from '../lib/context'
import { figure, type ScenarioResult } from '../lib/figures'
import { round, summarize } from '../lib/stats'
import { SEED, SERVICE_PASSWORD, SERVICE_USERNAME, STATIONS, startSut, type Sut } from '../lib/sut'
import { busy } from './ingest'

const GOAL_P99 = { op: '<', value: 50, text: 'p99 < 50 ms at 5k readings/s' } as const
/** Pollutant → a value above its GB 3095-2012 grade II 1-h limit (and its critical step). */
const BREACH: Record<string, number> = { so2: 900, no2: 750, co: 40, o3: 350 }

export async function alertsScenario(ctx: BenchContext): Promise<ScenarioResult> {
  const { opts } = ctx
  const background = 5000
  const rate = 20
  const seconds = opts.quick ? 6 : 25
  const warmup = opts.quick ? 3 : 5
  const injections = rate * seconds
  const pollutants = Object.keys(BREACH)
  const reservedCount = Math.ceil(injections / pollutants.length)
  const air = demoStations(STATIONS, SEED).filter((s) => s.kind === 'air')
  if (air.length < reservedCount) throw new Error(`need ${reservedCount} air stations, have ${air.length}`)
  const reserved = air.slice(air.length - reservedCount).map((s) => s.id)
  const config = { stations: STATIONS, backgroundReadingsPerSecond: background, backgroundStations: STATIONS - reservedCount, injectionsPerSecond: rate, injectionSeconds: seconds, warmupSeconds: warmup, reservedAirStations: reservedCount, qos: opts.qos, broker: 'aedes (embedded)', publisher: 'service principal; background in a child process, injections from the orchestrator', socketClient: 'socket.io-client, websocket, logged in as demo-viewer, no room subscription (everything)' }

  let sut: Sut | undefined
  let bg: Child | undefined
  let socket: Socket | undefined
  let inj: mqtt.MqttClient | undefined
  try {
    sut = await startSut({ workDir: ctx.workDir })
    const s = sut
    const bgCfg: RateConfig = { mode: 'rate', url: s.brokerUrl, username: SERVICE_USERNAME, password: SERVICE_PASSWORD, clientId: 'bench-background', qos: opts.qos, stations: STATIONS, seed: SEED, exclude: reserved, rate: background, intervalSec: 1, startTs: Math.floor((Date.now() - 30 * 60_000) / 1000) * 1000, protocol: 'json' }
    bg = startChild('background', 'publisher.ts', bgCfg)
    await bg.next('ready', 60_000)

    const { cookie } = await s.login('viewer')
    socket = io(s.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } })
    await new Promise<void>((resolve, reject) => {
      socket!.once('connect', () => resolve())
      socket!.once('connect_error', reject)
    })
    const pending = new Map<string, { sentAt: number; ts: number }>()
    const latencies: number[] = []
    const wallLatencies: number[] = []
    let otherAlerts = 0
    let readingEvents = 0
    socket.on('reading', () => {
      readingEvents++
    })
    socket.on('alert', (a: AlertEvent) => {
      const now = performance.now()
      const key = `${a.stationId}|${a.rule}`
      const p = pending.get(key)
      if (!p || a.state !== 'open') {
        otherAlerts++
        return
      }
      pending.delete(key)
      latencies.push(now - p.sentAt)
      wallLatencies.push(Date.now() - p.ts)
    })
    inj = await mqtt.connectAsync(s.brokerUrl, { clientId: 'bench-injector', username: SERVICE_USERNAME, password: SERVICE_PASSWORD, reconnectPeriod: 0 })

    ctx.log(`alerts: background ${background}/s, warm-up ${warmup} s`)
    bg.send({ type: 'go' })
    const m0 = s.latest()!
    await sleep(warmup * 1000)
    ctx.log(`alerts: injecting ${rate}/s for ${seconds} s`)
    const cpu = cpuMonitor({ sut: s.child.pid, publisher: bg.pid })
    const from = s.samples.length
    const t0 = performance.now()
    for (let k = 0; k < injections; k++) {
      const due = t0 + (k * 1000) / rate
      const wait = due - performance.now()
      if (wait > 0) await sleep(wait)
      const station = reserved[Math.floor(k / pollutants.length)]!
      const p = pollutants[k % pollutants.length]!
      const ts = Date.now()
      const topic = `envmon/v1/air/${station}/reading`
      pending.set(`${station}|air.${p}.1h`, { sentAt: performance.now(), ts })
      inj.publish(topic, JSON.stringify({ ts, values: { [p]: BREACH[p] } }), { qos: opts.qos })
    }
    const deadline = performance.now() + 10_000
    while (pending.size > 0 && performance.now() < deadline) await sleep(50)
    const usage = cpu()
    const during = s.samples.slice(from)
    const first = during[0] ?? m0
    const last = during.at(-1) ?? m0
    const bgRate = Math.round(((last.messages - first.messages) / (last.t - first.t)) * 1000)
    const loops = during.filter((x) => x.loop).map((x) => x.loop!)
    const sum = summarize(latencies)
    const details = {
      latencyMs: mapRound(sum),
      wallClockLatencyMs: mapRound(summarize(wallLatencies)),
      injected: injections,
      received: latencies.length,
      missing: pending.size,
      otherAlerts,
      readingEventsPerSecond: Math.round(readingEvents / ((performance.now() - t0) / 1000)),
      measuredIngestRate: bgRate,
      sutEventLoopDelayP99MaxMs: round(Math.max(0, ...loops.map((l) => l.p99)), 1),
      sutEventLoopDelayMaxMs: round(Math.max(0, ...loops.map((l) => l.max)), 1),
      cpu: usage,
    }
    const note = `n=${sum.n}, ingest measured ${bgRate}/s; ${busy(usage)}`
    return {
      config,
      details,
      figures: [
        figure('alerts', 'publish → socket alert p50', round(sum.p50, 1), 'ms', undefined, { config, note }),
        figure('alerts', 'publish → socket alert p95', round(sum.p95, 1), 'ms', undefined, { config }),
        figure('alerts', 'publish → socket alert p99', round(sum.p99, 1), 'ms', GOAL_P99, { config, note: `max ${round(sum.max, 1)} ms` }),
      ],
      notes: pending.size > 0 ? [`${pending.size} of ${injections} injected breaches raised no alert within 10 s`] : [],
    }
  } finally {
    socket?.disconnect()
    await inj?.endAsync(true)
    await bg?.stop(10_000)
    await sut?.stop()
  }
}

function mapRound<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? round(v, 2) : v])) as T
}
