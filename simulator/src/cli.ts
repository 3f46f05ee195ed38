/**
 * `npm run simulate -- --stations N --interval S --broker URL --seed K --backfill H
 *   --episode-rate X --prefix P [--protocol json|hj212] [--tcp host:port]`
 *
 * Credentials: when SIM_SECRET is set, each station logs in as its id with
 * stationPassword(SIM_SECRET, id) (also its HJ 212 PW). Ctrl-C stops cleanly.
 */
import { USAGE, parseCli } from './cli-options'
import { startSimulator, type Simulator } from './run'

function main(): void {
  let parsed: ReturnType<typeof parseCli>
  try {
    parsed = parseCli(process.argv.slice(2), process.env)
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`)
    process.exit(2)
  }
  if (parsed.help) {
    console.log(USAGE)
    return
  }
  const { opts } = parsed
  const kinds: Record<string, number> = {}
  for (const s of opts.stations) kinds[s.kind] = (kinds[s.kind] ?? 0) + 1
  let sim: Simulator
  try {
    sim = startSimulator(opts)
  } catch (e) {
    console.error((e as Error).message)
    process.exit(2)
  }
  const target = opts.transport === 'tcp' ? `tcp://${opts.tcp}` : opts.brokerUrl
  console.log(
    `simulating ${opts.stations.length} stations (${Object.entries(kinds)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}) → ${target} ` +
      `protocol=${opts.protocol} prefix=${opts.topicPrefix} seed=${opts.seed} interval=${opts.intervalSec ?? 'per station'}s backfill=${opts.backfillHours}h ` +
      `episode-rate=${opts.episodeRate} auth=${opts.credentials ? 'SIM_SECRET' : 'none'}`,
  )
  const every = setInterval(() => {
    const s = sim.stats
    console.log(
      `[sim] connected ${s.connected}/${opts.stations.length} published ${s.published} readings ${s.readings} failed ${s.failed} skipped ${s.skipped} errors ${s.errors}${opts.transport === 'tcp' ? ` acked ${s.acked}` : ''}`,
    )
  }, parsed.statsEverySec * 1000)
  let stopping = false
  const stop = () => {
    if (stopping) process.exit(130) // a second Ctrl-C: leave now
    stopping = true
    clearInterval(every)
    console.log('[sim] stopping…')
    sim.stop().then(
      () => {
        console.log(`[sim] stopped: published ${sim.stats.published}, failed ${sim.stats.failed}`)
        process.exit(0)
      },
      (e: Error) => {
        console.error(`[sim] stop failed: ${e.message}`)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main()
