/**
 * Command-line options of the simulator CLI (see cli.ts), parsed into {@link SimulatorOptions}.
 */
import { parseArgs } from 'node:util'
import type { SimulatorOptions } from './run'
import { demoStations } from './select-stations'
import { stationPassword } from './station-password'

/** Usage text. */
export const USAGE = `usage: npm run simulate -- [--stations N] [--interval S] [--broker URL] [--seed K] [--backfill H]
  [--episode-rate X] [--fault-rate X] [--prefix P] [--protocol json|hj212] [--tcp host:port] [--stats-every S]`

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
  if (secret) opts.credentials = (s) => ({ username: s.id, password: stationPassword(secret, s.id) })
  return { opts, statsEverySec: num(a['stats-every'], 'stats-every') ?? 10, help: a.help ?? false }
}
