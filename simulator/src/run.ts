/**
 * The live simulator: every station is its own client (MQTT, or raw TCP for HJ 212), publishing
 * its model's readings every interval, after an optional backfill of the last hours. Broker errors
 * are counted, never thrown; mqtt.js reconnects by itself. `stop()` ends everything cleanly.
 */
import { STATION_ID_PATTERN, type Station } from '../../shared/src/domain/station'
import { makeTopics } from '../../shared/src/protocol/topics'
import { hashSeed, mulberry32 } from './models/prng'
import { hj212Encoder, jsonEncoder, type Encoder, type Protocol } from './output/encoders'
import { createMqttLink } from './output/mqtt-link'
import { SimLogger } from './output/logger-commands'
import { createTcpLink, parseHostPort } from './output/tcp-link'
import { startStationRunner, type SimulatorStats, type StationRunner } from './station-runner'

export type { SimulatorStats } from './station-runner'

/** How readings leave a station. */
export type Transport = 'mqtt' | 'tcp'

/** Options of {@link startSimulator}. */
export interface SimulatorOptions {
  /** MQTT broker URL, e.g. `mqtt://localhost:1883` (required for the mqtt transport). */
  brokerUrl?: string
  stations: readonly Station[]
  /** Tick interval for every station, seconds; default each station's own `intervalSec`. */
  intervalSec?: number
  /** Model seed. Default 1. */
  seed?: number
  /** MQTT topic prefix. Default `envmon`. */
  topicPrefix?: string
  /** MQTT credentials per station (HJ 212: the password is also `PW`). */
  credentials?: (s: Station) => { username: string; password: string } | undefined
  /** Clock for reading timestamps, epoch ms. Default Date.now. */
  now?: () => number
  /** Publish the last N hours per station at start (JSON arrays of ≤ 500 readings). Default 0. */
  backfillHours?: number
  /** One log line (errors are rate-limited per kind). Default: silent. */
  log?: (line: string) => void
  /** `json` (contract reading) or `hj212` (HJ 212-2017 CN 2011 frames). Default `json`. */
  protocol?: Protocol
  /** `mqtt` or `tcp` (HJ 212 only, to `tcp`). Default `mqtt`. */
  transport?: Transport
  /** HJ 212 TCP listener, `host:port` (transport `tcp`). */
  tcp?: string
  /** Multiplier of pollution-episode frequency (1 = defaults). */
  episodeRate?: number
  /** Multiplier of sensor faults, stuck values and maintenance (1 = defaults). */
  faultRate?: number
  /** Multiplier of station outages (1 = defaults). */
  outageRate?: number
  /**
   * Drop every station's link `afterSec` after start for `forSec` (HJ 212 loggers keep measuring
   * and answer envmon's history request when back; issue 12). The CLI's `--outage FOR[@AFTER]`.
   */
  outage?: { forSec: number; afterSec: number }
  /** HJ 212 loggers' clocks run this far ahead (negative: behind), seconds. Default 0. */
  clockOffsetSec?: number
}

/** A running simulator. */
export interface Simulator {
  stop(): Promise<void>
  readonly stats: SimulatorStats
}

function keyword<T extends string>(v: string | undefined, name: string, allowed: readonly T[], dflt: T): T {
  const x = v ?? dflt
  if (!(allowed as readonly string[]).includes(x)) throw new Error(`invalid ${name}: ${x} (expected ${allowed.join(' or ')})`)
  return x as T
}

function nonNegative(v: number | undefined, name: string, dflt: number): number {
  const x = v ?? dflt
  if (!Number.isFinite(x) || x < 0) throw new Error(`invalid ${name}: ${v}`)
  return x
}

/** At most one line per key every `everyMs`, with a count of what was suppressed. */
function rateLimited(log: ((line: string) => void) | undefined, everyMs = 5000): (key: string, line: string) => void {
  const last = new Map<string, { at: number; dropped: number }>()
  return (key, line) => {
    if (!log) return
    const now = Date.now()
    const l = last.get(key)
    if (l && now - l.at < everyMs) {
      l.dropped++
      return
    }
    log(l && l.dropped > 0 ? `${line} (+${l.dropped} similar)` : line)
    last.set(key, { at: now, dropped: 0 })
  }
}

/**
 * Start the simulator. Validates options first (throws naming the option), then connects every
 * station and starts ticking.
 * @example
 * const sim = startSimulator({ brokerUrl: 'mqtt://localhost:1883', stations: buildDemoStations({ seed: 1 }), backfillHours: 24 })
 * setInterval(() => console.log(sim.stats.published), 10_000)
 * process.on('SIGINT', () => void sim.stop())
 */
export function startSimulator(opts: SimulatorOptions): Simulator {
  const protocol = keyword(opts.protocol, 'protocol', ['json', 'hj212'] as const, 'json')
  const transport = keyword(opts.transport, 'transport', ['mqtt', 'tcp'] as const, 'mqtt')
  const seed = opts.seed ?? 1
  if (!Number.isInteger(seed)) throw new Error(`invalid seed: ${opts.seed}`)
  if (opts.intervalSec !== undefined && !(opts.intervalSec > 0)) throw new Error(`invalid intervalSec: ${opts.intervalSec}`)
  const backfillHours = nonNegative(opts.backfillHours, 'backfillHours', 0)
  const topics = makeTopics(opts.topicPrefix ?? 'envmon')
  if (opts.stations.length === 0) throw new Error('invalid stations: none')
  const ids = new Set<string>()
  for (const s of opts.stations) {
    if (!STATION_ID_PATTERN.test(s.id) || ids.has(s.id)) throw new Error(`invalid stations: bad or duplicate id ${s.id}`)
    ids.add(s.id)
  }
  if (transport === 'tcp' && protocol !== 'hj212') throw new Error('invalid transport: tcp carries HJ 212 frames only (use protocol hj212)')
  const tcp = transport === 'tcp' ? parseHostPort(opts.tcp ?? '') : undefined
  if (transport === 'mqtt' && !opts.brokerUrl) throw new Error('invalid brokerUrl: required for the mqtt transport')
  if (opts.outage && !(opts.outage.forSec > 0 && opts.outage.afterSec >= 0))
    throw new Error(`invalid outage: ${JSON.stringify(opts.outage)}`)

  const now = opts.now ?? Date.now
  const log = rateLimited(opts.log)
  const runners: StationRunner[] = []
  const stats: SimulatorStats = {
    published: 0,
    failed: 0,
    skipped: 0,
    readings: 0,
    errors: 0,
    acked: 0,
    get connected() {
      return runners.reduce((n, r) => n + (r.link.state === 'connected' ? 1 : 0), 0)
    },
  }
  const model = { episodeRate: opts.episodeRate ?? 1, faultRate: opts.faultRate ?? 1, outageRate: opts.outageRate ?? 1 }
  const jitterRng = mulberry32(hashSeed(seed, 'jitter'))

  for (const station of opts.stations) {
    const credentials = opts.credentials?.(station)
    const intervalMs = Math.round((opts.intervalSec ?? station.intervalSec) * 1000)
    const encoder: Encoder =
      protocol === 'json'
        ? jsonEncoder()
        : hj212Encoder(station, { password: credentials?.password ?? '123456', ackRequired: transport === 'tcp' })
    runners.push(
      startStationRunner(station, {
        seed,
        model,
        now,
        intervalMs,
        jitterMs: Math.floor(jitterRng() * intervalMs),
        backfillHours,
        encoder,
        ...(protocol === 'hj212'
          ? {
              logger: new SimLogger(station, {
                password: credentials?.password ?? '123456',
                now,
                clockOffsetMs: (opts.clockOffsetSec ?? 0) * 1000,
              }),
            }
          : {}),
        ...(opts.outage ? { outage: { afterMs: opts.outage.afterSec * 1000, forMs: opts.outage.forSec * 1000 } } : {}),
        stats,
        log,
        openLink: (hooks, onlineOnConnect) =>
          tcp
            ? createTcpLink({ ...tcp, hooks })
            : createMqttLink({
                brokerUrl: opts.brokerUrl!,
                station,
                topics,
                hooks,
                onlineOnConnect,
                ...(credentials ? { credentials } : {}),
              }),
      }),
    )
  }

  let stopping: Promise<void> | undefined
  return {
    stats,
    stop() {
      stopping ??= Promise.all(runners.map((r) => r.stop())).then(() => undefined)
      return stopping
    },
  }
}
