/**
 * The things that go wrong at a station, common to every kind: pollution episodes (the model
 * decides what an episode does to its metrics), sensor faults flagged D, stuck values, maintenance
 * flagged M, and outages (no data). Event starts are Poisson with per-day rates, so frequencies do
 * not depend on the tick interval; durations and strengths come from the station's own stream.
 */
import type { DataFlag } from '../../../shared/src/domain/reading'
import { gaussian, happens, pick, uniform, type Rng } from './prng'
import type { ActiveEpisode, EpisodeSpec, IncidentRates, ModelOptions, Sample } from './types'

const H = 3600_000

type Fault =
  | { type: 'fault'; metric: string; until: number; factor: number }
  | { type: 'stuck'; metric: string; until: number; value?: number }
  | { type: 'maintenance'; until: number }

/** Configuration of one station's incidents. */
export interface IncidentConfig {
  rates: IncidentRates
  /** Choose an episode when one starts (season-dependent, so `t` comes in). */
  pickEpisode: (rng: Rng, t: number) => EpisodeSpec
  /** Metrics a sensor fault or a stuck value may hit (energy: not the cumulative counters). */
  faultMetrics: readonly string[]
  /** The value a faulty sensor reports instead of `v` (flagged D); default a fraction of `v`. */
  faultValue?: (metric: string, v: number, factor: number) => number
}

/** Incident state of one station, advanced once per tick. */
export interface Incidents {
  /** Advance to `t` (`dtSec` since the previous tick); starts and ends events. */
  step(t: number, dtSec: number): void
  /** Whether the station is offline (no data) at the current tick. */
  readonly offline: boolean
  /** The episode in force, if any. */
  episode(t: number): ActiveEpisode | undefined
  /** Apply faults, stuck values and maintenance to a clean sample, in place. */
  apply(sample: Sample, t: number): Sample
}

/** Trapezoid envelope: ramps up over the first quarter and down over the last quarter. */
function envelope(start: number, end: number, t: number): number {
  const ramp = (end - start) / 4
  if (t <= start || t >= end) return 0
  return Math.min(1, (t - start) / ramp, (end - t) / ramp)
}

/** Outage length: exponential with a 50-minute mean, at least 5 minutes, at most 6 hours. */
function outageMs(rng: Rng): number {
  return Math.min(6 * H, Math.max(5 * 60_000, -Math.log(1 - rng()) * 50 * 60_000))
}

/**
 * Create the incident state of one station.
 * @example
 * const inc = createIncidents(rng, opts, { rates, pickEpisode, faultMetrics: ['pm25'] })
 * inc.step(t, 60); if (!inc.offline) inc.apply(sample, t)
 */
export function createIncidents(rng: Rng, opts: ModelOptions, cfg: IncidentConfig): Incidents {
  const ep = opts.episodeRate ?? 1
  const fr = opts.faultRate ?? 1
  const or = opts.outageRate ?? 1
  const r = cfg.rates
  let episode: { type: string; start: number; end: number; intensity: number } | undefined
  let fault: Fault | undefined
  let offlineUntil = -Infinity
  let now = -Infinity
  const faultValue = cfg.faultValue ?? ((_m: string, v: number, f: number) => v * f)

  return {
    step(t, dtSec) {
      now = t
      if (episode && t >= episode.end) episode = undefined
      if (!episode && happens(rng, r.episodesPerDay * ep, dtSec)) {
        const spec = cfg.pickEpisode(rng, t)
        episode = { type: spec.type, start: t, end: t + spec.durationH * H, intensity: spec.intensity }
      }
      if (fault && t >= fault.until) fault = undefined
      if (!fault && cfg.faultMetrics.length > 0) {
        if (happens(rng, r.faultsPerDay * fr, dtSec)) {
          fault = {
            type: 'fault',
            metric: pick(rng, cfg.faultMetrics),
            until: t + uniform(rng, 0.5, 3) * H,
            factor: uniform(rng, 0.05, 0.5),
          }
        } else if (happens(rng, r.stuckPerDay * fr, dtSec)) {
          fault = { type: 'stuck', metric: pick(rng, cfg.faultMetrics), until: t + uniform(rng, 1, 4) * H }
        }
      }
      if (!fault && happens(rng, r.maintenancePerDay * fr, dtSec)) {
        fault = { type: 'maintenance', until: t + uniform(rng, 0.5, 2) * H }
      }
      if (t >= offlineUntil && happens(rng, r.outagesPerDay * or, dtSec)) offlineUntil = t + outageMs(rng)
    },
    get offline() {
      return now < offlineUntil
    },
    episode(t) {
      if (!episode) return undefined
      return { type: episode.type, level: envelope(episode.start, episode.end, t) * episode.intensity }
    },
    apply(sample) {
      if (!fault) return sample
      if (fault.type === 'maintenance') {
        for (const k in sample.flags) sample.flags[k] = 'M' satisfies DataFlag
        return sample
      }
      const v = sample.values[fault.metric]
      if (v === undefined) return sample
      if (fault.type === 'fault') {
        sample.values[fault.metric] = faultValue(fault.metric, v, fault.factor)
        sample.flags[fault.metric] = 'D'
      } else {
        // A stuck sensor repeats its last value and the logger does not know: flag stays N, so the
        // ingest side has something to detect (flat-line check).
        fault.value ??= v
        sample.values[fault.metric] = fault.value
      }
      return sample
    },
  }
}

/** Small multiplicative jitter for episode intensities: e^(N(0, sd)). */
export function jitter(rng: Rng, sd: number): number {
  return Math.exp(sd * gaussian(rng))
}
