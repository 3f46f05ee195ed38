import { describe, expect, it } from 'vitest'
import { dataKindOf, valueFieldOf } from './commands'

describe('dataKindOf', () => {
  it.each([
    ['2011', 'realtime'],
    ['2051', 'minute'],
    ['2061', 'hourly'],
    ['2031', 'daily'],
  ])('CN %s is a %s data upload', (cn, kind) => {
    expect(dataKindOf(cn)).toBe(kind)
  })

  it.each([['9014'], ['9011'], ['1062'], ['2021'], ['2041'], ['toString'], ['']])('CN %j is not a data upload', (cn) => {
    expect(dataKindOf(cn)).toBeUndefined()
  })
})

describe('valueFieldOf', () => {
  it.each([
    ['realtime', 'Rtd'],
    ['minute', 'Avg'],
    ['hourly', 'Avg'],
    ['daily', 'Avg'],
  ] as const)('%s data carries its value in -%s', (kind, field) => {
    expect(valueFieldOf(kind)).toBe(field)
  })
})
