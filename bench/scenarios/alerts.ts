/**
 * Figure 2, alert latency: MQTT publish of a breaching reading → socket.io `alert` received by a
 * real, logged-in socket.io client, at a fixed background load: 5 000 readings/s (the issue's
 * figure), and first 1 000 readings/s for context (a load the system sustains here, so the two
 * together separate the alert path's own latency from queueing behind a backlog).
 *
 * - Background: a publisher child (rate mode) sends simulated data from every station except the
 *   reserved ones, one reading per station per data-second (data time runs ahead of wall time from
 *   an hour in the past; all timestamps stay valid). A new publisher per level, later in data time.
 * - Injection: the orchestrator publishes, at 20/s, one breaching reading to a reserved air station
 *   that has no other data, for one of the four pollutants with a moving 1-h mean rule
 *   (`air.so2.1h`, `air.no2.1h`, `air.co.1h`, `air.o3.1h`), so each injection opens exactly one new
 *   alert (distinct stations per level). The payload's `ts` is the publish time (epoch ms); latency
 *   is measured on one clock (performance.now() in this process, which publishes and receives).
 * - The socket client subscribes to everything (what the live map does), so it also receives the
 *   coalesced reading events of every station once a second.
 * - The ingest rate actually achieved under each background load is recorded with the figure.
 */
import mqtt from 'mqtt'
import { io, type Socket } from 'socket.io-client'
import type { AlertEvent } from '../../shared/src/domain/alert'
import { demoStations } from '../../simulator/src/select-stations'
import type { RateConfig } from '../children/publisher'
import { startChild, type Child } from '../lib/child'
import { cpuMonitor } from '../lib/cpu-monitor'
import { sleep, type BenchContext } from '../lib/context'
import { figure, type Figure, type ScenarioResult } from '../lib/figures'
import { round, summarize } from '../lib/stats'
import { SEED, SERVICE_PASSWORD, SERVICE_USERNAME, STATIONS, startSut, type Sut } from '../lib/sut'
import { busy } from './ingest'

const GOAL_P99 = { op: '<', value: 50, text: 'p99 < 50 ms at 5k readings/s' } as const
/** Pollutant → a value above its GB 3095-2012 grade II 1-h limit (and its critical step). */
const BREACH: Record<string, number> = { so2: 900, no2: 750, co: 40, o3: 350 }
const POLLUTANTS = Object.keys(BREACH)
const INJECT_RATE = 20

interface Level {
  background: number
  seconds: number
  warmup: number
  stations: string[]
  /** Data time the background starts at (ms before now). */
  startAgoMs: number
}

async function runLevel(ctx: BenchContext, s: Sut, socket: Socket, inj: mqtt.MqttClient, reservedAll: string[], lv: Level) {
  const { opts } = ctx
  const bgCfg: RateConfig = {
    mode: 'rate',
    url: s.brokerUrl,
    username: SERVICE_USERNAME,
    password: SERVICE_PASSWORD,
    clientId: `bench-background-${lv.background}`,
    qos: opts.qos,
    stations: STATIONS,
    seed: SEED,
    exclude: reservedAll,
    rate: lv.background,
    intervalSec: 1,
    startTs: Math.floor((Date.now() - lv.startAgoMs) / 1000) * 1000,
    protocol: 'json',
  }
  const bg: Child = startChild('background', 'publisher.ts', bgCfg)
  try {
    await bg.next('ready', 60_000)
    const ticks: [number, number][] = []
    bg.on<{ type: 'tick'; sent: number; t: number }>('tick', (m) => ticks.push([m.t, m.sent]))
    const pending = new Map<string, { sentAt: number; ts: number }>()
    const latencies: number[] = []
    const wallLatencies: number[] = []
    let otherAlerts = 0
    let readingEvents = 0
    const onReading = () => {
      readingEvents++
    }
    const onAlert = (a: AlertEvent) => {
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
    }
    socket.on('reading', onReading)
    socket.on('alert', onAlert)
    ctx.log(`alerts: background ${lv.background}/s, warm-up ${lv.warmup} s, then ${INJECT_RATE} breaches/s for ${lv.seconds} s`)
    bg.send({ type: 'go' })
    await sleep(lv.warmup * 1000)
    const cpu = cpuMonitor({ sut: s.child.pid, publisher: bg.pid })
    const from = s.samples.length
    const injections = INJECT_RATE * lv.seconds
    const t0 = performance.now()
    for (let k = 0; k < injections; k++) {
      const wait = t0 + (k * 1000) / INJECT_RATE - performance.now()
      if (wait > 0) await sleep(wait)
      const station = lv.stations[Math.floor(k / POLLUTANTS.length)]!
      const p = POLLUTANTS[k % POLLUTANTS.length]!
      const ts = Date.now()
      pending.set(`${station}|air.${p}.1h`, { sentAt: performance.now(), ts })
      inj.publish(`envmon/v1/air/${station}/reading`, JSON.stringify({ ts, values: { [p]: BREACH[p] } }), { qos: opts.qos })
    }
    const sentFor = (performance.now() - t0) / 1000
    const deadline = performance.now() + 15_000
    while (pending.size > 0 && performance.now() < deadline) await sleep(50)
    const usage = cpu()
    socket.off('reading', onReading)
    socket.off('alert', onAlert)
    const during = s.samples.slice(from)
    const first = during[0]
    const last = during.at(-1)
    const ingestRate =
      first && last && last.t > first.t ? Math.round(((last.messages - first.messages) / (last.t - first.t)) * 1000) : undefined
    const loops = during.filter((x) => x.loop).map((x) => x.loop!)
    const inWindow = ticks.filter(([t]) => first && t >= first.t)
    const published =
      inWindow.length > 1
        ? Math.round(((inWindow.at(-1)![1] - inWindow[0]![1]) / (inWindow.at(-1)![0] - inWindow[0]![0])) * 1000)
        : undefined
    return {
      background: lv.background,
      published,
      latencyMs: roundAll(summarize(latencies)),
      wallClockLatencyMs: roundAll(summarize(wallLatencies)),
      injected: injections,
      received: latencies.length,
      missing: pending.size,
      otherAlerts,
      readingEventsPerSecond: Math.round(readingEvents / sentFor),
      ingestRate,
      sutEventLoopDelayP99MaxMs: round(Math.max(0, ...loops.map((l) => l.p99)), 1),
      sutEventLoopDelayMaxMs: round(Math.max(0, ...loops.map((l) => l.max)), 1),
      cpu: usage,
    }
  } finally {
    await bg.stop(10_000)
  }
}

export async function alertsScenario(ctx: BenchContext): Promise<ScenarioResult> {
  const { opts } = ctx
  const seconds = opts.quick ? 6 : 20
  const warmup = opts.quick ? 3 : 5
  const perLevel = Math.ceil((INJECT_RATE * seconds) / POLLUTANTS.length)
  const air = demoStations(STATIONS, SEED).filter((s) => s.kind === 'air')
  if (air.length < 2 * perLevel + 20) throw new Error(`need ${2 * perLevel + 20} air stations, have ${air.length}`)
  const reserved = air.slice(air.length - 2 * perLevel).map((s) => s.id)
  const levels: Level[] = [
    { background: 1000, seconds, warmup, stations: reserved.slice(0, perLevel), startAgoMs: 60 * 60_000 },
    { background: 5000, seconds, warmup, stations: reserved.slice(perLevel), startAgoMs: 30 * 60_000 },
  ]
  const config = {
    stations: STATIONS,
    backgroundLevels: levels.map((l) => l.background),
    backgroundStations: STATIONS - reserved.length,
    injectionsPerSecond: INJECT_RATE,
    injectionSeconds: seconds,
    warmupSeconds: warmup,
    reservedAirStations: reserved.length,
    qos: opts.qos,
    broker: 'aedes (embedded)',
    publisher: 'service principal; background in a child process, injections from the orchestrator',
    socketClient: 'socket.io-client, websocket, logged in as demo-viewer, no room subscription (everything)',
  }
  let sut: Sut | undefined
  let socket: Socket | undefined
  let inj: mqtt.MqttClient | undefined
  try {
    sut = await startSut({ workDir: ctx.workDir })
    const s = sut
    const { cookie } = await s.login('viewer')
    socket = io(s.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } })
    await new Promise<void>((resolve, reject) => {
      socket!.once('connect', () => resolve())
      socket!.once('connect_error', reject)
    })
    inj = await mqtt.connectAsync(s.brokerUrl, {
      clientId: 'bench-injector',
      username: SERVICE_USERNAME,
      password: SERVICE_PASSWORD,
      reconnectPeriod: 0,
    })
    const results = []
    for (const lv of levels) results.push(await runLevel(ctx, s, socket, inj, reserved, lv))
    const figures: Figure[] = []
    const notes: string[] = []
    for (const r of results) {
      const k = `${r.background / 1000}k/s`
      const l = r.latencyMs
      const note = `n=${l.n}; ${r.background}/s offered, publisher sent ${r.published ?? '?'}/s, ingest took ${r.ingestRate}/s; ${busy(r.cpu)}`
      const goal = r.background === 5000 ? GOAL_P99 : undefined
      figures.push(
        figure('alerts', `publish → socket alert at ${k}: p50`, round(l.p50, 1), 'ms', undefined, { config, note }),
        figure('alerts', `publish → socket alert at ${k}: p95`, round(l.p95, 1), 'ms', undefined, { config }),
        figure('alerts', `publish → socket alert at ${k}: p99`, round(l.p99, 1), 'ms', goal, {
          config,
          note: `max ${round(l.max, 1)} ms; event-loop delay p99 up to ${r.sutEventLoopDelayP99MaxMs} ms`,
        }),
      )
      if (r.missing > 0) notes.push(`${k}: ${r.missing} of ${r.injected} breaches raised no alert within 15 s`)
    }
    return { figures, config, details: { levels: results }, notes }
  } finally {
    socket?.disconnect()
    await inj?.endAsync(true)
    await sut?.stop()
  }
}

function roundAll<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? round(v, 2) : v])) as T
}
