import { describe, expect, it } from 'vitest'
import { HJ212_CN, HJ212_ST } from './commands'
import { parseFrame } from './parse'
import { STANDARD_EXAMPLE, WATER_2005 } from './test-fixtures'
import { HJ212_EDITIONS, editionLabel, editionOf } from './versions'

describe('editions (versions.ts)', () => {
  it.each([
    [4, 'HJ 212-2017'],
    [5, 'HJ 212-2017'],
    [7, 'HJ 212-2017'],
    [undefined, 'HJ/T 212-2005'],
    [0, 'Flag version 0'],
    [9, 'Flag version 2'],
  ])('Flag %s is %s', (flag, label) => {
    expect(editionLabel(flag)).toBe(label)
  })

  it('parses an unknown version with the 2017 rules rather than guessing another edition', () => {
    const e = editionOf(9)
    expect(e).toMatchObject({ id: 'unknown', flagVersion: 2, st: HJ212_ST, cn: HJ212_CN })
    expect(e.dataKindOf('2061')).toBe('hourly')
  })

  it('holds every edition-dependent table in one row per edition', () => {
    expect(HJ212_EDITIONS.map((e) => [e.id, e.flagVersion])).toEqual([
      ['HJ 212-2017', 1],
      ['HJ/T 212-2005', undefined],
    ])
    for (const e of HJ212_EDITIONS) expect(e.tolerated.dataTime.test('20160824003817000')).toBe(true)
  })

  it.each([
    ['(1) Flag=5', STANDARD_EXAMPLE, 'HJ 212-2017'],
    ['(2) no Flag', WATER_2005, 'HJ/T 212-2005'],
  ])('the reference frame %s speaks %s', (_name, frame, label) => {
    const r = parseFrame(frame)
    expect(r.ok && editionLabel(r.value.flag.raw)).toBe(label)
  })
})
