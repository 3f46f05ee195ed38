/**
 * Command-line options of `npm run bench -- [options]`, validated once.
 */
export const SCENARIOS = [
  'ingest',
  'alerts',
  'query',
  'completeness',
  'history',
  'backfill',
  'public',
  'browser',
  'memory',
  'reports',
] as const
export type ScenarioName = (typeof SCENARIOS)[number]
export const BROKERS = ['aedes', 'mosquitto'] as const
export type BrokerName = (typeof BROKERS)[number]
export const FORMATS = ['json', 'hj212'] as const
export type FormatName = (typeof FORMATS)[number]

export interface BenchOptions {
  only: ScenarioName[]
  quick: boolean
  profile: boolean
  qos: 0 | 1
  /** Messages (one reading each) per ingest variant. */
  readings: number
  brokers: BrokerName[]
  formats: FormatName[]
  buildClient: boolean
  out: string
}

export const USAGE = `npm run bench -- [options]
  --only a,b        scenarios: ${SCENARIOS.join(', ')} (default all)
  --quick           short smoke run (small counts, short windows)
  --profile         CPU-profile the system under test during each ingest run and the 520k-point
                    series request (bench/artifacts/*.cpuprofile); the system under test then
                    runs from its sources through tsx, so that the profile names source files
  --qos 0|1         QoS of the bench publishers (default 1, what stations use)
  --readings N      messages in each ingest variant's message set (default 200000, quick 40000)
  --brokers a,b     ${BROKERS.join(', ')} (default both; mosquitto is skipped when /usr/sbin/mosquitto is absent)
  --formats a,b     ${FORMATS.join(', ')} (default both)
  --build-client    build the client into a temp dir instead of using dist/client
  --out FILE        results file (default bench/results.json)`

function list<T extends string>(v: string | undefined, allowed: readonly T[], name: string): T[] {
  if (!v) throw new Error(`${name} needs a value`)
  const out = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  for (const x of out) if (!allowed.includes(x as T)) throw new Error(`invalid ${name}: ${x} (allowed: ${allowed.join(', ')})`)
  return out as T[]
}

export function parseOptions(argv: string[]): BenchOptions {
  const o: BenchOptions = {
    only: [...SCENARIOS],
    quick: false,
    profile: false,
    qos: 1,
    readings: 0,
    brokers: [...BROKERS],
    formats: [...FORMATS],
    buildClient: false,
    out: 'bench/results.json',
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined]
    const value = () => inline ?? argv[++i]
    switch (flag) {
      case '--only':
        o.only = list(value(), SCENARIOS, '--only')
        break
      case '--quick':
        o.quick = true
        break
      case '--profile':
        o.profile = true
        break
      case '--qos': {
        const q = value()
        if (q !== '0' && q !== '1') throw new Error(`invalid --qos: ${q}`)
        o.qos = Number(q) as 0 | 1
        break
      }
      case '--readings': {
        const v = value()
        const n = Number(v)
        if (!Number.isInteger(n) || n < 1000) throw new Error(`invalid --readings: ${v} (an integer >= 1000)`)
        o.readings = n
        break
      }
      case '--brokers':
        o.brokers = list(value(), BROKERS, '--brokers')
        break
      case '--formats':
        o.formats = list(value(), FORMATS, '--formats')
        break
      case '--build-client':
        o.buildClient = true
        break
      case '--out':
        o.out = value() ?? ''
        if (!o.out) throw new Error('--out needs a file')
        break
      case '--help':
      case '-h':
        throw new Error(USAGE)
      default:
        throw new Error(`unknown option: ${a}\n${USAGE}`)
    }
  }
  if (o.readings === 0) o.readings = o.quick ? 40_000 : 200_000
  return o
}
