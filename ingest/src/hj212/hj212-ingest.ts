/**
 * HJ 212-2017 over raw TCP into the ingest service: the listener resolves a logger by its MN and
 * checks its PW against the station registry, hands decoded readings to the same `accept` as MQTT
 * (validation, durable queue), and sends what it rejects to the dead letter (`via: 'tcp'`).
 * Also the payload adapter for HJ 212 frames that arrive over MQTT (`hj212Decoder`).
 */
import { decodeHj212Payload, type Hj212ParsedPayload } from '../../../shared/src/protocol/hj212/index'
import type { StationDirectory } from '../../../shared/src/ports/stations'
import type { Hj212DeviationBook } from '../decode/hj212-deviations'
import type { Hj212Decoder } from '../decode/parse-message'
import type { IngestService } from '../service'
import { startHj212Listener, type Hj212Listener, type Hj212ListenerOptions } from './tcp-listener'

type DropFirst<T extends unknown[]> = T extends [unknown, ...infer R] ? R : never

/**
 * What the ingest service decodes an HJ 212 payload with (MQTT `…/hj212` topics): each accepted
 * frame's deviations and edition go to `profiles`, and deviation warnings are rate-limited per
 * station there (the book counts every frame). Takes bytes, or a payload the upper computer has
 * already split and parsed.
 */
export function hj212Decoder(
  profiles: Hj212DeviationBook,
): (payload: Uint8Array | Hj212ParsedPayload, ...rest: DropFirst<Parameters<Hj212Decoder>>) => ReturnType<Hj212Decoder> {
  return (payload, station, t) => {
    const r = decodeHj212Payload(payload, station, t)
    if (r.ok) {
      for (const p of r.value.packets) profiles.record(station.id, p.deviations, p.flag, t)
      if (r.value.warnings.some((w) => w.reason === 'hj212-deviation') && !profiles.shouldWarn(station.id, t))
        r.value.warnings = r.value.warnings.filter((w) => w.reason !== 'hj212-deviation')
    }
    return r
  }
}

export interface Hj212IngestOptions {
  /** HJ212_PORT; 0 = off unless `ephemeral` (then an ephemeral port, for tests). */
  port: number
  host: string
  ephemeral?: boolean
  /** The listener's connection and reject limits (config `hj212Limits`). */
  limits?: Pick<
    Hj212ListenerOptions,
    'maxConnections' | 'maxPendingPerAddress' | 'authTimeoutMs' | 'idleTimeoutMs' | 'rejectsPerAddressPerMinute' | 'rejectsPerMinute'
  >
  registry: Pick<StationDirectory, 'get' | 'byMn' | 'verify'>
  ingest: Pick<IngestService, 'accept' | 'deadLetter'>
  /** Each station's HJ 212 edition and deviations (issue 12), recorded per frame. */
  profiles: Hj212DeviationBook
  now: () => number
  /** A rate-limited warning (key, message). */
  warn: (key: string, message: string) => void
  /** The command session's say on each authenticated frame (issue 12, envmon as upper computer). */
  onFrame?: Hj212ListenerOptions['onFrame']
}

/**
 * Start the HJ 212 listener feeding `ingest`; undefined when HJ 212 is off.
 * @example
 * const hj = await startHj212Ingest({ port: 7212, host: '0.0.0.0', registry, ingest, now: Date.now, warn })
 */
export async function startHj212Ingest(o: Hj212IngestOptions): Promise<Hj212Listener | undefined> {
  if (o.port === 0 && !o.ephemeral) return undefined
  const { registry, ingest, now, profiles } = o
  return startHj212Listener({
    port: o.port,
    host: o.host,
    now,
    ...o.limits,
    ...(o.onFrame ? { onFrame: o.onFrame } : {}),
    resolveStation: (mn) => {
      const s = registry.byMn(mn)
      return s && { stationId: s.id, kind: s.kind, sentUnits: s.sentUnits, checkPassword: (pw: string) => registry.verify(s.id, pw) }
    },
    onPacket: (stationId, p) => profiles.record(stationId, p.deviations, p.flag.raw, now()),
    onReadings: (readings, meta) => {
      const s = registry.get(meta.stationId)
      return s ? ingest.accept(s, readings) : Promise.reject(new Error(`station ${meta.stationId} vanished`))
    },
    onReject: (i) =>
      ingest.deadLetter(
        { topic: `tcp:${i.remote}`, stationId: i.stationId, reason: i.reason, message: i.message, via: 'tcp' },
        i.raw,
        now(),
      ),
    onReplaced: (i) =>
      o.warn(
        `hj212-replaced:${i.stationId}`,
        `HJ 212: station ${i.stationId} connected again from ${i.remote}; its older connection from ${i.previous} was closed (one live connection per station; if this repeats, two loggers may share the MN)`,
      ),
    onWarning: (i) => {
      // Deviation warnings are rate-limited per station (the book counts every frame).
      if (i.reason === 'hj212-deviation' && !profiles.shouldWarn(i.stationId, now())) return
      ingest.deadLetter(
        { topic: `tcp:${i.remote}`, stationId: i.stationId, reason: i.reason, message: i.message, warning: true, via: 'tcp' },
        i.raw,
        now(),
      )
    },
  })
}
