/**
 * Flux queries of the InfluxStore, built as pure functions of their inputs. Every user-supplied
 * string (bucket, station, metric) goes through the client's `toFluxValue` (quoted, escaped);
 * times are ISO literals of validated integers, so nothing is spliced in raw.
 *
 * Bucket semantics match the DuckDB adapter: `aggregateWindow(timeSrc: "_start")` with windows
 * aligned to the epoch, and daily windows shifted by `offset: 16h` so they start at 00:00 China
 * Standard Time (16:00 UTC; 16h is -8h modulo one day, written positive for older Flux). The first
 * window's `_start` is clipped to the range start, so callers map every `_time` through
 * `bucketStart()` to get the bucket start timestamp.
 */
import { toFluxValue } from '@influxdata/influxdb-client'
import { flagField, FLAG_SUFFIX, MEASUREMENT } from './influx-line'
import type { AggFn, Every } from '../../../shared/src/ports/store'

/** InfluxDB's time range is 1677-09-21..2262-04-11; clamp open ends inside it. */
export const MIN_TIME_MS = Date.UTC(1678, 0, 1)
export const MAX_TIME_MS = Date.UTC(2262, 0, 1)

const WINDOW: Record<Exclude<Every, 'raw'>, string> = { '1m': '1m', '5m': '5m', '1h': '1h', '1d': '1d' }
const str = (s: string) => toFluxValue(s)

/** A Flux time literal; throws `invalid ${name}` on a non-integer. */
export function fluxTime(ms: number, name: string): string {
  if (!Number.isSafeInteger(ms)) throw new Error(`invalid ${name}: ${ms}`)
  return new Date(Math.min(Math.max(ms, MIN_TIME_MS), MAX_TIME_MS)).toISOString()
}

/** Which fields a query reads: given metrics (values, plus their flags), or all of them. */
export interface FieldSelection {
  metrics?: readonly string[]
  /** Read each metric's flag field too. */
  flags: boolean
}

function fieldPredicate(sel: FieldSelection): string {
  if (sel.metrics && sel.metrics.length > 0) {
    const fields = sel.flags ? sel.metrics.flatMap((m) => [m, flagField(m)]) : sel.metrics
    return ` and (${fields.map((f) => `r._field == ${str(f)}`).join(' or ')})`
  }
  return sel.flags ? '' : ` and r._field !~ /${FLAG_SUFFIX}$/`
}

/** `from |> range |> filter` for one station (or all when `station` is undefined). */
export function source(bucket: string, station: string | undefined, from: number, to: number, sel: FieldSelection): string {
  const st = station === undefined ? '' : ` and r.station == ${str(station)}`
  return `from(bucket: ${str(bucket)})
  |> range(start: ${fluxTime(from, 'from')}, stop: ${fluxTime(to, 'to')})
  |> filter(fn: (r) => r._measurement == ${str(MEASUREMENT)}${st}${fieldPredicate(sel)})`
}

function window(every: Exclude<Every, 'raw'>, fn: AggFn): string {
  const offset = every === '1d' ? '16h' : '0s'
  return `aggregateWindow(every: ${WINDOW[every]}, offset: ${offset}, fn: ${fn}, createEmpty: false, timeSrc: "_start")`
}

/** Raw points (values and flags) as rows of `_time, _value, _field`. */
export function rawQuery(bucket: string, station: string, from: number, to: number, metrics?: readonly string[]): string {
  return `${source(bucket, station, from, to, { metrics, flags: true })}
  |> keep(columns: ["_time", "_value", "_field"])`
}

/**
 * Aggregated values (flags ignored) as rows of `_time` (window start), `_value`, `_field`.
 * Written as range |> filter |> aggregateWindow so InfluxDB pushes the aggregate down to storage.
 */
export function aggregateQuery(
  bucket: string,
  station: string,
  from: number,
  to: number,
  every: Exclude<Every, 'raw'>,
  fn: AggFn,
  metrics?: readonly string[],
): string {
  return `${source(bucket, station, from, to, { metrics, flags: false })}
  |> ${window(every, fn)}
  |> keep(columns: ["_time", "_value", "_field"])`
}

/**
 * Aggregated values of one metric's compliance-grade points only (flag N or S, or no flag):
 * value and flag are pivoted into one row per time, filtered, then aggregated. One query per
 * metric keeps the Flux simple (no union of a variable number of streams).
 */
export function validAggregateQuery(
  bucket: string,
  station: string,
  from: number,
  to: number,
  every: Exclude<Every, 'raw'>,
  fn: AggFn,
  metric: string,
): string {
  const v = `r[${str(metric)}]`
  const f = `r[${str(flagField(metric))}]`
  return `${source(bucket, station, from, to, { metrics: [metric], flags: true })}
  |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value")
  |> group()
  |> sort(columns: ["_time"])
  |> filter(fn: (r) => exists ${v} and (not exists ${f} or ${f} == "N" or ${f} == "S"))
  |> map(fn: (r) => ({_start: r._start, _stop: r._stop, _time: r._time, _field: ${str(metric)}, _value: ${v}}))
  |> ${window(every, fn)}
  |> keep(columns: ["_time", "_value", "_field"])`
}

/** The last point of every field of every station: rows of `_time, _value, _field, station`. */
export function latestQuery(bucket: string): string {
  return `${source(bucket, undefined, MIN_TIME_MS, MAX_TIME_MS, { flags: true })}
  |> last()
  |> keep(columns: ["_time", "_value", "_field", "station"])`
}

/** Number of stored value points in [from, to): one row with an integer `_value`, or none. */
export function countQuery(bucket: string, station: string | undefined, from: number | undefined, to: number | undefined): string {
  return `${source(bucket, station, from ?? MIN_TIME_MS, to ?? MAX_TIME_MS, { flags: false })}
  |> count()
  |> group()
  |> sum()`
}
