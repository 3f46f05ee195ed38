/**
 * Payload encoders: the contract's JSON reading (one object, or an array for a backfill batch) and
 * HJ 212-2017 real-time uploads (CN 2011) via the shared codec. An encoder turns a batch of timed
 * samples into one message body; the transport decides where it goes.
 */
import { HJ212_FACTOR_CODES } from '../../../shared/src/domain/metric-catalog'
import type { Station, StationKind } from '../../../shared/src/domain/station'
import { buildDataUpload, formatQn, type RealtimeValues } from '../../../shared/src/protocol/hj212/index'
import { isoCst } from '../models/local-time'
import type { Sample } from '../models/types'
import { ST_CODE } from '../real-stations'

/** The wire protocol of readings. */
export type Protocol = 'json' | 'hj212'

/** One sample with its time (epoch ms). */
export interface TimedSample {
  t: number
  sample: Sample
}

/** Encodes a batch of one station's samples into one message body. */
export interface Encoder {
  readonly protocol: Protocol
  /** The MQTT channel the messages go to. */
  readonly channel: 'reading' | 'hj212'
  /** Most samples per message (backfill chunks). */
  readonly maxBatch: number
  encode(batch: readonly TimedSample[]): Buffer
}

/** The contract's JSON reading object for one sample (`ts` ISO 8601 with +08:00). */
export function jsonReading(t: number, s: Sample): { ts: string; values: Record<string, number>; flags: Sample['flags'] } {
  return { ts: isoCst(t), values: s.values, flags: s.flags }
}

/**
 * JSON encoder: a single reading is an object; a batch is an array (contract: "A batch is allowed").
 * @example
 * jsonEncoder().encode([{ t, sample }]) // Buffer of '{"ts":"...+08:00","values":{...},"flags":{...}}'
 */
export function jsonEncoder(): Encoder {
  return {
    protocol: 'json',
    channel: 'reading',
    maxBatch: 500,
    encode(batch) {
      const body = batch.length === 1 ? jsonReading(batch[0]!.t, batch[0]!.sample) : batch.map((b) => jsonReading(b.t, b.sample))
      return Buffer.from(JSON.stringify(body), 'utf8')
    },
  }
}

const CODE_PREFIX: Readonly<Record<StationKind, string>> = { air: 'a', water: 'w', wastewater: 'w', energy: '' }

/**
 * HJ 212 factor code of a metric for a kind: the HJ 212-2017 code from the shared table whose
 * prefix fits the kind (`a` air, `w` water), else the metric key itself. Energy counters and plant
 * flows have no HJ 212-2017 code in the catalog, so they travel under their contract keys, which
 * the ingest side keeps as-is (`elec_kwh-Rtd=...` maps back to `elec_kwh`).
 */
export function factorCodeOf(kind: StationKind, key: string): string {
  const prefix = CODE_PREFIX[kind]
  if (prefix === '') return key
  for (const code in HJ212_FACTOR_CODES) if (HJ212_FACTOR_CODES[code] === key && code.startsWith(prefix)) return code
  return key
}

/** Options of {@link hj212Encoder}. */
export interface Hj212EncoderOptions {
  /** `PW`: the station password (default `123456`, the usual factory default). */
  password?: string
  /** Set Flag bit A (Flag=5) so the server answers each frame with a 9014 ack (TCP). */
  ackRequired?: boolean
}

/**
 * HJ 212-2017 encoder: each sample becomes one CN 2011 real-time upload (`ST` per kind, see
 * ST_CODE; `MN` = station.mn; DataTime = the sample time in UTC+8); a batch is the frames
 * concatenated. Backfill uses CN 2011 with past DataTimes too (simple; CN 2051 would also do).
 */
export function hj212Encoder(station: Station, opts: Hj212EncoderOptions = {}): Encoder {
  if (!station.mn) throw new Error(`invalid station ${station.id}: no mn for HJ 212`)
  const mn = station.mn
  const st = ST_CODE[station.kind]
  const pw = opts.password ?? '123456'
  const codes = new Map<string, string>()
  const codeOf = (key: string) => {
    let c = codes.get(key)
    if (c === undefined) codes.set(key, (c = factorCodeOf(station.kind, key)))
    return c
  }
  return {
    protocol: 'hj212',
    channel: 'hj212',
    maxBatch: 200,
    encode(batch) {
      let out = ''
      for (const { t, sample } of batch) {
        const factors: Record<string, RealtimeValues> = {}
        for (const key in sample.values) factors[codeOf(key)] = { Rtd: sample.values[key]!, Flag: sample.flags[key] ?? 'N' }
        const frames = buildDataUpload({
          cn: '2011',
          qn: formatQn(t),
          st,
          pw,
          mn,
          dataTime: t,
          ackRequired: opts.ackRequired ?? false,
          factors,
        })
        out += frames.join('')
      }
      return Buffer.from(out, 'ascii')
    },
  }
}
