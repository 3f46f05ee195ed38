/**
 * The read half of the InfluxStore: turns Flux result rows (annotated CSV, streamed by
 * `queryApi.iterateRows`) into the port's shapes. Values come as one table per field, so a
 * point's value and flag (`<metric>` and `<metric>:flag`) are joined here by (metric, time).
 */
import type { Row } from '@influxdata/influxdb-client'
import type { DataFlag } from '../../../shared/src/domain/reading'
import { aggregateQuery, rawQuery, source } from './influx-flux'
import { parseField } from './influx-line'
import {
  bucketStart,
  EVERY_MS,
  type Every,
  type ExportQuery,
  type ExportRow,
  type LatestValue,
  type Series,
} from '../../../shared/src/ports/store'

type Rows = AsyncIterable<Row>

/** Column indexes of one result table, looked up once per table. */
function columns<K extends string>(names: readonly K[]): (row: Row) => Record<K, number> {
  let meta: Row['tableMeta'] | undefined
  let idx = {} as Record<K, number>
  return (row) => {
    if (row.tableMeta !== meta) {
      meta = row.tableMeta
      idx = {} as Record<K, number>
      for (const n of names) idx[n] = meta.column(n).index
    }
    return idx
  }
}

/** Sort t ascending (and v, flags with it) unless it already is: results merge several tables. */
function sortByTime(s: Series): void {
  let sorted = true
  for (let i = 1; i < s.t.length && sorted; i++) sorted = s.t[i - 1]! <= s.t[i]!
  if (sorted) return
  const order = s.t.map((_, i) => i).sort((a, b) => s.t[a]! - s.t[b]!)
  const { t, v, flags } = s
  s.t = order.map((i) => t[i]!)
  s.v = order.map((i) => v[i]!)
  if (flags) s.flags = order.map((i) => flags[i]!)
}

const isValid = (f: DataFlag) => f === 'N' || f === 'S'

/**
 * Collect rows of `_time, _value, _field` into one series per metric. Raw: values joined with
 * their flags (N when absent), optionally only N/S; aggregated: `_time` mapped to its bucket start.
 */
export async function collectSeries(rows: Rows, every: Every, validOnly: boolean): Promise<Map<string, Series>> {
  const col = columns(['_time', '_value', '_field'] as const)
  const out = new Map<string, Series>()
  const flags = new Map<string, Map<number, DataFlag>>()
  for await (const row of rows) {
    const c = col(row)
    const { metric, isFlag } = parseField(row.values[c._field]!)
    const t = Date.parse(row.values[c._time]!)
    if (isFlag) {
      let m = flags.get(metric)
      if (!m) flags.set(metric, (m = new Map()))
      m.set(t, row.values[c._value] as DataFlag)
      continue
    }
    let s = out.get(metric)
    if (!s) out.set(metric, (s = { metric, t: [], v: [] }))
    s.t.push(every === 'raw' ? t : bucketStart(t, every))
    s.v.push(Number(row.values[c._value]))
  }
  for (const s of out.values()) {
    if (every === 'raw') {
      const f = flags.get(s.metric)
      s.flags = s.t.map((t) => f?.get(t) ?? 'N')
    }
    sortByTime(s)
    if (validOnly && s.flags) {
      const keep = s.flags.map(isValid)
      s.t = s.t.filter((_, i) => keep[i])
      s.v = s.v.filter((_, i) => keep[i])
      s.flags = s.flags.filter((_, i) => keep[i])
    }
  }
  return out
}

/** The series of `metrics` in their order (empty when no data); all found metrics by name when none are given. */
export function sortedSeries(metrics: readonly string[], found: Map<string, Series>, raw: boolean): Series[] {
  const names = metrics.length > 0 ? metrics : [...found.keys()].sort()
  return names.map((m) => found.get(m) ?? (raw ? { metric: m, t: [], v: [], flags: [] } : { metric: m, t: [], v: [] }))
}

/** Latest value, time and flag per metric per station, from rows of `_time, _value, _field, station`. */
export async function readLatest(rows: Rows): Promise<Map<string, Map<string, LatestValue>>> {
  const col = columns(['_time', '_value', '_field', 'station'] as const)
  const out = new Map<string, Map<string, LatestValue>>()
  const flags = new Map<string, { ts: number; flag: DataFlag }>()
  for await (const row of rows) {
    const c = col(row)
    const station = row.values[c.station]!
    const { metric, isFlag } = parseField(row.values[c._field]!)
    const ts = Date.parse(row.values[c._time]!)
    if (isFlag) {
      const key = `${station}\u0000${metric}`
      const prev = flags.get(key)
      if (!prev || ts > prev.ts) flags.set(key, { ts, flag: row.values[c._value] as DataFlag })
      continue
    }
    let m = out.get(station)
    if (!m) out.set(station, (m = new Map()))
    const prev = m.get(metric)
    if (!prev || ts > prev.ts) m.set(metric, { value: Number(row.values[c._value]), ts, flag: 'N' })
  }
  for (const [station, m] of out) {
    for (const [metric, lv] of m) {
      const f = flags.get(`${station}\u0000${metric}`)
      if (f && f.ts === lv.ts) lv.flag = f.flag
    }
  }
  return out
}

/** Days per export window: bounded memory per window, few queries per export. */
const EXPORT_WINDOW_DAYS: Record<Every, number> = { raw: 1, '1m': 1, '5m': 7, '1h': 31, '1d': 366 }

/** [first, last] time of the station's selected points in [from, to), or undefined when none. */
async function extent(
  query: (flux: string) => Rows,
  bucket: string,
  station: string,
  q: ExportQuery,
): Promise<[number, number] | undefined> {
  const sel = { metrics: q.metrics, flags: false }
  let lo = Infinity
  let hi = -Infinity
  for (const fn of ['first', 'last']) {
    const col = columns(['_time'] as const)
    for await (const row of query(`${source(bucket, station, q.from, q.to, sel)}\n  |> ${fn}()\n  |> keep(columns: ["_time"])`)) {
      const t = Date.parse(row.values[col(row)._time]!)
      lo = Math.min(lo, t)
      hi = Math.max(hi, t)
    }
  }
  return lo <= hi ? [lo, hi] : undefined
}

/**
 * One station's export rows, window by window, each window sorted by (ts, metric). Windows are
 * whole CST days (so no bucket straddles two windows) and span only the station's data.
 */
export async function* exportStation(
  query: (flux: string) => Rows,
  bucket: string,
  station: string,
  q: ExportQuery,
): AsyncGenerator<ExportRow[]> {
  if (q.from >= q.to) return
  const ext = await extent(query, bucket, station, q)
  if (!ext) return
  const span = EXPORT_WINDOW_DAYS[q.every] * EVERY_MS['1d']
  const end = Math.min(q.to, ext[1] + 1)
  for (let a = Math.max(q.from, bucketStart(ext[0], q.every)); a < end;) {
    const b = Math.min(end, bucketStart(a, '1d') + span)
    const flux =
      q.every === 'raw' ? rawQuery(bucket, station, a, b, q.metrics) : aggregateQuery(bucket, station, a, b, q.every, q.fn, q.metrics)
    const series = await collectSeries(query(flux), q.every, false)
    const rows: ExportRow[] = []
    for (const s of series.values()) {
      for (let i = 0; i < s.t.length; i++)
        rows.push({ stationId: station, metric: s.metric, ts: s.t[i]!, value: s.v[i]!, flag: s.flags?.[i] ?? 'N' })
    }
    rows.sort((x, y) => x.ts - y.ts || (x.metric < y.metric ? -1 : x.metric > y.metric ? 1 : 0))
    yield rows
    a = b
  }
}
