/**
 * `npm start`: the whole system in one process on embedded defaults (aedes broker, DuckDB under
 * ./data, ingest, server with the built client, and the demo plugged in: server/src/demo.ts). Prints the URL; Ctrl-C shuts down
 * cleanly (stops the simulator, drains ingest into the store, closes the broker).
 * With `ROLE=ingest` or `ROLE=server` it starts one node of a cluster instead (docs/deployment.md).
 */
import { startCluster } from './compose/cluster'
import { loadConfig, type Config } from './config'
import { createLogger, type Logger } from './log'
import { startSystem } from './compose/system'
import { demoPlugIn } from './demo'

/** A cluster node: start it and print what it is. */
async function startNode(config: Config, log: Logger): Promise<{ stop(): Promise<void> }> {
  const node = await startCluster(config, { log, demo: demoPlugIn })
  const c = config.cluster
  const lines =
    node.role === 'ingest'
      ? [
          `  envmon is running: ingest node ${c.ingestIndex} of ${c.ingestCount} (health and metrics ${node.url})`,
          `  broker   ${config.mqtt.url} (shared group ${config.mqtt.shareGroup}, session ${config.mqtt.ingestClientId})`,
          `  rules    partitions ≡ ${c.ingestIndex} (mod ${c.ingestCount}) of ${c.partitions}`,
          `  HJ 212   ${node.stack.hj ? `tcp://${config.mqtt.host}:${node.stack.hj.port}` : 'off'}`,
        ]
      : [
          `  envmon is running: ${node.url} (server node ${c.serverId})`,
          `  broker   ${config.mqtt.url} (push group ${c.serverShareGroup})`,
          `  redis    ${c.redisUrl ?? 'off (single server node)'}`,
          `  notify   ${c.notify ? 'this node' : 'another node'}`,
        ]
  process.stdout.write(
    ['', ...lines, `  store    InfluxDB ${config.store.kind === 'influx' ? config.store.url : ''}`, '', '  Ctrl-C to stop.', ''].join(
      '\n',
    ) + '\n',
  )
  return node
}

async function main(): Promise<void> {
  let config
  try {
    config = loadConfig(process.env)
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`)
    process.exit(2)
  }
  const log = createLogger(config.logLevel)
  if (config.cluster.role !== 'all') return runUntilSignal(await startNode(config, log), log)
  const sys = await startSystem(config, { log, demo: demoPlugIn })
  const lines = [
    '',
    `  envmon is running: ${sys.url}`,
    ...(config.auth.publicView
      ? [`  public   ${sys.publicEdge?.url ?? sys.url}/public${sys.publicEdge ? ' (its own process, PUBLIC_PORT)' : ''}`]
      : []),
    '',
    `  broker   ${sys.broker ? `${sys.brokerUrl} (embedded aedes${config.mqtt.auth ? ', station auth on' : ''})` : sys.brokerUrl}`,
    `  store    ${config.store.kind === 'duckdb' ? config.store.path : `InfluxDB ${config.store.url}`}`,
    `  HJ 212   ${sys.hj212Port ? `tcp://${config.mqtt.host}:${sys.hj212Port}` : 'off'}`,
    `  stations ${sys.registry.size}${sys.simulator ? ' (simulated)' : ''}`,
    '',
    ...(sys.bootstrap.demo
      ? [
          "  Demo logins (passwords derived from this installation's data/station-secret):",
          ...sys.bootstrap.created.filter((u) => u.password).map((u) => `    ${u.role.padEnd(9)} ${u.username.padEnd(14)} ${u.password}`),
          '',
        ]
      : sys.users.size === 0
        ? ['  No users yet: set ADMIN_USERNAME and ADMIN_PASSWORD, or run `npm run create-user`.', '']
        : []),
    '  Ctrl-C to stop.',
    '',
  ]
  process.stdout.write(lines.join('\n') + '\n')
  runUntilSignal(sys, log)
}

/** Stop cleanly on SIGINT / SIGTERM (a second signal forces the exit). */
function runUntilSignal(sys: { stop(): Promise<void> }, log: Logger): void {
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) {
      process.stderr.write('forced exit\n')
      process.exit(1)
    }
    stopping = true
    log.info(`${signal}: shutting down (flushing the store, closing the broker)`)
    const force = setTimeout(() => {
      log.error('shutdown took longer than 20 s; exiting')
      process.exit(1)
    }, 20_000)
    force.unref()
    await sys.stop()
    log.info('stopped cleanly')
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
}

main().catch((e: unknown) => {
  process.stderr.write(`envmon failed to start: ${(e as Error).stack ?? String(e)}\n`)
  process.exit(1)
})
