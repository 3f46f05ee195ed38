/**
 * Readings to InfluxDB line protocol, the write half of the InfluxStore schema
 * (see {@link MEASUREMENT} and the schema block in influx-store.ts).
 *
 * One reading becomes one line: `reading,kind=<kind>,station=<id> <metric>=<float>,<metric>:flag="<F>",... <ms>`.
 * The flag field is always written (N when the reading has none) so that re-writing a point
 * with a corrected flag overwrites the old flag instead of leaving it behind.
 */
import { escape } from '@influxdata/influxdb-client'
import type { Reading } from '../../../shared/src/domain/reading'

/** The one measurement every reading is written to. */
export const MEASUREMENT = 'reading'

/**
 * Suffix of a metric's flag field. `:` cannot occur in a metric key (keys match
 * `[A-Za-z0-9_.-]`, HJ 212 codes are alphanumeric), so a flag field never collides with a metric.
 */
export const FLAG_SUFFIX = ':flag'

/** Name of the string field holding the data flag of `metric`. */
export function flagField(metric: string): string {
  return metric + FLAG_SUFFIX
}

/** The metric a field belongs to, and whether the field is its flag. */
export function parseField(field: string): { metric: string; isFlag: boolean } {
  return field.endsWith(FLAG_SUFFIX) ? { metric: field.slice(0, -FLAG_SUFFIX.length), isFlag: true } : { metric: field, isFlag: false }
}

/**
 * Encode one reading as a line (precision: ms), or undefined when it has no values
 * (a line without fields is invalid, and there is nothing to store).
 * Throws on a non-integer timestamp or a non-finite value: both are rejected upstream by
 * reading validation, so seeing one here is a programming error, not data to drop quietly.
 *
 * @example
 * toLine({ stationId: 'S1', kind: 'air', ts: 1764547200000, values: { pm25: 35.2 }, flags: { pm25: 'D' } })
 * // 'reading,kind=air,station=S1 pm25=35.2,pm25:flag="D" 1764547200000'
 */
export function toLine(r: Reading): string | undefined {
  if (!Number.isSafeInteger(r.ts)) throw new Error(`invalid ts: ${r.ts}`)
  let fields = ''
  for (const metric in r.values) {
    const v = r.values[metric]!
    if (!Number.isFinite(v)) throw new Error(`invalid value of ${metric}: ${v}`)
    const key = escape.tag(metric)
    // A float field: String(v) is a valid line-protocol float (35, 35.2, 1e-7); no `i` suffix.
    // escape.quoted adds the surrounding double quotes of a string field.
    fields += `${fields ? ',' : ''}${key}=${String(v)},${escape.tag(flagField(metric))}=${escape.quoted(r.flags?.[metric] ?? 'N')}`
  }
  if (!fields) return undefined
  // Tags sorted by key, as InfluxDB recommends.
  return `${MEASUREMENT},kind=${escape.tag(r.kind)},station=${escape.tag(r.stationId)} ${fields} ${r.ts}`
}

/**
 * Split readings into batches of lines, each at most `maxLines` lines and (unless a single line
 * is larger) `maxBytes` UTF-8 bytes. Lazy, so a large write is encoded one batch at a time.
 */
export function* lineBatches(readings: readonly Reading[], maxLines: number, maxBytes: number): Generator<string[]> {
  let batch: string[] = []
  let bytes = 0
  for (const r of readings) {
    const line = toLine(r)
    if (line === undefined) continue
    const size = Buffer.byteLength(line) + 1
    if (batch.length > 0 && (batch.length >= maxLines || bytes + size > maxBytes)) {
      yield batch
      batch = []
      bytes = 0
    }
    batch.push(line)
    bytes += size
  }
  if (batch.length > 0) yield batch
}
