import { describe, expect, it } from 'vitest'
import { gaussian, happens, hashSeed, mulberry32, randInt, shuffled } from './prng'

describe('mulberry32', () => {
  it('gives the same sequence for the same seed', () => {
    const a = mulberry32(42)
    const b = mulberry32(42)
    expect(Array.from({ length: 100 }, a)).toEqual(Array.from({ length: 100 }, b))
  })

  it('matches the reference value of seed 42', () => {
    expect(mulberry32(42)()).toBe(0.6011037519201636)
  })

  it('stays in [0, 1)', () => {
    const r = mulberry32(7)
    for (let i = 0; i < 10_000; i++) {
      const v = r()
      expect(v >= 0 && v < 1).toBe(true)
    }
  })
})

describe('hashSeed', () => {
  it.each([
    [
      [1, 'a'],
      [1, 'b'],
    ],
    [
      [1, 'ab', 'c'],
      [1, 'a', 'bc'],
    ],
    [
      [1, 'x'],
      [2, 'x'],
    ],
  ])('separates %j from %j', (a, b) => {
    expect(hashSeed(...a)).not.toBe(hashSeed(...b))
  })

  it('is stable', () => {
    expect(hashSeed(1, 'DG-AIR-01')).toBe(hashSeed(1, 'DG-AIR-01'))
  })
})

describe('distributions', () => {
  it('gaussian has mean ≈ 0 and sd ≈ 1', () => {
    const r = mulberry32(3)
    const xs = Array.from({ length: 20_000 }, () => gaussian(r))
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length)
    expect(Math.abs(mean)).toBeLessThan(0.03)
    expect(Math.abs(sd - 1)).toBeLessThan(0.03)
  })

  it('randInt covers both ends', () => {
    const r = mulberry32(5)
    const seen = new Set(Array.from({ length: 500 }, () => randInt(r, 1, 3)))
    expect([...seen].sort()).toEqual([1, 2, 3])
  })

  it('shuffled keeps every element', () => {
    expect(shuffled(mulberry32(1), [1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5])
  })

  it('happens at about the Poisson rate, whatever the tick', () => {
    for (const dt of [60, 300]) {
      const r = mulberry32(9)
      let events = 0
      const ticks = (200 * 86_400) / dt // 200 days
      for (let i = 0; i < ticks; i++) if (happens(r, 2, dt)) events++
      expect(events).toBeGreaterThan(340)
      expect(events).toBeLessThan(460)
    }
  })

  it('never happens at rate 0', () => {
    expect(happens(mulberry32(1), 0, 86_400)).toBe(false)
  })
})
