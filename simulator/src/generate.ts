/**
 * A fast, timer-free reading generator for benchmarks and tests: the same models and encoders as
 * the live simulator, stepped round-robin over the stations on each station's interval grid.
 */
import type { Station } from '../../shared/src/domain/station'
import { makeTopics } from '../../shared/src/protocol/topics'
import { createModel } from './models/index'
import type { ModelOptions } from './models/types'
import { hj212Encoder, jsonEncoder, type Encoder, type Protocol } from './output/encoders'

/** Options of {@link generateReadings}. */
export interface GenerateOptions extends ModelOptions {
  /** Topic prefix. Default `envmon`. */
  topicPrefix?: string
  /** Interval for every station, seconds; default each station's own. */
  intervalSec?: number
  /** Payload protocol. Default `json`. */
  protocol?: Protocol
}

/** One message as a station would publish it. */
export interface GeneratedMessage {
  topic: string
  payload: Buffer
}

/**
 * Yield exactly `count` messages (one reading each): round k has every online station's reading at
 * `startTs + k × interval`; offline ticks are skipped, not counted. Deterministic in `seed`.
 * @example
 * for (const { topic, payload } of generateReadings(stations, Date.parse('2026-01-01T00:00:00+08:00'), 100_000, 1)) ingest(topic, payload)
 */
export function* generateReadings(
  stations: readonly Station[],
  startTs: number,
  count: number,
  seed: number,
  opts: GenerateOptions = {},
): Generator<GeneratedMessage> {
  if (stations.length === 0 || count <= 0) return
  const topics = makeTopics(opts.topicPrefix ?? 'envmon')
  const protocol = opts.protocol ?? 'json'
  const lanes = stations.map((s) => {
    const encoder: Encoder = protocol === 'json' ? jsonEncoder() : hj212Encoder(s)
    return {
      model: createModel(s, seed, opts),
      stepMs: (opts.intervalSec ?? s.intervalSec) * 1000,
      topic: topics.station(s.kind, s.id, encoder.channel),
      encoder,
    }
  })
  let produced = 0
  for (let k = 0; ; k++) {
    for (const lane of lanes) {
      const t = startTs + k * lane.stepMs
      const sample = lane.model.next(t)
      if (!sample) continue
      yield { topic: lane.topic, payload: lane.encoder.encode([{ t, sample }]) }
      if (++produced >= count) return
    }
  }
}
