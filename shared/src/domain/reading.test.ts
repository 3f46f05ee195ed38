import { describe, expect, it } from 'vitest'
import { decodeJson, isValidFlag, parseTimestamp, validateReading, validateReadingPayload } from './reading'

const NOW = Date.parse('2026-11-24T08:00:00+08:00')

describe('parseTimestamp', () => {
  it.each([
    ['2026-11-24T08:00:00+08:00', NOW],
    ['2026-11-24T00:00:00Z', NOW],
    ['2026-11-24T08:00+08:00', NOW],
    ['2026-11-24T08:00:00.000+0800', NOW],
    [NOW, NOW],
  ])('accepts %s', (ts, want) => {
    expect(parseTimestamp(ts)).toEqual({ ok: true, value: want })
  })

  it.each([
    ['2026-11-24T08:00:00', 'bad-timestamp'],
    ['yesterday', 'bad-timestamp'],
    ['2026-13-45T08:00:00Z', 'bad-timestamp'],
    [1.5, 'bad-timestamp'],
    [-1, 'bad-timestamp'],
    [8_640_000_000_000_001, 'bad-timestamp'],
    [1e20, 'bad-timestamp'],
    [undefined, 'schema'],
    [true, 'schema'],
  ])('rejects %s as %s', (ts, reason) => {
    expect(parseTimestamp(ts)).toMatchObject({ ok: false, reason })
  })
})

describe('validateReading', () => {
  it('accepts a contract reading and keeps its flags', () => {
    const r = validateReading({ ts: '2026-11-24T08:00:00+08:00', values: { pm25: 35.2, pm10: 61 }, flags: { pm25: 'N' } }, 'A1', 'air', NOW)
    expect(r).toEqual({
      ok: true,
      value: {
        reading: { stationId: 'A1', kind: 'air', ts: NOW, values: { pm25: 35.2, pm10: 61 }, flags: { pm25: 'N' } },
        unknownKeys: [],
      },
    })
  })

  it('keeps unknown metrics and names them', () => {
    const r = validateReading({ ts: NOW, values: { pm25: 1, benzene: 2 } }, 'A1', 'air', NOW)
    expect(r.ok && r.value.unknownKeys).toEqual(['benzene'])
    expect(r.ok && r.value.reading.values.benzene).toBe(2)
  })

  it.each([
    [{ ts: NOW + 6 * 60_000, values: { pm25: 1 } }, 'ts-future'],
    [{ ts: NOW - 500 * 86_400_000, values: { pm25: 1 } }, 'ts-too-old'],
    [{ ts: NOW, values: { pm25: null } }, 'schema'],
    [{ ts: NOW, values: { pm25: Infinity } }, 'non-finite'],
    [{ ts: NOW, values: [] }, 'schema'],
    [{ ts: NOW, values: { 'bad key!': 1 } }, 'schema'],
    [{ ts: NOW, values: { pm25: 1 }, flags: { pm25: 'Z' } }, 'schema'],
    [{ ts: NOW, values: { pm25: 1 }, flags: { pm10: 'N' } }, 'schema'],
    ['a string', 'schema'],
  ])('rejects %j as %s', (obj, reason) => {
    expect(validateReading(obj, 'A1', 'air', NOW)).toMatchObject({ ok: false, reason })
  })

  it('accepts a reading exactly 5 minutes in the future', () => {
    expect(validateReading({ ts: NOW + 5 * 60_000, values: { pm25: 1 } }, 'A1', 'air', NOW).ok).toBe(true)
  })
})

describe('validateReadingPayload', () => {
  it('accepts the valid elements of a batch and lists the rejected ones', () => {
    const r = validateReadingPayload(
      [
        { ts: NOW, values: { ph: 7 } },
        { ts: NOW, values: {} },
        { ts: NOW - 1000, values: { ph: 7.1 } },
      ],
      'W1',
      'water',
      NOW,
    )
    expect(r.ok && r.value.readings.map((x) => x.values.ph)).toEqual([7, 7.1])
    expect(r.ok && r.value.rejected).toEqual([{ index: 1, reason: 'schema', message: 'values is empty' }])
  })

  it('rejects a batch with no valid element', () => {
    expect(validateReadingPayload([{ ts: 'x', values: { ph: 1 } }], 'W1', 'water', NOW)).toMatchObject({
      ok: false,
      reason: 'bad-timestamp',
    })
  })

  it('rejects an empty batch and an oversized batch', () => {
    expect(validateReadingPayload([], 'W1', 'water', NOW)).toMatchObject({ ok: false, reason: 'schema' })
    const big = Array.from({ length: 11 }, () => ({ ts: NOW, values: { ph: 7 } }))
    expect(validateReadingPayload(big, 'W1', 'water', NOW, { maxAgeMs: 1e12, maxFutureMs: 0, maxBatch: 10 })).toMatchObject({
      ok: false,
      reason: 'too-large',
    })
  })

  it('warns about unknown metrics', () => {
    const r = validateReadingPayload({ ts: NOW, values: { ph: 7, foo: 1 } }, 'W1', 'water', NOW)
    expect(r.ok && r.value.warnings[0]?.reason).toBe('unknown-metric')
  })
})

describe('a timestamp past the last Date', () => {
  it('rejects only its own batch element; the rest is accepted', () => {
    const r = validateReadingPayload(
      [
        { ts: NOW, values: { pm25: 1 } },
        { ts: 8_640_000_000_000_001, values: { pm25: 2 } },
      ],
      'DG-A01',
      'air',
      NOW,
    )
    expect(r.ok && r.value.readings.map((x) => x.values.pm25)).toEqual([1])
    expect(r.ok && r.value.rejected).toEqual([
      { index: 1, reason: 'bad-timestamp', message: 'ts 8640000000000001 is past the last date a timestamp can hold' },
    ])
  })
})

describe('decodeJson', () => {
  it.each([
    [Buffer.from('{"a":1}'), true, undefined],
    [Buffer.from('{"a":'), false, 'not-json'],
    [Buffer.from([0xc3, 0x28]), false, 'invalid-utf8'],
    [Buffer.alloc(2000, 0x20), false, 'too-large'],
    [Buffer.from('{"ts":1,"values":{"pm25":1},"meta":' + '['.repeat(100) + ']'.repeat(100) + '}'), false, 'schema'],
    [Buffer.from('['.repeat(33) + ']'.repeat(33)), false, 'schema'],
    [Buffer.from('['.repeat(32) + ']'.repeat(32)), true, undefined],
  ])('decodes %#', (buf, ok, reason) => {
    const r = decodeJson(buf, 1024)
    expect(r.ok).toBe(ok)
    if (!r.ok) expect(r.reason).toBe(reason)
  })
})

describe('isValidFlag', () => {
  it.each([
    [undefined, true],
    ['N', true],
    ['S', true],
    ['F', false],
    ['M', false],
    ['D', false],
    ['C', false],
    ['T', false],
    ['B', false],
  ] as const)('%s counts toward compliance: %s', (flag, want) => {
    expect(isValidFlag(flag)).toBe(want)
  })
})
