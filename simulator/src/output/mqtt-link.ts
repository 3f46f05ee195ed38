/**
 * A station's MQTT connection (mqtt.js 5): clientId `<id>:sim` (a station's client id is its id or
 * `<id>:<suffix>`, docs/contract.md), will `offline` (retained, QoS 1)
 * on `<prefix>/v1/<kind>/<id>/status`, `online` published retained on every connect, readings at
 * QoS 1; with an `onCommand` hook it subscribes to its HJ 212 command topic (issue 12), the one
 * subscription the broker allows a station. mqtt.js owns reconnecting (reconnectPeriod); this file only wires events.
 */
import mqtt from 'mqtt'
import type { Station } from '../../../shared/src/domain/station'
import type { Topics } from '../../../shared/src/protocol/topics'
import { sleep, type LinkHooks, type LinkState, type StationLink } from './link'

/** Options of {@link createMqttLink}. */
export interface MqttLinkOptions {
  brokerUrl: string
  station: Station
  topics: Topics
  credentials?: { username: string; password: string }
  /** Whether to publish `online` on connect (false while the model has the station offline). */
  onlineOnConnect: () => boolean
  hooks: LinkHooks
  /** mqtt.js reconnectPeriod, ms. Default 2000. */
  reconnectPeriodMs?: number
}

/**
 * Connect one station to the broker.
 * @example
 * const link = createMqttLink({ brokerUrl: 'mqtt://localhost:1883', station, topics, onlineOnConnect: () => true, hooks })
 * await link.send('reading', Buffer.from('{"ts":...}'))
 */
export function createMqttLink(opts: MqttLinkOptions): StationLink {
  const { station, topics, hooks } = opts
  const statusTopic = topics.station(station.kind, station.id, 'status')
  const commandTopic = topics.command(station.kind, station.id)
  let state: LinkState = 'connecting'
  const client = mqtt.connect(opts.brokerUrl, {
    clientId: `${station.id}:sim`,
    clean: true,
    reconnectPeriod: opts.reconnectPeriodMs ?? 2000,
    connectTimeout: 10_000,
    will: { topic: statusTopic, payload: Buffer.from('offline'), qos: 1, retain: true },
    ...(opts.credentials ?? {}),
  })
  const publish = (topic: string, body: Buffer | string, retain: boolean) =>
    client.publishAsync(topic, body, { qos: 1, retain }).then(() => undefined)

  client.on('connect', () => {
    state = 'connected'
    if (opts.onlineOnConnect()) publish(statusTopic, 'online', true).catch((e: Error) => hooks.onError(e))
    // Subscribed before anything is sent, so the centre's first command (it may answer the first
    // frame with a clock read) is not published to nobody.
    if (!hooks.onCommand) return hooks.onConnect()
    client.subscribeAsync(commandTopic, { qos: 1 }).then(
      () => hooks.onConnect(),
      (e: Error) => {
        hooks.onError(e)
        hooks.onConnect()
      },
    )
  })
  client.on('close', () => {
    if (state === 'connected') {
      state = 'connecting'
      hooks.onDisconnect()
    }
  })
  client.on('error', (e) => hooks.onError(e))
  client.on('message', (topic, payload) => {
    if (topic === commandTopic) hooks.onCommand?.(payload.toString('utf8'))
  })

  return {
    get state() {
      return state
    },
    send(channel, body) {
      if (state !== 'connected') return Promise.reject(new Error(`${station.id}: not connected`))
      return publish(topics.station(station.kind, station.id, channel), body, false)
    },
    status(s) {
      if (state !== 'connected') return Promise.resolve()
      return publish(statusTopic, s, true)
    },
    async close(graceMs = 2000) {
      if (state === 'closed') return
      const wasConnected = state === 'connected'
      state = 'closed'
      // A clean stop is not a crash, so the will does not fire: say `offline` ourselves.
      if (wasConnected) await Promise.race([publish(statusTopic, 'offline', true).catch(() => undefined), sleep(graceMs)])
      await Promise.race([client.endAsync(false), sleep(graceMs)])
      if (!client.disconnected) await client.endAsync(true)
    },
  }
}
