import { describe, expect, it } from 'vitest'
import { MAX_JSON_DEPTH, jsonDepthExceeds } from './json-depth'

const nestedArrays = (d: number) => JSON.parse('['.repeat(d) + ']'.repeat(d)) as unknown
const nestedObjects = (d: number) => JSON.parse('{"a":'.repeat(d) + '1' + '}'.repeat(d)) as unknown

describe('jsonDepthExceeds', () => {
  it.each([
    ['a scalar', 1, 0, false],
    ['null', null, 0, false],
    ['an empty object at its limit', {}, 1, false],
    ['an empty object past a limit of 0', {}, 0, true],
    ['a reading batch at 3', [{ ts: 1, values: { pm25: 1 } }], 3, false],
    ['a reading batch past 2', [{ ts: 1, values: { pm25: 1 } }], 2, true],
    ['a deep branch beside shallow ones', { a: 1, b: [1, 2], c: { d: { e: [[]] } } }, 4, true],
    ['arrays nested exactly to the limit', nestedArrays(MAX_JSON_DEPTH), MAX_JSON_DEPTH, false],
    ['arrays nested one past the limit', nestedArrays(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH, true],
    ['objects nested one past the limit', nestedObjects(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH, true],
  ])('%s', (_name, value, max, exceeds) => {
    expect(jsonDepthExceeds(value, max)).toBe(exceeds)
  })

  it('answers for 100 000 levels without overflowing the stack', () => {
    expect(jsonDepthExceeds(nestedArrays(100_000))).toBe(true)
    expect(jsonDepthExceeds(nestedObjects(100_000))).toBe(true)
  })
})
