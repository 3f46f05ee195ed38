/**
 * Seeded pseudo-random numbers: pure and deterministic (the same seed gives the same sequence on
 * every platform). Used by the simulator's models and by seeded test corpora.
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
