import { describe, expect, it } from 'vitest'
import { MAX_FLAG_MARKS, flaggedSamples, pushFlagMark } from './flag-marks'

describe('flag marks', () => {
  it('keeps only samples flagged other than N', () => {
    expect(flaggedSamples([1, 2, 3], [5, 6, 7], ['N', 'C', 'M'])).toEqual([
      { t: 2, v: 6, flag: 'C' },
      { t: 3, v: 7, flag: 'M' },
    ])
    expect(flaggedSamples([1], [5], undefined)).toEqual([])
  })

  it('drops marks older than the window and beyond the bound', () => {
    const marks = [{ t: 1, v: 0, flag: 'C' }]
    pushFlagMark(marks, { t: 10, v: 0, flag: 'M' }, 5)
    expect(marks.map((m) => m.t)).toEqual([10])
    for (let i = 0; i < MAX_FLAG_MARKS + 5; i++) pushFlagMark(marks, { t: 20 + i, v: 0, flag: 'D' }, 0)
    expect(marks.length).toBe(MAX_FLAG_MARKS)
  })
})
