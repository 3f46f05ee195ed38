/**
 * `npm start`: the whole system in one process on embedded defaults (aedes broker, DuckDB under
 * ./data, ingest, server with the built client, simulator). Prints the URL; Ctrl-C shuts down
 * cleanly (stops the simulator, drains ingest into the store, closes the broker).
 */
import { loadConfig } from './config'
import { createLogger } from './log'
import { startSystem } from './system'

async function main(): Promise<void> {
  let config
  try {
    config = loadConfig(process.env)
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`)
    process.exit(2)
  }
  const log = createLogger(config.logLevel)
  const sys = await startSystem(config, { log })
  const lines = [
    '',
    `  envmon is running: ${sys.url}`,
    '',
    `  broker   ${sys.broker ? `${sys.brokerUrl} (embedded aedes${config.mqtt.auth ? ', station auth on' : ''})` : sys.brokerUrl}`,
    `  store    ${config.store.kind === 'duckdb' ? config.store.path : `InfluxDB ${config.store.url}`}`,
    `  HJ 212   ${sys.hj212Port ? `tcp://${config.mqtt.host}:${sys.hj212Port}` : 'off'}`,
    `  stations ${sys.registry.size}${sys.simulator ? ' (simulated)' : ''}`,
    '',
    ...(sys.bootstrap.demo
      ? ['  Demo logins (passwords derived from this installation\'s data/station-secret):', ...sys.bootstrap.created.filter((u) => u.password).map((u) => `    ${u.role.padEnd(9)} ${u.username.padEnd(14)} ${u.password}`), '']
      : sys.users.size === 0
        ? ['  No users yet: set ADMIN_USERNAME and ADMIN_PASSWORD, or run `npm run create-user`.', '']
        : []),
    '  Ctrl-C to stop.',
    '',
  ]
  process.stdout.write(lines.join('\n') + '\n')
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
