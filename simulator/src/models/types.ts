/**
 * What every station model shares: the sample it produces, the model interface and its options.
 */
import type { DataFlag } from '../../../shared/src/domain/reading'
import type { Station } from '../../../shared/src/domain/station'

/** One tick of a station: catalog metric → value, and a data flag for every reported metric. */
export interface Sample {
  values: Record<string, number>
  flags: Record<string, DataFlag>
}

/**
 * A seeded, pure station model. `next(t)` advances the model to epoch-ms `t` (ticks must not go
 * back in time) and returns the sample, or null when the station is offline at that tick.
 */
export interface StationModel {
  readonly station: Station
  next(t: number): Sample | null
}

/**
 * Rate multipliers (1 = the defaults, which keep a demo city mostly green: a handful of pollution
 * episodes across all stations a day). Raise them for tests and demos.
 */
export interface ModelOptions {
  /** Multiplier of pollution-episode frequency. Default 1. */
  episodeRate?: number
  /** Multiplier of sensor faults (flag D), stuck values, maintenance (flag M) and meter resets. Default 1. */
  faultRate?: number
  /** Multiplier of station outages (no data). Default 1. */
  outageRate?: number
}

/** Per-station base rates, events per station per day, before the multipliers. */
export interface IncidentRates {
  episodesPerDay: number
  faultsPerDay: number
  stuckPerDay: number
  maintenancePerDay: number
  outagesPerDay: number
}

/** A pollution episode picked when one starts: its type, duration and strength (0..1+). */
export interface EpisodeSpec {
  type: string
  durationH: number
  intensity: number
}

/** The episode in force at a tick: `level` is the trapezoid envelope (0..1) times the intensity. */
export interface ActiveEpisode {
  type: string
  level: number
}
