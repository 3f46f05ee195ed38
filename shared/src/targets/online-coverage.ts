/**
 * Online monitoring coverage: key pollution sources reporting online / key sources registered (100 %),
 * and the same for key energy-using units' metering.
 *
 * A source reports online at `asOf` when its last accepted reading is at most `graceFactor` (default 2,
 * i.e. one missed report tolerated) expected intervals (Station.intervalSec) old. Coverage is a
 * snapshot, so the status is: `met` when every source reported within one interval; `at-risk` when all
 * are online but some are late (between one and `graceFactor` intervals); `missed` when any is not
 * online; `no-data` when none is registered. `period` is [asOf, asOf].
 */
import { judge } from './status'
import type { TargetResult } from './types'

/** A registered source (a subset of Station). */
export interface MonitoredSource {
  id: string
  kind?: string
  intervalSec: number
  keySource?: boolean
}

/** Options of the coverage targets. */
export interface CoverageOptions {
  asOf: number
  /** Online when the last reading is at most this many intervals old; default 2. */
  graceFactor?: number
}

/** Last accepted reading time per station id, epoch ms. */
export type LastSeen = ReadonlyMap<string, number> | Readonly<Record<string, number>>

function lastOf(lastSeen: LastSeen, id: string): number | undefined {
  return lastSeen instanceof Map ? lastSeen.get(id) : (lastSeen as Readonly<Record<string, number>>)[id]
}

/** Coverage of a set of sources (see file doc). */
export function onlineCoverage(
  id: string,
  title: { zh: string; en: string },
  sources: MonitoredSource[],
  lastSeen: LastSeen,
  opts: CoverageOptions,
): TargetResult {
  const grace = opts.graceFactor ?? 2
  const online: string[] = []
  const excluded: { id: string; why: string }[] = []
  let late = 0
  for (const s of sources) {
    const t = lastOf(lastSeen, s.id)
    const age = t === undefined ? Infinity : opts.asOf - t
    const interval = s.intervalSec * 1000
    if (age <= grace * interval) {
      online.push(s.id)
      if (age > interval) late++
    } else {
      excluded.push({
        id: s.id,
        why: t === undefined ? 'never reported' : `last report ${Math.round(age / 60_000)} min ago (expected every ${s.intervalSec} s)`,
      })
    }
  }
  const value = sources.length > 0 ? (100 * online.length) / sources.length : null
  const base = judge(value, 100, '>=', { inProgress: false })
  return {
    id,
    title,
    value,
    target: 100,
    comparator: '>=',
    unit: '%',
    status: base === 'met' && late > 0 ? 'at-risk' : base,
    period: { from: opts.asOf, to: opts.asOf },
    method: `${online.length} of ${sources.length} registered source(s) reported within ${grace} expected interval(s) at evaluation time; ${late} of them late (over one interval).`,
    counted: { stations: online, excluded },
    detail: { online: online.length, registered: sources.length, late },
  }
}

/**
 * Online monitoring coverage of key pollution sources (stations with `keySource: true`).
 * @example keySourceCoverage(stations, { S1: now - 30_000 }, { asOf: now }).value
 */
export function keySourceCoverage(stations: MonitoredSource[], lastSeen: LastSeen, opts: CoverageOptions): TargetResult {
  return onlineCoverage(
    'key-source-online-coverage',
    { zh: '重点污染源在线监控覆盖率', en: 'Key pollution sources online coverage' },
    stations.filter((s) => s.keySource === true),
    lastSeen,
    opts,
  )
}

/**
 * Online metering coverage of key energy-using units (stations of kind `energy`).
 * @example energyMeteringCoverage(stations, lastSeen, { asOf: now }).status
 */
export function energyMeteringCoverage(stations: MonitoredSource[], lastSeen: LastSeen, opts: CoverageOptions): TargetResult {
  return onlineCoverage(
    'energy-metering-coverage',
    { zh: '重点用能单位能耗在线监测覆盖率', en: 'Energy metering online coverage' },
    stations.filter((s) => s.kind === 'energy'),
    lastSeen,
    opts,
  )
}
