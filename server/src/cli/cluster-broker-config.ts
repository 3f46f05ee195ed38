/**
 * `npx tsx server/src/cli/cluster-broker-config.ts <dir> [--host 0.0.0.0] [--port 1883] [--service-host H] [--service-port 1884] [--as <dir>]`:
 * write the production mosquitto policy (ingest/src/broker/mosquitto-config.ts — the same the tests
 * run against Debian's mosquitto) as `<dir>/mosquitto.conf`, `<dir>/acl` (station listener, `--port`)
 * and `<dir>/acl-service` (service listener, `--service-port`, for envmon's nodes only), for the topic prefix and
 * service username of this environment (TOPIC_PREFIX, SERVICE_MQTT_USERNAME, MQTT_MAX_PACKET_BYTES),
 * and print how to create the password file. `--as` is the directory as mosquitto sees it (a
 * container's mount point), when it differs. See docs/deployment.md.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { mosquittoAcl, mosquittoConf, mosquittoServiceAcl } from '../../../ingest/src/broker/mosquitto-config'

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback
}

const dirArg = process.argv[2]
if (!dirArg || dirArg.startsWith('--')) {
  process.stderr.write(
    'usage: cluster-broker-config.ts <dir> [--host 0.0.0.0] [--port 1883] [--service-host H] [--service-port 1884] [--as <dir>]\n',
  )
  process.exit(2)
}
const dir = resolve(dirArg)
function portArg(name: string, fallback: string): number {
  const port = Number(arg(name, fallback))
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    process.stderr.write(`invalid --${name}: ${arg(name, '')}\n`)
    process.exit(2)
  }
  return port
}
const port = portArg('port', '1883')
const servicePort = portArg('service-port', '1884')
if (servicePort === port) {
  process.stderr.write(`--service-port must differ from --port (${port})\n`)
  process.exit(2)
}
const serviceUsername = process.env.SERVICE_MQTT_USERNAME ?? 'envmon-service'
const topicPrefix = process.env.TOPIC_PREFIX ?? 'envmon'
const maxPacketBytes = process.env.MQTT_MAX_PACKET_BYTES ? Number(process.env.MQTT_MAX_PACKET_BYTES) : undefined
mkdirSync(dir, { recursive: true })
const seenAs = arg('as', dir)
const host = arg('host', '0.0.0.0')
writeFileSync(
  join(dir, 'mosquitto.conf'),
  mosquittoConf({
    port,
    host,
    servicePort,
    serviceHost: arg('service-host', host),
    dir: seenAs,
    serviceUsername,
    topicPrefix,
    maxPacketBytes,
  }),
)
writeFileSync(join(dir, 'acl'), mosquittoAcl({ topicPrefix }))
writeFileSync(join(dir, 'acl-service'), mosquittoServiceAcl({ serviceUsername }))
const passwd = join(dir, 'passwd')
const passwdService = join(dir, 'passwd-service')
process.stdout.write(
  [
    `wrote ${join(dir, 'mosquitto.conf')}, ${join(dir, 'acl')} and ${join(dir, 'acl-service')}`,
    `stations connect to port ${port} (client id = username); envmon's nodes to port ${servicePort} (MQTT_URL; keep it internal)`,
    '',
    'next:',
    existsSync(passwdService) ? `  (${passwdService} exists)` : `  touch ${passwdService} && chmod 600 ${passwdService}`,
    existsSync(passwd) ? `  (${passwd} exists: add stations to it)` : `  touch ${passwd} && chmod 600 ${passwd}`,
    `  mosquitto_passwd -b ${passwdService} ${serviceUsername} "$SERVICE_MQTT_PASSWORD"`,
    `  mosquitto_passwd -b ${passwd} <station id> <station password>   # one per station (admin API: issue credentials)`,
    `  mosquitto -c ${join(seenAs, 'mosquitto.conf')}                      # kill -HUP reloads passwd and acl`,
    '',
  ].join('\n'),
)
