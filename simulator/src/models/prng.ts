/**
 * Seeded pseudo-random numbers for the simulator: mulberry32 plus the few distributions the models
 * need. Pure and deterministic: the same seed always gives the same sequence, on every platform.
 */

/** A stream of uniform numbers in [0, 1). */
export type Rng = () => number

/**
 * mulberry32: a 32-bit state PRNG (Tommy Ettinger, public domain). Fast, tiny, good enough for
 * simulation noise; not for anything secret.
 * @example
 * const rng = mulberry32(42); rng() // 0.6011037519201636
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Mix a seed with any number of strings or numbers into one 32-bit seed (FNV-1a, then a murmur3
 * finalizer), so each station and each purpose gets its own independent stream.
 * @example
 * mulberry32(hashSeed(7, 'DG-AIR-01', 'noise'))
 */
export function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5
  for (const p of parts) {
    const s = typeof p === 'number' ? `#${p}` : p
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i)
      h = Math.imul(h, 0x01000193)
    }
    h ^= 0x1f // part separator, so ('ab','c') differs from ('a','bc')
    h = Math.imul(h, 0x01000193)
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

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
