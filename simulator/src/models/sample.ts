/**
 * Small pure helpers shared by the per-kind models: rounding to the catalog's display digits,
 * clean samples with every flag N, clamping, and the city-wide day-to-day weather factor.
 */
import { METRICS } from '../../../shared/src/domain/metric-catalog'
import type { StationKind } from '../../../shared/src/domain/station'
import { localDayIndex } from './local-time'
import { gaussian, hashSeed, mulberry32 } from './prng'
import type { Sample } from './types'

const DIGITS: Record<StationKind, Map<string, number>> = {
  air: new Map(METRICS.air.map((m) => [m.key, m.digits])),
  water: new Map(METRICS.water.map((m) => [m.key, m.digits])),
  wastewater: new Map(METRICS.wastewater.map((m) => [m.key, m.digits])),
  energy: new Map(METRICS.energy.map((m) => [m.key, m.digits])),
}

/** Round `v` to `digits` decimals (a data logger reports what its display shows). */
export function roundTo(v: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(v * f) / f
}

/** Clamp `v` into [lo, hi]. */
export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v
}

/**
 * A clean sample of `kind`: values rounded to the catalog's display digits (the precision a data
 * logger reports) and every flag N. A key outside the catalog is a programming error and throws.
 */
export function cleanSample(kind: StationKind, raw: Record<string, number>): Sample {
  const values: Record<string, number> = {}
  const flags: Sample['flags'] = {}
  for (const key in raw) {
    const digits = DIGITS[kind].get(key)
    if (digits === undefined) throw new Error(`model produced a metric outside the ${kind} catalog: ${key}`)
    values[key] = roundTo(raw[key]!, digits)
    flags[key] = 'N'
  }
  return { values, flags }
}

/**
 * Round values again after faults were applied (a fault may scale a value), in place.
 */
export function roundSample(kind: StationKind, s: Sample): Sample {
  for (const key in s.values) s.values[key] = roundTo(s.values[key]!, DIGITS[kind].get(key) ?? 3)
  return s
}

/**
 * City-wide day-to-day factor (synoptic weather: stagnant days vs clean, windy days), the same for
 * every station of the city at a given time: a log-normal value per local day, linearly
 * interpolated through the day so it has no jumps at midnight. Pure in (seed, purpose, t).
 * @example
 * cityFactor(seed, 'stagnation', t, 0.3) // ~0.5 .. 2, median 1
 */
export function cityFactor(seed: number, purpose: string, t: number, sd: number): number {
  const day = (t + 8 * 3600_000) / 86_400_000
  const d0 = localDayIndex(t)
  const w = day - d0
  const at = (d: number) => Math.exp(sd * gaussian(mulberry32(hashSeed(seed, purpose, d))))
  return at(d0) * (1 - w) + at(d0 + 1) * w
}

/**
 * Seconds since the previous tick (the station's interval on the first), throwing if time goes
 * back: models are stateful and only move forward.
 */
export function createTicker(stationId: string, firstDtSec: number): (t: number) => number {
  let last: number | undefined
  return (t) => {
    if (last !== undefined && t < last) throw new Error(`model ${stationId}: time went back (${t} < ${last})`)
    const dt = last === undefined ? firstDtSec : (t - last) / 1000
    last = t
    return dt
  }
}
