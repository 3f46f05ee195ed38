import { describe, expect, it } from 'vitest'
import type { Reading } from '../../../shared/src/domain/reading'
import { flagField, lineBatches, parseField, toLine } from './influx-line'

const TS = 1_772_380_800_000 // 2026-03-02T00:00:00+08:00

describe('toLine', () => {
  it.each<[string, Reading, string]>([
    [
      'a value with its flag',
      { stationId: 'S1', kind: 'air', ts: TS, values: { pm25: 35.2 }, flags: { pm25: 'D' } },
      `reading,kind=air,station=S1 pm25=35.2,pm25:flag="D" ${TS}`,
    ],
    [
      'flag N when absent',
      { stationId: 'S1', kind: 'water', ts: TS, values: { ph: 7, do: 6.5 } },
      `reading,kind=water,station=S1 ph=7,ph:flag="N",do=6.5,do:flag="N" ${TS}`,
    ],
    [
      'small and large floats',
      { stationId: 'S1', kind: 'energy', ts: TS + 1, values: { a: 1e-7, b: -2.5e21 } },
      `reading,kind=energy,station=S1 a=1e-7,a:flag="N",b=-2.5e+21,b:flag="N" ${TS + 1}`,
    ],
    [
      'escaped tag values and field keys',
      { stationId: 'a b,c=d', kind: 'air', ts: TS, values: { 'x y': 1 } },
      `reading,kind=air,station=a\\ b\\,c\\=d x\\ y=1,x\\ y:flag="N" ${TS}`,
    ],
  ])('encodes %s', (_, r, line) => {
    expect(toLine(r)).toBe(line)
  })

  it('writes no line for a reading without values', () => {
    expect(toLine({ stationId: 'S1', kind: 'air', ts: TS, values: {} })).toBeUndefined()
  })

  it.each<[string, Reading]>([
    ['a fractional timestamp', { stationId: 'S1', kind: 'air', ts: TS + 0.5, values: { pm25: 1 } }],
    ['a non-finite value', { stationId: 'S1', kind: 'air', ts: TS, values: { pm25: Number.NaN } }],
  ])('throws on %s', (_, r) => {
    expect(() => toLine(r)).toThrow(/^invalid /)
  })
})

describe('flag fields', () => {
  it('round-trips a metric through its flag field name', () => {
    expect(parseField(flagField('hj212.B01'))).toEqual({ metric: 'hj212.B01', isFlag: true })
    expect(parseField('pm25_flag')).toEqual({ metric: 'pm25_flag', isFlag: false })
  })
})

describe('lineBatches', () => {
  const readings: Reading[] = Array.from({ length: 7 }, (_, i) => ({ stationId: 'S1', kind: 'air', ts: TS + i, values: { pm25: i } }))

  it('splits by line count, keeping every line in order', () => {
    const batches = [...lineBatches(readings, 3, 1 << 20)]
    expect(batches.map((b) => b.length)).toEqual([3, 3, 1])
    expect(batches.flat()).toEqual(readings.map((r) => toLine(r)))
  })

  it('splits by bytes, but never leaves a line behind', () => {
    const size = Buffer.byteLength(toLine(readings[0]!)!) + 1
    expect([...lineBatches(readings, 100, 2 * size)].map((b) => b.length)).toEqual([2, 2, 2, 1])
    expect([...lineBatches(readings, 100, 1)].map((b) => b.length)).toEqual([1, 1, 1, 1, 1, 1, 1])
  })
})
