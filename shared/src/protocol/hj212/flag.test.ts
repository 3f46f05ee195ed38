import { describe, expect, it } from 'vitest'
import { decodeFlag, encodeFlag } from './flag'

describe('decodeFlag', () => {
  it.each([
    [4, { raw: 4, ackRequired: false, split: false, version: 1 }],
    [5, { raw: 5, ackRequired: true, split: false, version: 1 }],
    [6, { raw: 6, ackRequired: false, split: true, version: 1 }],
    [7, { raw: 7, ackRequired: true, split: true, version: 1 }],
    [1, { raw: 1, ackRequired: true, split: false, version: 0 }],
    [9, { raw: 9, ackRequired: true, split: false, version: 2 }],
    [undefined, { raw: undefined, ackRequired: false, split: false, version: 0 }],
  ])('decodes Flag=%s', (raw, expected) => {
    expect(decodeFlag(raw)).toEqual(expected)
  })
})

describe('encodeFlag', () => {
  it.each([
    [{}, 4],
    [{ ackRequired: true }, 5],
    [{ split: true }, 6],
    [{ ackRequired: true, split: true }, 7],
    [{ ackRequired: true, version: 0 }, 1],
  ])('encodes %j as %i', (opts, expected) => {
    expect(encodeFlag(opts)).toBe(expected)
  })

  it.each([[-1], [64], [1.5]])('throws on version %s', (version) => {
    expect(() => encodeFlag({ version })).toThrow(RangeError)
  })
})
