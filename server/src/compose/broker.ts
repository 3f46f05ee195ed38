/**
 * The broker of a one-process system: the embedded aedes broker with station login, unless an
 * external broker is configured (MQTT_URL). Messages the broker refuses (ACL, oversized packets,
 * refused logins) go to ingest's dead letter once ingest exists (issue 15): `sendRefusalsTo`.
 */
import type { Topics } from '../../../shared/src/protocol/topics'
import { startEmbeddedBroker, type EmbeddedBroker, type RefusalInfo } from '../../../ingest/src/broker/embedded-broker'
import { stationLogin } from '../../../ingest/src/broker/station-login'
import { newSecret } from '../../../ingest/src/stations/secret-hash'
import type { StationRegistry } from '../../../ingest/src/stations/station-registry'
import type { IngestService } from '../../../ingest/src/service'
import type { MqttConfig } from '../config'
import type { Logger } from '../log'
import type { Cleanups } from './cleanups'

export interface BrokerParts {
  /** The embedded broker (undefined with MQTT_URL). */
  broker?: EmbeddedBroker
  brokerUrl: string
  /** The service principal's password (SERVICE_MQTT_PASSWORD, else a fresh one for this run). */
  servicePassword: string
  /** From now on, refused messages go to this ingest service's dead letter. */
  sendRefusalsTo(ingest: Pick<IngestService, 'deadLetter'>, now: () => number): void
}

/**
 * Start the embedded broker unless `mqtt.url` names an external one.
 * @example
 * const { broker, brokerUrl, servicePassword, sendRefusalsTo } = await startBrokerUnlessExternal(config.mqtt, { registry, topics, log, cleanups })
 */
export async function startBrokerUnlessExternal(
  mqtt: MqttConfig,
  deps: { registry: StationRegistry; topics: Topics; log: Logger; cleanups: Cleanups },
): Promise<BrokerParts> {
  const { registry, topics, log } = deps
  const servicePassword = mqtt.servicePassword ?? newSecret()
  const refused: { sink?: (i: RefusalInfo) => void } = {}
  const parts: BrokerParts = {
    brokerUrl: mqtt.url ?? '',
    servicePassword,
    sendRefusalsTo: (ingest, now) => {
      refused.sink = (i) =>
        ingest.deadLetter(
          { topic: i.topic, stationId: i.stationId, reason: i.reason!, message: refusalMessage(i), size: i.size },
          i.payload ?? Buffer.alloc(0),
          now(),
        )
    },
  }
  if (mqtt.url) return parts
  const broker = await startEmbeddedBroker({
    host: mqtt.host,
    port: mqtt.port,
    topics,
    maxPacketBytes: mqtt.maxPacketBytes,
    authenticate: mqtt.auth ? stationLogin({ registry, serviceUsername: mqtt.serviceUsername, servicePassword }) : undefined,
    onRefused: (i) => {
      log.limited(`refused:${i.username}:${i.action}`, 'warn', `broker refused ${i.action} by ${i.username ?? i.clientId}: ${i.why}`)
      try {
        if (i.reason) refused.sink?.(i)
      } catch (e) {
        log.limited('refused-dead-letter', 'warn', `a refused message could not be dead-lettered: ${(e as Error).message}`)
      }
    },
    // Ingest takes what it would subscribe to in process, before the broker acknowledges it.
    intercept: (topic) => topics.matchesStationFilter(topic),
  })
  deps.cleanups.push(() => broker.close())
  return { ...parts, broker, brokerUrl: broker.url }
}

/** The dead letter's message for a refusal. */
function refusalMessage(i: RefusalInfo): string {
  if (i.action === 'connect')
    return `the broker refused the connection of ${i.username ?? 'an anonymous client'} (client id ${i.clientId}): ${i.why}`
  return `the broker refused this ${i.action === 'packet' ? 'packet' : 'message'} of ${i.username ?? `client ${i.clientId}`} and closed its connection: ${i.why}`
}
