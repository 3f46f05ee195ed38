import { describe, expect, it } from 'vitest'
import type { DeadLetter } from '../data/admin-types'
import {
  ALL_DEAD_LETTERS,
  deadLetterKeys,
  filterDeadLetters,
  parseReasonFilter,
  reasonFilterValue,
  reasonOptions,
  splitReasonCounts,
  topStations,
} from './dead-letter-model'

const letter = (extra: Partial<DeadLetter>): DeadLetter => ({
  topic: 'envmon/v1/air/DG-AIR-01/reading',
  stationId: 'DG-AIR-01',
  reason: 'not-json',
  message: 'm',
  warning: false,
  payloadBase64: '',
  size: 0,
  truncated: false,
  receivedAt: '2026-01-01T00:00:00.000Z',
  via: 'mqtt',
  ...extra,
})
const a = letter({})
const b = letter({ reason: 'unknown-metric', warning: true, stationId: 'DG-WAT-02', topic: 'envmon/v1/water/DG-WAT-02/reading' })
const c = letter({ reason: 'hj212-crc', via: 'tcp', stationId: undefined, topic: 'hj212/12345' })
const list = [a, b, c]

describe('dead letter counts', () => {
  it('splits warnings from rejections, most frequent first', () => {
    expect(splitReasonCounts({ 'unknown-metric': 4, schema: 2, 'not-json': 5, 'bad-topic': 2 })).toEqual({
      rejected: [
        { reason: 'not-json', count: 5 },
        { reason: 'bad-topic', count: 2 },
        { reason: 'schema', count: 2 },
      ],
      warnings: [{ reason: 'unknown-metric', count: 4 }],
      rejectedTotal: 9,
      warningTotal: 4,
    })
  })

  it('is empty before anything was rejected', () => {
    expect(splitReasonCounts({})).toEqual({ rejected: [], warnings: [], rejectedTotal: 0, warningTotal: 0 })
  })
})

describe('dead letter counts by station', () => {
  it('lists the stations with the most letters first, ties by id, at most the limit', () => {
    expect(topStations({ 'DG-AIR-02': 3, _: 7, 'DG-AIR-01': 3, 'DG-WAT-01': 1 }, 3)).toEqual([
      { stationId: '_', count: 7 },
      { stationId: 'DG-AIR-01', count: 3 },
      { stationId: 'DG-AIR-02', count: 3 },
    ])
  })
})

describe('dead letter filter', () => {
  it.each([
    ['everything', ALL_DEAD_LETTERS, [a, b, c]],
    ['rejections', { ...ALL_DEAD_LETTERS, reason: 'rejected' }, [a, c]],
    ['warnings', { ...ALL_DEAD_LETTERS, reason: 'warnings' }, [b]],
    ['one reason', { ...ALL_DEAD_LETTERS, reason: { reason: 'hj212-crc' } }, [c]],
    ['a station, any case', { ...ALL_DEAD_LETTERS, station: 'dg-wat' }, [b]],
    ['a topic without a station', { ...ALL_DEAD_LETTERS, station: 'hj212/' }, [c]],
    ['the transport', { ...ALL_DEAD_LETTERS, via: 'tcp' }, [c]],
    ['all together', { reason: 'rejected', station: 'DG-AIR', via: 'mqtt' }, [a]],
  ] as const)('keeps %s', (_name, f, want) => {
    expect(filterDeadLetters(list, f)).toEqual(want)
  })

  it('offers every counted reason and any in the list', () => {
    expect(reasonOptions({ schema: 1, 'not-json': 2 }, list)).toEqual(['hj212-crc', 'not-json', 'schema', 'unknown-metric'])
  })

  it.each(['all', 'rejected', 'warnings', { reason: 'not-json' }] as const)('round-trips the select value of %j', (r) => {
    expect(parseReasonFilter(reasonFilterValue(r))).toEqual(r)
  })

  it('reads an unknown select value as everything', () => {
    expect(parseReasonFilter('nonsense')).toBe('all')
  })

  it('keys letters stably, numbering repeats', () => {
    const keys = deadLetterKeys([a, b, a])
    expect(new Set(keys).size).toBe(3)
    expect(keys[2]).toBe(`${keys[0]}#1`)
    expect(deadLetterKeys([a, b])).toEqual(keys.slice(0, 2))
  })
})
