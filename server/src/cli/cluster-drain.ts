/**
 * `npx tsx server/src/cli/cluster-drain.ts <client id>`: retire a cluster node's broker session
 * without losing what waits in it (ingest/src/cluster/drain-session.ts; docs/deployment.md,
 * "Scaling down"). Uses MQTT_URL, SERVICE_MQTT_USERNAME, SERVICE_MQTT_PASSWORD, TOPIC_PREFIX,
 * PARTITIONS and INGEST_SHARE_GROUP from the environment, like the nodes.
 *
 * @example
 * MQTT_URL=mqtt://mosquitto:1883 SERVICE_MQTT_PASSWORD=... npx tsx server/src/cli/cluster-drain.ts envmon-ingest-2
 */
import { makeTopics } from '../../../shared/src/protocol/topics'
import { drainSession } from '../../../ingest/src/cluster/drain-session'
import { internalTopics } from '../../../shared/src/protocol/cluster/internal-topics'
import { loadConfig } from '../config'

async function main(): Promise<void> {
  const clientId = process.argv[2]
  if (!clientId || !/^envmon-(ingest|rules)-\d+$/.test(clientId)) {
    process.stderr.write('usage: cluster-drain.ts envmon-ingest-<index> | envmon-rules-<index>\n')
    process.exit(2)
  }
  const config = loadConfig(process.env)
  if (!config.mqtt.url || !config.mqtt.servicePassword) {
    process.stderr.write('MQTT_URL and SERVICE_MQTT_PASSWORD are required\n')
    process.exit(2)
  }
  const r = await drainSession({
    url: config.mqtt.url,
    username: config.mqtt.serviceUsername,
    password: config.mqtt.servicePassword,
    clientId,
    topics: makeTopics(config.mqtt.topicPrefix),
    internal: internalTopics(config.mqtt.topicPrefix),
    shareGroup: config.mqtt.shareGroup ?? 'envmon-ingest',
    partitions: config.cluster.partitions,
  })
  process.stdout.write(
    `${clientId}: ${r.republished} station message(s) handed back to the ingest group, ${r.dropped} partition message(s) dropped; session deleted\n`,
  )
}

main().catch((e: unknown) => {
  process.stderr.write(`cluster-drain failed: ${(e as Error).message}\n`)
  process.exit(1)
})
