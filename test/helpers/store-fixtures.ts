/**
 * Seeded store fixtures: readings at fixed times and the hand-computed results the store
 * contract expects of them. Times are epoch ms; T0 is 00:00 China Standard Time (UTC+8).
 */
import type { DataFlag, Reading } from '../../shared/src/domain/reading'
import type { StationKind } from '../../shared/src/domain/station'
import type { AggFn, Every, ExportRow } from '../../shared/src/ports/store'

export const SEC = 1000
export const MIN = 60 * SEC
export const HOUR = 60 * MIN
export const DAY = 24 * HOUR
/** 2026-03-02T00:00:00+08:00, i.e. 2026-03-01T16:00:00Z: a CST midnight that is not a UTC one. */
export const T0 = Date.UTC(2026, 2, 1, 16)

/** One reading; `flags` only when given. */
export function reading(
  stationId: string,
  kind: StationKind,
  ts: number,
  values: Record<string, number>,
  flags?: Record<string, DataFlag>,
): Reading {
  return flags ? { stationId, kind, ts, values, flags } : { stationId, kind, ts, values }
}

/** pm25 points (offset from T0, value) spread over minute, 5-minute, hour and CST-day edges. */
export const AGG_POINTS: readonly (readonly [number, number])[] = [
  [-1, 1000], // 23:59:59.999 CST the day before
  [0, 10],
  [30 * SEC, 20],
  [90 * SEC, 40],
  [4 * MIN, 5],
  [5 * MIN, 7],
  [59 * MIN + 59 * SEC, 100],
  [60 * MIN, 1],
  [90 * MIN, 3],
  [8 * HOUR, 50], // 00:00 UTC: the same CST day, the next UTC day
  [DAY, 2], // next CST day
]

/** The aggregation fixture as readings of one air station. */
export function aggregationReadings(stationId: string): Reading[] {
  return AGG_POINTS.map(([dt, v]) => reading(stationId, 'air', T0 + dt, { pm25: v }))
}

export interface AggCase {
  every: Exclude<Every, 'raw'>
  fn: AggFn
  from: number
  to: number
  /** Bucket starts as offsets from T0. */
  t: number[]
  v: number[]
}

const SHORT = { from: T0, to: T0 + 2 * HOUR }
const DAYS = { from: T0 - DAY, to: T0 + 2 * DAY }
const M = (...m: number[]) => m.map((x) => x * MIN)

/** Expected aggregates of {@link AGG_POINTS}, computed by hand. */
export const AGG_CASES: readonly AggCase[] = [
  { every: '1m', fn: 'mean', ...SHORT, t: M(0, 1, 4, 5, 59, 60, 90), v: [15, 40, 5, 7, 100, 1, 3] },
  { every: '1m', fn: 'min', ...SHORT, t: M(0, 1, 4, 5, 59, 60, 90), v: [10, 40, 5, 7, 100, 1, 3] },
  { every: '1m', fn: 'max', ...SHORT, t: M(0, 1, 4, 5, 59, 60, 90), v: [20, 40, 5, 7, 100, 1, 3] },
  { every: '1m', fn: 'last', ...SHORT, t: M(0, 1, 4, 5, 59, 60, 90), v: [20, 40, 5, 7, 100, 1, 3] },
  { every: '5m', fn: 'mean', ...SHORT, t: M(0, 5, 55, 60, 90), v: [18.75, 7, 100, 1, 3] },
  { every: '5m', fn: 'min', ...SHORT, t: M(0, 5, 55, 60, 90), v: [5, 7, 100, 1, 3] },
  { every: '5m', fn: 'max', ...SHORT, t: M(0, 5, 55, 60, 90), v: [40, 7, 100, 1, 3] },
  { every: '5m', fn: 'last', ...SHORT, t: M(0, 5, 55, 60, 90), v: [5, 7, 100, 1, 3] },
  { every: '1h', fn: 'mean', ...SHORT, t: M(0, 60), v: [182 / 6, 2] },
  { every: '1h', fn: 'min', ...SHORT, t: M(0, 60), v: [5, 1] },
  { every: '1h', fn: 'max', ...SHORT, t: M(0, 60), v: [100, 3] },
  { every: '1h', fn: 'last', ...SHORT, t: M(0, 60), v: [100, 3] },
  { every: '1d', fn: 'mean', ...DAYS, t: [-DAY, 0, DAY], v: [1000, 236 / 9, 2] },
  { every: '1d', fn: 'min', ...DAYS, t: [-DAY, 0, DAY], v: [1000, 1, 2] },
  { every: '1d', fn: 'max', ...DAYS, t: [-DAY, 0, DAY], v: [1000, 100, 2] },
  { every: '1d', fn: 'last', ...DAYS, t: [-DAY, 0, DAY], v: [1000, 50, 2] },
]

/** Metrics of the export fixture, in the order the export must list them within a timestamp. */
export const EXPORT_METRICS = ['o3', 'pm10', 'pm25'] as const

/**
 * Export fixture: `n` one-minute readings per station from T0 - 3 h (so they cross a CST
 * midnight), three metrics each, every 7th pm10 flagged D and every 5th o3 flagged S.
 */
export function exportReadings(stationIds: readonly string[], n: number): Reading[] {
  const out: Reading[] = []
  stationIds.forEach((id, s) => {
    for (let i = 0; i < n; i++) {
      const flags: Record<string, DataFlag> = {}
      if (i % 7 === 0) flags.pm10 = 'D'
      if (i % 5 === 0) flags.o3 = 'S'
      out.push(reading(id, 'air', T0 - 3 * HOUR + i * MIN, { pm25: (i % 40) + s / 4, pm10: 50 + (i % 13) / 2, o3: 100 - (i % 9) }, flags))
    }
  })
  return out
}

/** The rows a raw export of `readings` must produce, in (station, ts, metric) order. */
export function expectedExportRows(readings: readonly Reading[]): ExportRow[] {
  const rows: ExportRow[] = []
  for (const r of readings) {
    for (const metric of Object.keys(r.values))
      rows.push({ stationId: r.stationId, metric, ts: r.ts, value: r.values[metric]!, flag: r.flags?.[metric] ?? 'N' })
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  return rows.sort((a, b) => cmp(a.stationId, b.stationId) || a.ts - b.ts || cmp(a.metric, b.metric))
}

/** Samples per series, keyed `name{kind,station}`, in time order. */
export type VmSamples = Record<string, { t: number[]; v: number[] }>

/**
 * What victoria-metrics must hold after the InfluxStore wrote `readings`: `reading_<metric>`
 * with each value, and `reading_<metric>:flag` at the same times with value 0 (VictoriaMetrics
 * keeps numbers only, so a string field's content is not stored; the encoder test checks it).
 */
export function expectedVmSeries(readings: readonly Reading[]): VmSamples {
  const out: VmSamples = {}
  const add = (key: string, t: number, v: number) => {
    const s = (out[key] ??= { t: [], v: [] })
    s.t.push(t)
    s.v.push(v)
  }
  for (const r of [...readings].sort((a, b) => a.ts - b.ts)) {
    for (const [m, v] of Object.entries(r.values)) {
      add(`reading_${m}{${r.kind},${r.stationId}}`, r.ts, v)
      add(`reading_${m}:flag{${r.kind},${r.stationId}}`, r.ts, 0)
    }
  }
  return out
}
