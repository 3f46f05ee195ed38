/**
 * The standards evaluator: turns each station's accepted readings into observations of windowed,
 * standards-based rules (standard-rules.ts) for the alert lifecycle (alert-book.ts). Pure: no I/O,
 * no clock; time comes from the readings only.
 *
 * Per station it keeps incremental, bounded state (standard-state.ts): the oldest open clock hour,
 * the raw samples since then per metric, and the last 24 hourly means per metric. A clock hour
 * [h, h + 1 h) closes at h + 1 h + `hourCloseDelayMs` (the grace for late minutes, HOUR_CLOSE_DELAY
 * in the server): when a reading at or after that time arrives, or when the clock passes it
 * ({@link StandardsEvaluator.closeDue}, called by the server's tick), whichever comes first. Its
 * GB 3095-2012 1-h means (>= 45 min of sampling) enter the rings and the hour-based rules are
 * observed with the hour's end as their time:
 * air (standard-air.ts), water (standard-water.ts), wastewater (standard-wastewater.ts). Per-reading
 * rules are observed with the reading's time: the air 1-h moving means and the energy quota
 * (standard-energy.ts). Values flagged other than N/S never enter a mean.
 *
 * - Readings of the next hour arriving within the grace are taken in (the window keeps both hours);
 *   a reading of the closing hour arriving within the grace still counts in its mean.
 * - Late readings (for an hour already closed) are counted (`late`) and skipped: the live windows,
 *   the hourly AQI and the alerts do not rewrite the past, and the alert book ignores observations
 *   older than its last one anyway. The store keeps them, and what it returns for hourly aggregates
 *   (the history, the station's AQI history chart, exports, targets) is recomputed from the stored
 *   raw readings, so the history includes them.
 * - Redelivered readings (same timestamp) are stored once in the windows.
 * - Warm-up after a restart: {@link StandardsEvaluator.warm} feeds history (e.g. the last 25 h from
 *   the store) through the same state machine and discards the observations (they were observed
 *   before the restart, and the alert book was restored from its log), so live observations after a
 *   warm-up equal those of one continuous feed.
 * - The clock closes the hours of live stations only: those whose newest reading is at most one hour
 *   plus the grace old, and reaches far enough into the oldest open hour that the hour could have
 *   the 45 minutes of sampling a valid mean needs (newest reading + interval >= hour + 45 min). A
 *   station that stops at 15:59 gets its 15:00–16:00 values at 16:00 + grace; a station silent for
 *   longer, or a data logger's backlog being replayed, has its hours closed by its own readings'
 *   times, so a backlog is judged in data order as if it had arrived live. (A station that stops at
 *   15:20 has no valid 15:00 hour to show; that hour closes with its next reading.)
 */
import { isValidFlag, type Reading } from '../domain/reading'
import type { Station } from '../domain/station'
import type { AqiSummary } from '../protocol/events'
import { MIN_SAMPLING_MINUTES } from '../standards/hourly-means'
import { HOUR_MS, hourStart } from '../standards/time'
import type { Observation } from './alert-book'
import type { RuleEvaluator } from './evaluator'
import type { Rule } from './rule'
import { airHourClosed, airReading, aqiSummary } from './standard-air'
import { energyReading } from './standard-energy'
import type { RuleOverrides } from './standard-overrides'
import { StationState, RuleSet } from './standard-state'
import { wastewaterHourClosed } from './standard-wastewater'
import { waterHourClosed } from './standard-water'
import { RING_HOURS } from './window-hours'

/** Options of {@link standardsEvaluator}. */
export interface StandardsEvaluatorOptions {
  /** Per-station rule overrides (standard-overrides.ts); default none. */
  overrides?: RuleOverrides
  /**
   * Grace after an hour's end before it closes, ms (late minutes of that hour still count); default 0:
   * an hour closes at its end. The server passes HOUR_CLOSE_DELAY (default 300 s).
   */
  hourCloseDelayMs?: number
}

/** What {@link StandardsEvaluator.closeDue} closed. */
export interface ClockClose {
  observations: Observation[]
  /** Stations that closed at least one hour (their hourly AQI may have changed). */
  stations: string[]
}

/** Counters for monitoring the evaluator. */
export interface StandardsStats {
  stations: number
  /** Readings skipped because their hour had already closed. */
  late: number
  /** Samples dropped from full sample windows. */
  overflow: number
}

export class StandardsEvaluator implements RuleEvaluator {
  private readonly states = new Map<string, StationState>()
  private overrides: RuleOverrides
  private readonly delayMs: number

  constructor(opts: StandardsEvaluatorOptions = {}) {
    this.overrides = opts.overrides ?? {}
    this.delayMs = opts.hourCloseDelayMs ?? 0
    if (!Number.isFinite(this.delayMs) || this.delayMs < 0 || this.delayMs >= HOUR_MS)
      throw new Error(`invalid hourCloseDelayMs: ${opts.hourCloseDelayMs}`)
  }

  /**
   * Close, by the clock, the hours whose close time (end + grace) is at or before `now`, for live
   * stations (newest reading at most 1 h + grace before `now`; see the file doc). Call it
   * periodically; observations are dated by the hours' ends, as when a reading closes them.
   * @example const { observations, stations } = ev.closeDue(Date.now())
   */
  closeDue(now: number): ClockClose {
    const out: Observation[] = []
    const stations: string[] = []
    const upTo = hourStart(now - this.delayMs)
    for (const s of this.states.values()) {
      if (s.station.kind === 'energy' || Number.isNaN(s.hour) || s.hour >= upTo) continue
      // Not live: silent for long, or history arriving (it closes its hours by its own times).
      if (s.clock < now - HOUR_MS - this.delayMs) continue
      // A recent backlog still in the oldest open hour, short of the 45 minutes a valid mean needs:
      // its remaining minutes are arriving now; the hour closes when they (or a later reading) do.
      if (s.clock + s.intervalMs < s.hour + MIN_SAMPLING_MINUTES * 60_000) continue
      closeHours(s, upTo, out)
      stations.push(s.station.id)
    }
    return { observations: out, stations }
  }

  /** Observations for a station's accepted readings (any order within the batch; sorted here). */
  observe(station: Station, readings: readonly Reading[]): Observation[] {
    const out: Observation[] = []
    this.feed(station, readings, out)
    return out
  }

  /** Feed history (oldest first or any order) to rebuild the windows; observations are discarded. */
  warm(station: Station, readings: readonly Reading[]): void {
    this.feed(station, readings, [])
  }

  /** The station's effective rules (standard limits with overrides). */
  rulesFor(station: Station): Rule[] {
    return this.state(station).rules.list
  }

  /** The latest hourly AQI of an air station, or undefined before its first valid hour. */
  aqiFor(stationId: string): AqiSummary | undefined {
    const a = this.states.get(stationId)?.aqi
    return a && aqiSummary(a)
  }

  /** Drop a station's state (removed from the registry). */
  forget(stationId: string): void {
    this.states.delete(stationId)
  }

  /** Replace the overrides (admin edit); rules are rebuilt, windows kept. */
  setOverrides(overrides: RuleOverrides): void {
    this.overrides = overrides
    for (const s of this.states.values()) s.rules = new RuleSet(s.station, overrides)
  }

  stats(): StandardsStats {
    let late = 0
    let overflow = 0
    for (const s of this.states.values()) {
      late += s.late
      for (const m of s.metrics.values()) overflow += m.samples.overflow
    }
    return { stations: this.states.size, late, overflow }
  }

  private state(station: Station): StationState {
    let s = this.states.get(station.id)
    if (!s || s.station.kind !== station.kind) {
      s = new StationState(station, this.overrides)
      this.states.set(station.id, s)
    } else if (s.station !== station) {
      // The registry entry changed (class, quota, water body...): same windows, new rules.
      s.station = station
      s.rules = new RuleSet(station, this.overrides)
    }
    return s
  }

  private feed(station: Station, readings: readonly Reading[], out: Observation[]): void {
    const s = this.state(station)
    let sorted = true
    for (let i = 1; i < readings.length && sorted; i++) sorted = readings[i - 1]!.ts <= readings[i]!.ts
    const list = sorted ? readings : [...readings].sort((a, b) => a.ts - b.ts)
    for (const r of list) step(s, r, out, this.delayMs)
  }
}

/** Apply one reading to a station's state; hours whose end + `delayMs` is at or before it close first. */
function step(s: StationState, r: Reading, out: Observation[], delayMs: number): void {
  if (s.station.kind === 'energy') {
    energyReading(s, r, out)
    return
  }
  const h = hourStart(r.ts)
  if (Number.isNaN(s.hour)) s.hour = h
  if (h < s.hour) {
    s.late++
    return
  }
  const due = hourStart(r.ts - delayMs)
  if (due > s.hour) closeHours(s, due, out)
  if (r.ts > s.clock) s.clock = r.ts
  const added = s.added
  added.clear()
  for (const ms of s.metricList) {
    const v = r.values[ms.key]
    if (v === undefined) continue
    const valid = isValidFlag(r.flags?.[ms.key])
    // Invalid samples are kept as NaN: they end the previous sample's coverage (hourly-means.ts).
    if (ms.samples.add(r.ts, valid && Number.isFinite(v) ? v : NaN) !== 'duplicate') added.add(ms.key)
  }
  if (s.station.kind === 'air') airReading(s, r, added, out)
  // Keep the open hour and the trailing 60 minutes, nothing older.
  const keepFrom = Math.min(s.hour, s.clock - HOUR_MS + 1)
  for (const ms of s.metricList) ms.samples.dropBefore(keepFrom)
}

/** Close the open hour and every hour up to `upTo` (exclusive); after a day of silence, jump. */
function closeHours(s: StationState, upTo: number, out: Observation[]): void {
  let steps = 0
  while (s.hour < upTo) {
    closeHour(s, s.hour, out)
    s.hour += HOUR_MS
    // After RING_HOURS + 1 empty hours every window is empty: nothing more can be observed.
    if (++steps > RING_HOURS + 1 && s.hour < upTo) s.hour = upTo
  }
}

function closeHour(s: StationState, hour: number, out: Observation[]): void {
  switch (s.station.kind) {
    case 'air':
      return airHourClosed(s, hour, out)
    case 'water':
      return waterHourClosed(s, hour, out)
    case 'wastewater':
      return wastewaterHourClosed(s, hour, out)
    case 'energy':
      return
  }
}

/**
 * A standards evaluator.
 * @example
 * const ev = standardsEvaluator({ overrides })
 * alerts = new AlertService({ evaluator: ev, ... }); ev.aqiFor('DG-AIR-01')
 */
export function standardsEvaluator(opts: StandardsEvaluatorOptions = {}): StandardsEvaluator {
  return new StandardsEvaluator(opts)
}
