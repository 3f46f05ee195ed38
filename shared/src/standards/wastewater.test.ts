import { describe, expect, it } from 'vitest'
import { checkWastewater, maybePlantClass, wastewaterLimits, type PlantClass, type WastewaterItem } from './wastewater'

const NEW_PLANT = { builtDate: '2010-05-01' }

describe('GB 18918-2002 Table 1 class 1A daily-mean limits', () => {
  it.each<[WastewaterItem, number]>([
    ['cod', 50],
    ['bod5', 10],
    ['ss', 10],
    ['tn', 15],
    ['nh3n', 5],
    ['tp', 0.5],
  ])('%s at the 1A limit %d complies', (item, limit) => {
    expect(checkWastewater({ [item]: limit }, NEW_PLANT, 20).compliant).toBe(true)
  })

  it.each<[WastewaterItem, number]>([
    ['cod', 50.1],
    ['bod5', 10.1],
    ['ss', 10.1],
    ['tn', 15.1],
    ['nh3n', 5.01],
    ['tp', 0.51],
  ])('%s at %d exceeds 1A', (item, v) => {
    expect(checkWastewater({ [item]: v }, NEW_PLANT, 20).exceeding).toEqual([item])
  })

  it.each([
    [6, true],
    [9, true],
    [5.9, false],
    [9.1, false],
  ])('pH %d complies: %s', (ph, ok) => {
    expect(checkWastewater({ ph }, NEW_PLANT).compliant).toBe(ok)
  })

  it('defaults to class 1A', () => {
    expect(wastewaterLimits(NEW_PLANT, 20).cls).toBe('1A')
  })
})

describe('limits of every class (data)', () => {
  it.each<[PlantClass, object]>([
    ['1A', { cod: 50, bod5: 10, ss: 10, tn: 15, nh3n: 5, tp: 0.5 }],
    ['1B', { cod: 60, bod5: 20, ss: 20, tn: 20, nh3n: 8, tp: 1 }],
    ['2', { cod: 100, bod5: 30, ss: 30, nh3n: 25, tp: 3 }],
    ['3', { cod: 120, bod5: 60, ss: 50, tp: 5 }],
  ])('class %s, warm water, built from 2006: %j', (cls, max) => {
    expect(wastewaterLimits({ cls, builtDate: '2006-01-01' }, 20).max).toEqual(max)
  })

  it.each<[PlantClass, number | undefined, number]>([
    ['1A', 8, 1],
    ['1B', 15, 1.5],
    ['2', 30, 3],
    ['3', undefined, 5],
  ])('class %s, cold water, built before 2006: NH3-N %s, TP %d', (cls, nh3n, tp) => {
    const l = wastewaterLimits({ cls, builtDate: '2005-12-31' }, 10).max
    expect([l.nh3n, l.tp]).toEqual([nh3n, tp])
  })

  it('does not control TN for class 2', () => {
    expect(checkWastewater({ tn: 40 }, { cls: '2' }, 20).compliant).toBeUndefined()
  })
})

describe('ammonia temperature rule (bracketed limit at water temperature <= 12 °C)', () => {
  it.each([
    [12, 8],
    [11.9, 8],
    [12.1, 5],
    [25, 5],
  ])('at %d °C the 1A NH3-N limit is %d', (temp, limit) => {
    expect(wastewaterLimits(NEW_PLANT, temp).max.nh3n).toBe(limit)
  })

  it('accepts 7 mg/L NH3-N at exactly 12 °C and rejects it at 12.1 °C', () => {
    expect([checkWastewater({ nh3n: 7 }, NEW_PLANT, 12).compliant, checkWastewater({ nh3n: 7 }, NEW_PLANT, 12.1).compliant]).toEqual([
      true,
      false,
    ])
  })

  it('uses the configured default temperature when none is measured', () => {
    expect(wastewaterLimits({ ...NEW_PLANT, defaultWaterTempC: 10 }).max.nh3n).toBe(8)
  })

  it('prefers the measured temperature to the configured default', () => {
    expect(wastewaterLimits({ ...NEW_PLANT, defaultWaterTempC: 10 }, 20).max.nh3n).toBe(5)
  })

  it('uses the stricter > 12 °C limit and notes it when the temperature is unknown', () => {
    const l = wastewaterLimits(NEW_PLANT)
    expect(l.max.nh3n).toBe(5)
    expect(l.notes).toEqual(['temperature-unknown'])
  })
})

describe('total phosphorus by build date', () => {
  it.each([
    ['2005-12-31', 1],
    ['2006-01-01', 0.5],
    ['1998-07-01', 1],
  ])('a 1A plant built %s has a TP limit of %d', (builtDate, tp) => {
    expect(wastewaterLimits({ builtDate }, 20).max.tp).toBe(tp)
  })

  it('uses the stricter from-2006 limit and notes it when the build date is unknown', () => {
    const l = wastewaterLimits({}, 20)
    expect(l.max.tp).toBe(0.5)
    expect(l.notes).toEqual(['build-date-unknown'])
  })
})

describe('maybePlantClass', () => {
  it.each([
    ['1B', '1B'],
    ['1C', undefined],
    [3, undefined],
  ])('narrows %s to %s', (v, cls) => {
    expect(maybePlantClass(v)).toBe(cls)
  })
})
