/**
 * MQTT topic grammar of the external contract (docs/contract.md, "MQTT"):
 *   <prefix>/v1/<kind>/<stationId>/(reading|hj212|status)   station → system
 *   <prefix>/v1/<kind>/<stationId>/hj212/cmd                 system → that station (HJ 212 commands)
 *   <prefix>/v1/alerts/<stationId>                           system → anyone
 *   <prefix>/v1/deadletter/<stationId or _>                  system → anyone
 */
import { STATION_ID_PATTERN, maybeStationKind, type StationKind } from '../domain/station'

export const DEFAULT_TOPIC_PREFIX = 'envmon'

/** What a station publishes. */
export type StationChannel = 'reading' | 'hj212' | 'status'
const CHANNELS = new Set<string>(['reading', 'hj212', 'status'])

export interface StationTopic {
  kind: StationKind
  stationId: string
  channel: StationChannel
}

/** Topic builders and parser for one prefix. */
export interface Topics {
  prefix: string
  station(kind: StationKind, stationId: string, channel: StationChannel): string
  alert(stationId: string): string
  /** The station's HJ 212 command topic (envmon's requests to its data logger; issue 12). */
  command(kind: StationKind, stationId: string): string
  deadLetter(stationId: string | undefined): string
  /** Subscription filter for all stations' messages of a channel. */
  allStations(channel: StationChannel): string
  /** Parse a station topic; undefined when it is not one. */
  parseStation(topic: string): StationTopic | undefined
  /**
   * Whether a topic matches one of the filters ingest subscribes to (`allStations` of any channel),
   * valid or not: what such a subscription would deliver, bad kinds and ids included (they go to
   * the dead letter).
   */
  matchesStationFilter(topic: string): boolean
}

/**
 * Make the topic grammar for a prefix (default `envmon`).
 * @example
 * const t = makeTopics('envmon'); t.station('air', 'DG-A01', 'reading') // 'envmon/v1/air/DG-A01/reading'
 */
export function makeTopics(prefix: string = DEFAULT_TOPIC_PREFIX): Topics {
  if (!/^[A-Za-z0-9_\-/]{1,64}$/.test(prefix) || prefix.startsWith('/') || prefix.endsWith('/')) {
    throw new Error(`invalid topic prefix: ${prefix}`)
  }
  const base = `${prefix}/v1/`
  const depth = prefix.split('/').length
  return {
    prefix,
    station: (kind, stationId, channel) => `${base}${kind}/${stationId}/${channel}`,
    alert: (stationId) => `${base}alerts/${stationId}`,
    command: (kind, stationId) => `${base}${kind}/${stationId}/hj212/cmd`,
    deadLetter: (stationId) => `${base}deadletter/${stationId ?? '_'}`,
    allStations: (channel) => `${base}+/+/${channel}`,
    matchesStationFilter(topic) {
      if (!topic.startsWith(base)) return false
      const parts = topic.split('/')
      return parts.length === depth + 4 && CHANNELS.has(parts[depth + 3]!)
    },
    parseStation(topic) {
      if (!topic.startsWith(base)) return undefined
      const parts = topic.split('/')
      if (parts.length !== depth + 4) return undefined
      const kind = maybeStationKind(parts[depth + 1])
      const stationId = parts[depth + 2]!
      const channel = parts[depth + 3]!
      if (!kind || !STATION_ID_PATTERN.test(stationId) || !CHANNELS.has(channel)) return undefined
      return { kind, stationId, channel: channel as StationChannel }
    },
  }
}
