import { describe, expect, it } from 'vitest'
import type { WaterBody } from '../domain/station'
import { GB3838_LIMITS, assessWater, classifyWaterItem, maybeWaterClass, waterLimit, type WaterClass, type WaterItem } from './surface-water'

const CLASSES: WaterClass[] = ['I', 'II', 'III', 'IV', 'V']
const NEXT: Record<string, WaterClass> = { I: 'II', II: 'III', III: 'IV', IV: 'V', V: 'worse-than-V' }

// GB 3838-2002 Table 1 typed out again from the reference (I..V).
const UPPER: [WaterItem, WaterBody, number[]][] = [
  ['codmn', 'river', [2, 4, 6, 10, 15]],
  ['cod', 'river', [15, 15, 20, 30, 40]],
  ['bod5', 'river', [3, 3, 4, 6, 10]],
  ['nh3n', 'river', [0.15, 0.5, 1.0, 1.5, 2.0]],
  ['tp', 'river', [0.02, 0.1, 0.2, 0.3, 0.4]],
  ['tp', 'lake', [0.01, 0.025, 0.05, 0.1, 0.2]],
  ['tn', 'lake', [0.2, 0.5, 1.0, 1.5, 2.0]],
]

/** The best class whose limit the value meets (equal limits for I and II put an at-limit value in I). */
function bestClassAt(limits: number[], k: number): WaterClass {
  return CLASSES[limits.indexOf(limits[k]!)]!
}

describe('GB 3838-2002 upper-limit items: a value at a limit is in the better class', () => {
  const cases = UPPER.flatMap(([item, body, limits]) => limits.map((l, k) => [item, body, l, bestClassAt(limits, k), k] as const))
  it.each(cases)('%s (%s) at %d is class %s', (item, body, v, cls) => {
    expect(classifyWaterItem(item, v, body)).toBe(cls)
  })

  const above = UPPER.flatMap(([item, body, limits]) =>
    limits.map((l, k) => [item, body, l, limits[k + 1] === l ? NEXT[NEXT[CLASSES[k]!]!]! : NEXT[CLASSES[k]!]!] as const),
  )
  it.each(above)('%s (%s) just above %d is class %s', (item, body, v, cls) => {
    expect(classifyWaterItem(item, v * 1.0001, body)).toBe(cls)
  })

  it.each(UPPER.map(([item, body, limits]) => [item, body, limits] as const))('%s (%s) limits match the reference', (item, body, limits) => {
    expect(CLASSES.map((c) => waterLimit(item, c as Exclude<WaterClass, 'worse-than-V'>, body))).toEqual(limits)
  })
})

describe('dissolved oxygen (higher is better, >= limits)', () => {
  it.each([
    [7.5, 'I'],
    [7.49, 'II'],
    [6, 'II'],
    [5.99, 'III'],
    [5, 'III'],
    [4.99, 'IV'],
    [3, 'IV'],
    [2.99, 'V'],
    [2, 'V'],
    [1.99, 'worse-than-V'],
    [12, 'I'],
  ] as const)('DO %d mg/L is class %s', (v, cls) => {
    expect(classifyWaterItem('do', v)).toBe(cls)
  })

  it('keeps the DO limits as data', () => {
    expect(GB3838_LIMITS.do).toEqual([7.5, 6, 5, 3, 2])
  })
})

describe('pH (6–9 in every class)', () => {
  it.each([
    [6, 'I'],
    [9, 'I'],
    [7.2, 'I'],
    [5.99, 'worse-than-V'],
    [9.01, 'worse-than-V'],
  ] as const)('pH %d is class %s', (v, cls) => {
    expect(classifyWaterItem('ph', v)).toBe(cls)
  })
})

describe('river vs lake', () => {
  it('classes TP 0.05 as II in a river and III in a lake', () => {
    expect([classifyWaterItem('tp', 0.05, 'river'), classifyWaterItem('tp', 0.05, 'lake')]).toEqual(['II', 'III'])
  })

  it('does not assess TN in a river', () => {
    expect(classifyWaterItem('tn', 5, 'river')).toBeUndefined()
    expect(assessWater({ tn: 5, do: 8 }, 'river').cls).toBe('I')
  })

  it('assesses TN in a lake', () => {
    expect(assessWater({ tn: 1.2, do: 8 }, 'lake').cls).toBe('IV')
  })
})

describe('station assessment (single-factor: worst item)', () => {
  it('takes the worst item class', () => {
    const a = assessWater({ ph: 7.5, do: 6.5, codmn: 3, nh3n: 0.6, tp: 0.12 })
    expect(a.cls).toBe('III')
    expect(a.worstItems).toEqual(['nh3n', 'tp'])
    expect(a.compliant).toBe(true)
  })

  it('lists the items worse than class III with their exceedance multiple', () => {
    const a = assessWater({ do: 4, codmn: 3, nh3n: 1.5 })
    expect(a.compliant).toBe(false)
    expect(a.exceeding).toEqual(['do', 'nh3n'])
    expect(a.items.find((x) => x.item === 'nh3n')?.multiple).toBeCloseTo(0.5, 12)
    expect(a.items.find((x) => x.item === 'do')?.multiple).toBeUndefined()
  })

  it('judges against a configured class II', () => {
    const a = assessWater({ nh3n: 0.6 }, 'river', 'II')
    expect([a.cls, a.compliant, a.exceeding]).toEqual(['III', false, ['nh3n']])
  })

  it('is undefined without assessable items', () => {
    expect(assessWater({}).compliant).toBeUndefined()
  })

  it.each([
    ['II', 'II'],
    ['VI', undefined],
    [undefined, undefined],
  ])('narrows configured class %s to %s', (v, cls) => {
    expect(maybeWaterClass(v)).toBe(cls)
  })
})
