/**
 * Command-line options of the simulator CLI (see cli.ts), parsed into {@link SimulatorOptions}.
 */
import { parseArgs } from 'node:util'
import type { SimulatorOptions } from './run'
import { demoStations } from './select-stations'
import { stationPassword } from './station-password'

/** Usage text. */
export const USAGE = `usage: npm run simulate -- [--stations N] [--interval S] [--broker URL] [--seed K] [--backfill H]
  [--episode-rate X] [--fault-rate X] [--prefix P] [--protocol json|hj212] [--tcp host:port] [--stats-every S]
  [--outage FOR_S[@AFTER_S]] [--clock-offset S]
  --outage: every station's link drops AFTER_S seconds after start (default 60) for FOR_S seconds;
            HJ 212 loggers keep measuring and answer envmon's history request when back.
  --clock-offset: HJ 212 loggers' clocks run S seconds ahead (negative: behind) until envmon sets them.`

function num(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined
  const x = Number(v)
  if (v.trim() === '' || !Number.isFinite(x)) throw new Error(`invalid --${name}: ${v}`)
  return x
}

/** Parse the command line into simulator options (throws naming the bad option). */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv): { opts: SimulatorOptions; statsEverySec: number; help: boolean } {
  const { values: a } = parseArgs({
    args: argv,
    options: {
      stations: { type: 'string' },
      interval: { type: 'string' },
      broker: { type: 'string' },
      seed: { type: 'string' },
      backfill: { type: 'string' },
      'episode-rate': { type: 'string' },
      'fault-rate': { type: 'string' },
      prefix: { type: 'string' },
      protocol: { type: 'string' },
      tcp: { type: 'string' },
      'stats-every': { type: 'string' },
      outage: { type: 'string' },
      'clock-offset': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  const seed = num(a.seed, 'seed') ?? 1
  const secret = env.SIM_SECRET
  const opts: SimulatorOptions = {
    stations: demoStations(num(a.stations, 'stations'), seed),
    brokerUrl: a.broker ?? env.MQTT_URL ?? 'mqtt://localhost:1883',
    seed,
    topicPrefix: a.prefix ?? 'envmon',
    backfillHours: num(a.backfill, 'backfill') ?? 0,
    episodeRate: num(a['episode-rate'], 'episode-rate') ?? 1,
    faultRate: num(a['fault-rate'], 'fault-rate') ?? 1,
    protocol: (a.protocol ?? 'json') as SimulatorOptions['protocol'],
    transport: a.tcp ? 'tcp' : 'mqtt',
    log: (line) => console.error(`[sim] ${line}`),
  }
  const interval = num(a.interval, 'interval')
  if (interval !== undefined) opts.intervalSec = interval
  if (a.tcp) opts.tcp = a.tcp
  if (a.outage !== undefined) opts.outage = parseOutage(a.outage)
  const offset = num(a['clock-offset'], 'clock-offset')
  if (offset !== undefined) opts.clockOffsetSec = offset
  if (secret) opts.credentials = (s) => ({ username: s.id, password: stationPassword(secret, s.id) })
  return { opts, statsEverySec: num(a['stats-every'], 'stats-every') ?? 10, help: a.help ?? false }
}

/**
 * `--outage FOR_S[@AFTER_S]`: how long the links drop, and when (default 60 s after start).
 * @example parseOutage('1800@120') // { forSec: 1800, afterSec: 120 }
 */
export function parseOutage(v: string): { forSec: number; afterSec: number } {
  const m = /^(\d+(?:\.\d+)?)(?:@(\d+(?:\.\d+)?))?$/.exec(v.trim())
  if (!m || !(Number(m[1]) > 0)) throw new Error(`invalid --outage: ${v} (expected FOR_S[@AFTER_S], e.g. 1800@60)`)
  return { forSec: Number(m[1]), afterSec: m[2] === undefined ? 60 : Number(m[2]) }
}
