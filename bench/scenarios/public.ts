/**
 * Issue 14, "Load": the public release under a burst of citizens, and the operators' console beside it.
 * - The system holds 48 hours of air values (hourly, the last 3 hours minute by minute) for every
 *   air station of the 1000-station registry, and is restarted on them (the standards evaluator warms its AQI from the store, so
 *   every station has a current AQI, as in production).
 * - Operator latency: one operator, one request at a time, alternating `GET /api/stations` (the
 *   1000-station registry with status, latest values and AQI) and a 24-hour hourly series of one
 *   air station; p50/p99 first alone, then while the citizens run.
 * - Citizens: `CONCURRENCY` loops, each request from one of `ADDRESSES` client addresses
 *   (X-Forwarded-For through TRUST_PROXY=loopback, so the per-address rate limit is in force as
 *   behind the bureau's proxy), each loading what the public page loads: the AQI map, one random
 *   station's detail, the daily report, the water sources, the targets; half of the loops revalidate
 *   with If-None-Match as a browser does (304). First a steady crowd (open loop at STEADY_RPS), then
 *   as fast as the server answers (closed loop), both on the main port; then, after a restart with
 *   PUBLIC_PORT (the public edge: its own port and worker thread, server/src/public/public-edge.ts),
 *   the operator alone again and the same two crowds on the edge. Requests per second of all
 *   answers, and how many were 200, 304, 429 and 503.
 * The load generator runs in the bench process on the same machine, so it takes CPU from the system
 * under test: the figures are a lower bound of what a dedicated server does.
 */
import { Worker } from 'node:worker_threads'
import { demoStations } from '../../simulator/src/select-stations'
import type { SeedCommand } from '../children/sut'
import { cpuMonitor } from '../lib/cpu-monitor'
import type { BenchContext } from '../lib/context'
import { figure, type Figure, type ScenarioResult } from '../lib/figures'
import { round, summarize } from '../lib/stats'
import { SEED, STATIONS, startSut, type Sut } from '../lib/sut'
import { busy } from './ingest'

const HOUR = 3_600_000
const CONCURRENCY = 32
const ADDRESSES = 5000
/** The steady crowd's rate: about 1 200 open public pages, each polling its four bodies once a minute. */
const STEADY_RPS = 80
const AIR_METRICS = ['so2', 'no2', 'co', 'pm10', 'pm25', 'o3']

/**
 * The citizens (plain JS for a worker thread): `concurrency` loops for `seconds`, each request from
 * one of `addresses` X-Forwarded-For addresses; even loops revalidate with If-None-Match.
 */
const CITIZENS = `
const { parentPort, workerData: w } = require('node:worker_threads')
const counts = {}
let total = 0
const end = Date.now() + w.seconds * 1000
async function loop(k) {
  const etags = new Map()
  // Open loop when a rate is given: each loop starts a request every concurrency / rate seconds.
  const every = w.rate ? (w.concurrency / w.rate) * 1000 : 0
  const t0 = Date.now() + (every * k) / w.concurrency
  if (every) await new Promise((r) => setTimeout(r, t0 - Date.now()))
  for (let i = 0; Date.now() < end; i++) {
    if (every) {
      const wait = t0 + i * every - Date.now()
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    }
    const path = ['/api/public/aqi', '/api/public/stations/' + w.ids[(k * 31 + i) % w.ids.length], '/api/public/daily', '/api/public/water', '/api/public/targets'][i % 5]
    const a = (k * 7919 + i) % w.addresses
    const headers = { 'X-Forwarded-For': '10.0.' + Math.floor(a / 250) + '.' + (a % 250) }
    if (k % 2 === 0 && etags.has(path)) headers['If-None-Match'] = etags.get(path)
    const res = await fetch(w.url + path, { headers })
    await res.arrayBuffer()
    const e = res.headers.get('etag')
    if (e) etags.set(path, e)
    counts[res.status] = (counts[res.status] || 0) + 1
    total++
  }
}
Promise.all(Array.from({ length: w.concurrency }, (_, k) => loop(k))).then(() => parentPort.postMessage({ total, counts }))
`

/** One operator's requests, one at a time, until `until()`; latencies in ms. */
async function operatorLoop(s: Sut, paths: readonly string[], until: () => boolean, min: number): Promise<number[]> {
  const ms: number[] = []
  for (let i = 0; !until() || ms.length < min; i++) {
    const t0 = performance.now()
    const res = await s.get(paths[i % paths.length]!, 'operator')
    await res.arrayBuffer()
    if (res.status !== 200) throw new Error(`operator ${paths[i % paths.length]}: HTTP ${res.status}`)
    ms.push(performance.now() - t0)
  }
  return ms
}

export async function publicScenario(ctx: BenchContext): Promise<ScenarioResult> {
  const seconds = ctx.opts.quick ? 4 : 12
  const stations = demoStations(STATIONS, SEED)
  const air = stations.filter((s) => s.kind === 'air')
  const config = {
    stations: STATIONS,
    airStations: air.length,
    seconds,
    concurrency: CONCURRENCY,
    addresses: ADDRESSES,
    rateLimitPerMinute: 600,
    cacheTtlSec: 15,
    steadyRps: STEADY_RPS,
    role: 'operator',
  }
  const figures: Figure[] = []
  const details: Record<string, unknown> = {}
  let sut: Sut | undefined
  try {
    let s = (sut = await startSut({ workDir: ctx.workDir }))
    const to = Math.floor(Date.now() / HOUR) * HOUR
    const from = to - 48 * HOUR
    const minutes = Math.floor((Date.now() - (to - 3 * HOUR)) / 60_000)
    ctx.log(`public: writing 48 hours of hourly air values for ${air.length} stations`)
    await s.request(
      {
        type: 'seed',
        batch: 20_000,
        // Hourly values, then the last 3 hours minute by minute: an hourly AQI needs >= 45 minutes of its hour (GB 3095-2012).
        series: air.flatMap((st) => [
          { stationId: st.id, kind: st.kind, metrics: AIR_METRICS, from, stepMs: HOUR, count: 45 },
          // Up to now, so no station falls silent long enough (10 intervals) to open an offline alert
          // during the run: 268 open alerts from one start to the next made the operator's
          // /api/stations twice as slow and the starts incomparable.
          { stationId: st.id, kind: st.kind, metrics: AIR_METRICS, from: to - 3 * HOUR, stepMs: 60_000, count: minutes },
        ]),
      } satisfies SeedCommand,
      'seeded',
    )
    const dataDir = s.dataDir
    await s.stop({ keepData: true })
    sut = s = await startSut({ workDir: ctx.workDir, dataDir, env: { TRUST_PROXY: 'loopback' } })
    const aqiBody = (await (await fetch(`${s.url}/api/public/aqi`)).json()) as { stations: { aqi: unknown }[]; city: unknown }
    details.stationsWithAqi = aqiBody.stations.filter((x) => x.aqi).length
    details.cityAqi = aqiBody.city
    // Warm the operator's session and the targets board (computed at start) before timing.
    await (await s.get('/api/targets?period=month', 'operator')).arrayBuffer()
    const opPaths = ['/api/stations', `/api/stations/${air[0]!.id}/series?metric=pm25&from=${to - 24 * HOUR}&to=${to}&every=1h`]

    ctx.log(`public: operator alone for ${seconds} s`)
    const end = performance.now() + seconds * 1000
    const alone = summarize(await operatorLoop(s, opPaths, () => performance.now() > end, 20))

    const opNote = (x: typeof alone) =>
      `p99 ${round(x.p99, 1)} ms, n=${x.n}; alternating GET /api/stations (${STATIONS} stations) and a 24-h hourly series`
    figures.push(
      figure('public', 'operator API alone: p50', round(alone.p50, 1), 'ms', undefined, { config, note: opNote(alone) }),
      figure('public', 'operator API alone: p99', round(alone.p99, 1), 'ms', undefined, { config }),
    )
    details.operatorAlone = alone

    /** Citizens for `seconds` beside the operator (on `url`, the main port by default): their answers and the operator's latencies. */
    const burst = async (label: string, rate = 0, url = s.url) => {
      ctx.log(`public: ${CONCURRENCY} citizen loops for ${seconds} s beside the operator (${label})`)
      const cpu = cpuMonitor({ sut: s.child.pid })
      const t0 = performance.now()
      // The citizens run on their own thread: on the operator's event loop they would add their own
      // queueing to the operator latency measured here.
      const citizens = new Worker(CITIZENS, {
        eval: true,
        workerData: { url, ids: air.map((x) => x.id), seconds, concurrency: CONCURRENCY, addresses: ADDRESSES, rate },
      })
      const done = new Promise<{ total: number; counts: Record<string, number> }>((resolve, reject) => {
        citizens.once('message', resolve)
        citizens.once('error', reject)
      })
      const stopAt = performance.now() + seconds * 1000
      const loaded = summarize(await operatorLoop(s, opPaths, () => performance.now() > stopAt, 20))
      const { total, counts } = await done
      await citizens.terminate()
      const elapsed = (performance.now() - t0) / 1000
      const usage = cpu()
      details[`burst ${label}`] = { requests: total, seconds: round(elapsed, 2), byStatus: counts, cpu: usage, operator: loaded }
      const answers = Object.entries(counts)
        .map(([k, v]) => `${v} × ${k}`)
        .join(', ')
      figures.push(
        figure('public', `public API under a burst of citizens (${label})`, Math.round(total / elapsed), 'requests/s', undefined, {
          config,
          note: `${CONCURRENCY} concurrent loops, ${total} requests in ${round(elapsed, 1)} s: ${answers}; ${busy(usage)}`,
        }),
        figure('public', `operator API during the burst (${label}): p50`, round(loaded.p50, 1), 'ms', undefined, {
          config,
          note: opNote(loaded),
        }),
        figure('public', `operator API during the burst (${label}): p99`, round(loaded.p99, 1), 'ms', undefined, { config }),
      )
    }
    // A steady crowd first (open loop, a fixed rate), then as fast as the server answers (closed loop).
    await burst(`${STEADY_RPS} requests/s, steady`, STEADY_RPS)
    await burst('as fast as answered, PUBLIC_MAX_RPS=300, the default')
    // The same crowds on the public edge (PUBLIC_PORT): its own port and thread, the main thread
    // computing each body once per TTL.
    await s.stop({ keepData: true })
    sut = s = await startSut({ workDir: ctx.workDir, dataDir, env: { TRUST_PROXY: 'loopback', PUBLIC_PORT: '0' } })
    await (await s.get('/api/targets?period=month', 'operator')).arrayBuffer()
    const edge = s.publicUrl
    if (!edge) throw new Error('the system did not start its public edge (PUBLIC_PORT=0)')
    ctx.log(`public: operator alone for ${seconds} s (public edge on)`)
    const end2 = performance.now() + seconds * 1000
    const alone2 = summarize(await operatorLoop(s, opPaths, () => performance.now() > end2, 20))
    details.operatorAloneEdge = alone2
    figures.push(
      figure('public', 'operator API alone, public edge on: p50', round(alone2.p50, 1), 'ms', undefined, { config, note: opNote(alone2) }),
      figure('public', 'operator API alone, public edge on: p99', round(alone2.p99, 1), 'ms', undefined, { config }),
    )
    await burst(`${STEADY_RPS} requests/s, steady, on the public edge`, STEADY_RPS, edge)
    await burst('as fast as answered, on the public edge', 0, edge)
    return { figures, config, details, notes: [] }
  } finally {
    await sut?.stop()
  }
}
