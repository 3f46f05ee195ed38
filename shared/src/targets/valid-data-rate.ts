/**
 * Online-monitoring valid-data rate: valid readings ÷ expected readings over every registered
 * station's expected metrics, for the period so far (docs/standards.md, "Data completeness"). The
 * provincial and the energy-monitoring platforms ask for at least 90 % (configurable:
 * TARGET_VALID_DATA_PCT). Stations are judged together (the network's rate); the worst stations are
 * listed in `breakdown` so the board shows which ones pull it down.
 */
import type { Tally } from '../standards/completeness'
import { judge } from './status'
import type { Evaluation, TargetResult } from './types'

/** One station's totals over the period. */
export interface StationTally extends Tally {
  id: string
}

/** Options of {@link validDataRate}. */
export interface ValidDataRateOptions extends Evaluation {
  /** Goal, % (default 90). */
  targetPct?: number
  /** At-risk margin, percentage points (default 2). */
  marginPct?: number
}

/**
 * The valid-data-rate target from each station's totals.
 * @example validDataRate([{ id: 'A', expected: 100, received: 95, valid: 93, transmission: 0.95, validRate: 0.93 }], { period: { from: 0, to: 1 } }).value // 93
 */
export function validDataRate(stations: readonly StationTally[], opts: ValidDataRateOptions): TargetResult {
  const target = opts.targetPct ?? 90
  let expected = 0
  let received = 0
  let valid = 0
  const counted: string[] = []
  const excluded: { id: string; why: string }[] = []
  for (const s of stations) {
    if (s.expected === 0) {
      excluded.push({ id: s.id, why: 'no reading expected in the period (no data yet)' })
      continue
    }
    counted.push(s.id)
    expected += s.expected
    received += s.received
    valid += s.valid
  }
  const value = expected > 0 ? (100 * valid) / expected : null
  const inProgress = opts.asOf !== undefined && opts.asOf < opts.period.to
  const worst = stations
    .filter((s) => s.validRate !== null)
    .sort((a, b) => a.validRate! - b.validRate!)
    .slice(0, 10)
  return {
    id: 'online-valid-data-rate',
    title: { zh: '自动监测数据有效率', en: 'Online monitoring valid-data rate' },
    value,
    target,
    comparator: '>=',
    unit: '%',
    status: judge(value, target, '>=', { inProgress, margin: opts.marginPct ?? 2 }),
    period: opts.period,
    method: `Valid readings ÷ expected readings of ${counted.length} station(s) in the period so far: ${valid} valid of ${expected} expected (${received} received). Expected: one reading per reporting interval for each metric the station's kind monitors, from its first data; valid: flag N or S.`,
    counted: { stations: counted, excluded },
    detail: { expected, received, valid, transmissionPct: expected > 0 ? (100 * received) / expected : 0 },
    breakdown: worst.map((s) => ({ id: s.id, value: 100 * s.validRate!, target, ok: 100 * s.validRate! >= target })),
  }
}
