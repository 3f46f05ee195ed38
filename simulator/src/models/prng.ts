/**
 * Seeded pseudo-random numbers for the simulator: mulberry32 plus the few distributions the models
 * need. Pure and deterministic: the same seed always gives the same sequence, on every platform.
 */

import { hashSeed, mulberry32, type Rng } from '../../../shared/src/random/prng'

export { hashSeed, mulberry32, type Rng }

/** Uniform number in [lo, hi). */
export function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng()
}

/** Uniform integer in [lo, hi] (both inclusive). */
export function randInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1))
}

/** Standard normal variate (Box-Muller; one of the pair is discarded to keep the stream simple). */
export function gaussian(rng: Rng): number {
  let u = rng()
  while (u <= Number.EPSILON) u = rng()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng())
}

/** Pick one element of a non-empty array. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!
}

/** Fisher-Yates shuffle of a copy. */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/**
 * Whether a Poisson event with `ratePerDay` happens within `dtSec` (probability 1 - e^(-λ·dt)).
 * Used for episodes, faults and outages so their frequency does not depend on the tick interval.
 */
export function happens(rng: Rng, ratePerDay: number, dtSec: number): boolean {
  if (ratePerDay <= 0) return false
  return rng() < 1 - Math.exp((-ratePerDay * dtSec) / 86_400)
}
